import { Organisation } from '../organisations/organisation';
import { DataCategory } from './data-categories';
import { Purpose } from './purposes';

/**
 * Consent as the decision sees it (after FHIR Consent): who granted what to whom, for which
 * purposes and data categories, for which period, permit or deny. The bank keeps the registry
 * and hands the facts about one child to the other subgraphs inside its signed access grant.
 */
export interface ConsentFact {
  id: string;
  /** Grantee specs: `organisation:<ОГРН>`, or `type:<agency type>:<OKTMO>` (that type's organisations serving the territory). */
  grantees: string[];
  categories: DataCategory[];
  purposes: Purpose[];
  provision: 'permit' | 'deny';
  status: 'active' | 'withdrawn';
  /** "YYYY-MM-DD", inclusive. */
  from: string;
  to: string | null;
}

/** Legal bases that need no consent (data, like the permission table). */
export const LEGAL_BASES = {
  'own-records': 'собственные сведения ведомства',
  '120-FZ-art9': '120-ФЗ ст. 9: обмен информацией между органами системы профилактики',
  '120-FZ-art11': '120-ФЗ ст. 11: полномочия комиссии по делам несовершеннолетних',
  emergency: 'угроза жизни или здоровью ребёнка (экстренный доступ)',
} as const;

/** Special categories (152-ФЗ art. 10) never travel on the signal-exchange basis alone. */
const SPECIAL: ReadonlySet<DataCategory> = new Set(['health', 'offences']);

export type ConsentOutcome = { basis: string } | { reason: string };

function inPeriod(c: ConsentFact, today: string): boolean {
  return c.from <= today && (c.to === null || today <= c.to);
}

/**
 * `consents` in the order they were recorded.
 * Which consent (or law) lets `agency` use `category` for `purpose`, or why nothing does. A deny
 * provision wins over a permit; withdrawal takes effect at once, expiry on the day after `to`.
 */
export function consentBasis(consents: readonly ConsentFact[], organisation: Organisation, category: DataCategory, purpose: Purpose, today = new Date().toISOString().slice(0, 10)): ConsentOutcome {
  const forAgency = consents.filter((c) => c.grantees.some((grantee) => granteeCovers(grantee, organisation)));
  const covering = forAgency.filter((c) => c.categories.includes(category) && c.purposes.includes(purpose));
  if (covering.some((c) => c.provision === 'deny' && c.status === 'active' && inPeriod(c, today))) return { reason: 'consent_denied' };
  const permit = covering.find((c) => c.provision === 'permit' && c.status === 'active' && inPeriod(c, today));
  if (permit) return { basis: `consent:${permit.id}` };
  if (purpose === 'SIGNAL_CHECK' && !SPECIAL.has(category)) return { basis: 'law:120-FZ-art9' };
  // The most recently recorded covering consent is the parent's current word on it.
  const latest = covering.filter((c) => c.provision === 'permit').at(-1);
  if (latest?.status === 'withdrawn') return { reason: 'consent_withdrawn' };
  if (latest && !inPeriod(latest, today)) return { reason: 'consent_expired' };
  if (forAgency.some((c) => c.provision === 'permit' && c.status === 'active' && !c.purposes.includes(purpose))) return { reason: 'purpose_not_covered' };
  if (forAgency.some((c) => c.provision === 'permit' && c.status === 'active')) return { reason: 'category_not_covered' };
  return { reason: 'no_consent' };
}

/** A parent consents to named organisations, or to an agency type within named territories: never to a type region-wide. */
export function granteeCovers(grantee: string, organisation: Organisation): boolean {
  const [kind, a, b] = grantee.split(':');
  if (kind === 'organisation') return a === organisation.id;
  if (kind === 'type') return a === organisation.type && b !== undefined && organisation.territories.includes(b);
  return false;
}

export function organisationGrantee(id: string): string {
  return `organisation:${id}`;
}

export function typeGrantee(type: string, oktmo: string): string {
  return `type:${type}:${oktmo}`;
}
