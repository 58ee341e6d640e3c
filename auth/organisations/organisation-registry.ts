import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isOgrn, isOrganisationType, Organisation, OrganisationType, Region, SystemBinding } from './organisation';

export interface RegistryData {
  regions: Region[];
  organisations: Organisation[];
  systems: SystemBinding[];
}

/**
 * The region's organisations, territories and systems, read once at start and validated whole:
 * every service (gateway and subgraphs) loads the same file, so a decision never depends on
 * which process made it.
 */
export class OrganisationRegistry {
  private readonly byId = new Map<string, Organisation>();
  private readonly regionByOktmo = new Map<string, Region>();
  private readonly systemsByClient = new Map<string, SystemBinding>();

  constructor(readonly data: RegistryData) {
    const errors = validateRegistry(data);
    if (errors.length) throw new Error(`Реестр организаций содержит ошибки:\n- ${errors.join('\n- ')}`);
    data.organisations.forEach((o) => this.byId.set(o.id, o));
    data.regions.forEach((r) => r.municipalities.forEach((m) => this.regionByOktmo.set(m.oktmo, r)));
    data.systems.forEach((s) => this.systemsByClient.set(s.clientId, s));
  }

  get(id: string): Organisation | null {
    return this.byId.get(id) ?? null;
  }

  all(): readonly Organisation[] {
    return this.data.organisations;
  }

  regionOf(oktmo: string): Region | null {
    return this.regionByOktmo.get(oktmo) ?? null;
  }

  municipalityName(oktmo: string): string | null {
    return this.regionOf(oktmo)?.municipalities.find((m) => m.oktmo === oktmo)?.name ?? null;
  }

  /** The organisations a system may act for; empty for a client that is not a registered system. */
  systemOrganisations(clientId: string): string[] {
    return this.systemsByClient.get(clientId)?.organisations ?? [];
  }

  /**
   * Where the KDN names only an agency type for a territory (older clients, seeded data), the
   * organisation meant is the first of that type serving it (its municipal body comes before a
   * regional one), so participation is still held by one organisation, never by a type.
   */
  defaultFor(type: OrganisationType, oktmo: string): Organisation | null {
    const serving = this.data.organisations.filter((o) => o.type === type && o.territories.includes(oktmo));
    return serving.find((o) => o.territories.length === 1) ?? serving[0] ?? null;
  }
}

function validateRegistry(data: RegistryData): string[] {
  const errors: string[] = [];
  const ids = new Set<string>();
  const oktmos = new Set(data.regions.flatMap((r) => r.municipalities.map((m) => m.oktmo)));
  for (const r of data.regions) {
    if (!/^\d{2}$/.test(r.code)) errors.push(`регион ${r.code}: код должен состоять из 2 цифр`);
    if (!isOrganisationType(r.dataBankOperator)) errors.push(`регион ${r.code}: неизвестный оператор банка данных ${r.dataBankOperator}`);
    for (const m of r.municipalities) if (!/^\d{8}$/.test(m.oktmo)) errors.push(`регион ${r.code}: ОКТМО ${m.oktmo} должен состоять из 8 цифр`);
  }
  for (const o of data.organisations) {
    if (!isOgrn(o.id)) errors.push(`организация ${o.code}: ${o.id} не является корректным ОГРН`);
    if (ids.has(o.id)) errors.push(`организация ${o.code}: ОГРН ${o.id} повторяется`);
    ids.add(o.id);
    if (!isOrganisationType(o.type)) errors.push(`организация ${o.code}: неизвестный тип ${o.type}`);
    if (!o.name?.trim()) errors.push(`организация ${o.code}: нет наименования`);
    if (!o.territories.length) errors.push(`организация ${o.code}: не указаны территории`);
    for (const t of o.territories) {
      if (!oktmos.has(t)) errors.push(`организация ${o.code}: территория ${t} не входит ни в один регион реестра`);
      else if (data.regions.find((r) => r.municipalities.some((m) => m.oktmo === t))?.code !== o.region) errors.push(`организация ${o.code}: территория ${t} вне региона ${o.region}`);
    }
  }
  for (const o of data.organisations) if (o.parent && !ids.has(o.parent)) errors.push(`организация ${o.code}: вышестоящая ${o.parent} не найдена`);
  for (const s of data.systems) for (const id of s.organisations) if (!ids.has(id)) errors.push(`система ${s.clientId}: организация ${id} не найдена`);
  return errors;
}

export const DEFAULT_REGISTRY_FILE = path.join(__dirname, 'organisations.json');

let cached: { file: string; registry: OrganisationRegistry } | null = null;

/** The registry from `HUB_ORGANISATIONS_FILE` (production) or the demo file beside this module. */
export function loadOrganisationRegistry(file = process.env.HUB_ORGANISATIONS_FILE || DEFAULT_REGISTRY_FILE): OrganisationRegistry {
  if (cached?.file === file) return cached.registry;
  const registry = new OrganisationRegistry(JSON.parse(readFileSync(file, 'utf8')) as RegistryData);
  cached = { file, registry };
  return registry;
}
