/**
 * Data categories of the consent model (FHIR Consent's `class`), and which category each field
 * path of an answer belongs to, for the audit record ("which fields and categories were shown").
 */
export const DATA_CATEGORIES = ['identity', 'contacts', 'documents', 'education', 'health', 'offences', 'social', 'housing'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Fields that carry no personal data (keys, type names, the bank's grants). */
const NOT_PERSONAL = /(^|\.)(__typename|id|accessGrant|agency|childId|familyId)$/;

const AGENCY_CATEGORY: Record<string, DataCategory> = {
  education: 'education',
  health: 'health',
  police: 'offences',
  social: 'social',
  guardianship: 'social',
};

export function categoryOfPath(service: string, path: string): DataCategory | null {
  if (NOT_PERSONAL.test(path)) return null;
  if (service === 'bank') {
    if (/snils|maskedSnils/i.test(path)) return 'documents';
    // The account card: a member's passport or birth certificate, phones, housing, the rest of the family's situation.
    if (/accountCard\.members\.document\./i.test(path)) return 'documents';
    if (/address|phones?$/i.test(path)) return 'contacts';
    if (/accountCard\.housing\./i.test(path)) return 'housing';
    if (/accountCard\.(?!members\.)/i.test(path)) return 'social';
    if (/bankStanding|participations/.test(path)) return 'social';
    return 'identity';
  }
  if (service === 'guardianship' && /inspections|removals/.test(path)) return 'housing';
  return AGENCY_CATEGORY[service] ?? null;
}

/** The category an operation reads, for consent: an agency section is that agency's category. */
export function categoryOfOperation(operation: string, agency?: string): DataCategory {
  if (operation === 'health:read') return 'health';
  if (operation === 'offences:read') return 'offences';
  if (operation === 'identity:read' || operation.startsWith('identity:') || operation.startsWith('participation:')) return 'identity';
  if (agency === 'education') return 'education';
  if (agency === 'guardianship') return 'housing';
  return 'social';
}
