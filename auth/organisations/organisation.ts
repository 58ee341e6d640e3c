/**
 * Who acts in the prevention system: an organisation (a school, a clinic, a police juvenile
 * unit, a commission...) of an agency type, serving territories (OKTMO) of one region.
 */
export const SUBGRAPH_AGENCIES = ['kdn', 'guardianship', 'social', 'education', 'health', 'police'] as const;

/** Agency types of 120-ФЗ: those with a subgraph of their own, and those that only report and take part. */
export const ORGANISATION_TYPES = [...SUBGRAPH_AGENCIES, 'youth', 'sport', 'culture', 'employment', 'penal', 'ngo'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const ORGANISATION_TYPE_CAPTIONS: Record<OrganisationType, string> = {
  kdn: 'комиссия по делам несовершеннолетних и защите их прав',
  guardianship: 'орган опеки и попечительства',
  social: 'орган (учреждение) социальной защиты',
  education: 'образовательная организация',
  health: 'медицинская организация',
  police: 'орган внутренних дел (ПДН)',
  youth: 'орган по делам молодёжи',
  sport: 'организация физической культуры и спорта',
  culture: 'учреждение культуры',
  employment: 'служба занятости',
  penal: 'уголовно-исполнительная инспекция',
  ngo: 'некоммерческая организация',
};

export interface Organisation {
  /** Registry code (ОГРН, 13 digits): stable across renames. */
  id: string;
  /** Short code for logs and demo logins, e.g. `school1-vlk`. */
  code: string;
  name: string;
  type: OrganisationType;
  kind: string;
  /** Region code (subject of the Russian Federation), e.g. `05`. */
  region: string;
  /** OKTMO of the municipalities it serves. */
  territories: string[];
  parent: string | null;
  /**
   * When the administrator retired it (ISO date), or absent. A retired organisation stays in the
   * registry because participations, consents and notifications refer to it by ОГРН; nobody acts
   * for it any more.
   */
  retiredOn?: string | null;
}

export interface Region {
  code: string;
  name: string;
  /** Who keeps the data bank of families in SOP: guardianship (Myasnikovsky) or the KDN secretary (Mari El). */
  dataBankOperator: OrganisationType;
  municipalities: Array<{ oktmo: string; name: string }>;
}

/** An information system that acts for organisations (X-Road's client subsystem): its allow-list. */
export interface SystemBinding {
  clientId: string;
  name: string;
  organisations: string[];
}

/** The registry as one document: what the file holds and what the database stores, version by version. */
export interface RegistryData {
  regions: Region[];
  organisations: Organisation[];
  systems: SystemBinding[];
}

export function isOrganisationType(value: unknown): value is OrganisationType {
  return typeof value === 'string' && (ORGANISATION_TYPES as readonly string[]).includes(value);
}

/** ОГРН: 13 digits, the last one the remainder of the first twelve divided by 11, its last digit. */
export function isOgrn(value: string): boolean {
  if (!/^\d{13}$/.test(value)) return false;
  return Number(BigInt(value.slice(0, 12)) % 11n) % 10 === Number(value[12]);
}
