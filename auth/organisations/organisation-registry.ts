import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Organisation, OrganisationType, Region, RegistryData, SystemBinding } from './organisation';
import { validateRegistry } from './registry-validation';

export type { RegistryData } from './organisation';

/**
 * The region's organisations, territories and systems, validated whole, immutable: one version of
 * the registry. The file is the bootstrap; the database holds the versions the administrator
 * made since, and every service swaps in the newest (see RegistrySnapshot), so a decision never
 * depends on which process made it for longer than one refresh.
 */
export class OrganisationRegistry {
  private readonly byId = new Map<string, Organisation>();
  private readonly regionByOktmo = new Map<string, Region>();
  private readonly systemsByClient = new Map<string, SystemBinding>();
  private readonly active: readonly Organisation[];

  constructor(readonly data: RegistryData) {
    const issues = validateRegistry(data);
    if (issues.length) throw new Error(`Реестр организаций содержит ошибки:\n- ${issues.map((i) => `${i.subject}: ${i.message}`).join('\n- ')}`);
    data.organisations.forEach((o) => this.byId.set(o.id, o));
    data.regions.forEach((r) => r.municipalities.forEach((m) => this.regionByOktmo.set(m.oktmo, r)));
    data.systems.forEach((s) => this.systemsByClient.set(s.clientId, s));
    this.active = data.organisations.filter((o) => !o.retiredOn);
  }

  /** An organisation that acts today; a retired one is not found (see `find`). */
  get(id: string): Organisation | null {
    const found = this.byId.get(id);
    return found && !found.retiredOn ? found : null;
  }

  /** Retired organisations too: references kept by cases and consents, and the verifier's refusal reason. */
  find(id: string): Organisation | null {
    return this.byId.get(id) ?? null;
  }

  /** The organisations that act today. */
  all(): readonly Organisation[] {
    return this.active;
  }

  regionOf(oktmo: string): Region | null {
    return this.regionByOktmo.get(oktmo) ?? null;
  }

  municipalityName(oktmo: string): string | null {
    return this.regionOf(oktmo)?.municipalities.find((m) => m.oktmo === oktmo)?.name ?? null;
  }

  /** The organisations a system may act for (retired ones included: the verifier refuses them by name); empty for a client that is not a registered system. */
  systemOrganisations(clientId: string): string[] {
    return this.systemsByClient.get(clientId)?.organisations ?? [];
  }

  /**
   * Where the KDN names only an agency type for a territory (older clients, seeded data), the
   * organisation meant is the first of that type serving it (its municipal body comes before a
   * regional one), so participation is still held by one organisation, never by a type.
   */
  defaultFor(type: OrganisationType, oktmo: string): Organisation | null {
    const serving = this.active.filter((o) => o.type === type && o.territories.includes(oktmo));
    return serving.find((o) => o.territories.length === 1) ?? serving[0] ?? null;
  }
}

export const DEFAULT_REGISTRY_FILE = path.join(__dirname, 'organisations.json');

const files = new Map<string, OrganisationRegistry>();

/** A registry file, validated whole, read once per process. */
export function readRegistryFile(file = process.env.HUB_ORGANISATIONS_FILE || DEFAULT_REGISTRY_FILE): OrganisationRegistry {
  let registry = files.get(file);
  if (!registry) {
    registry = new OrganisationRegistry(JSON.parse(readFileSync(file, 'utf8')) as RegistryData);
    files.set(file, registry);
  }
  return registry;
}

/**
 * The version of the registry a process decides with. It starts as the file (version 0) and a
 * background refresh (registry-refresh.ts) swaps in each newer version from the database; callers
 * read it synchronously and never wait for the database.
 */
export class RegistrySnapshot {
  private installed: { version: number; registry: OrganisationRegistry } | null = null;

  constructor(private readonly bootstrap: () => OrganisationRegistry = () => readRegistryFile()) {}

  /** 0 while the process still decides with the file. */
  get version(): number {
    return this.installed?.version ?? 0;
  }

  get registry(): OrganisationRegistry {
    return this.installed?.registry ?? this.bootstrap();
  }

  /** Validates and swaps in a newer version; an older or equal one is ignored. Throws on a document that breaks a rule. */
  install(version: number, data: RegistryData): boolean {
    if (version <= this.version) return false;
    this.installed = { version, registry: new OrganisationRegistry(data) };
    return true;
  }
}

/** The one snapshot of this process: every service it runs (all of them under `npm start`) shares it. */
export const processRegistry = new RegistrySnapshot();

/**
 * The registry the process decides with now (`HUB_ORGANISATIONS_FILE` or the demo file until the
 * database's first version arrives). Given a file, that file as it is (configuration checks, tools).
 */
export function loadOrganisationRegistry(file?: string): OrganisationRegistry {
  return file === undefined ? processRegistry.registry : readRegistryFile(file);
}
