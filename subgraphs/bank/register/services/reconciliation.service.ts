import { DataSource } from 'typeorm';
import { AGENCY_CODES, AgencyCode } from '../../../../auth/principal';
import { AGENCY_CAPTIONS } from '../../../../schema/enums';
import { EVENT_TYPES, REGISTRATION_KINDS, RegistrationKind } from '../../../common/events/event-types';
import { fullName, Quarter, quarterBounds } from './quarterly-list.service';
import { reconciliationFiles } from './register-export.columns';

/**
 * The quarterly reconciliation of the data bank with the agencies' own registers (Mari El 5.6:
 * «ежеквартально проводит с органами и учреждениями системы профилактики сверки списков»). The
 * bank's side is its register; the agencies' side is what they reported of their registrations
 * (agency_record, aggregate type Registration, the latest state of each). Three kinds of
 * discrepancy, each a row to settle with the agency:
 *
 * - MISSING_AGENCY_REGISTRATION: a minor of a family in the register has no open registration with
 *   an agency the KDN resolution made lead or supporting agency of the case;
 * - NOT_IN_REGISTER: an agency keeps a minor of the municipality on its register, and no family of
 *   the minor is (or is any longer) in the data bank;
 * - REMOVED_BUT_OPEN: the family was removed from the data bank, and a registration the agency had
 *   opened before the removal is still open.
 *
 * Like with like: a registration kept by an agency is a discrepancy against the SOP register (b, c)
 * only when it is a form of work with minors in a socially dangerous situation (SOP_REGISTRATION_KINDS);
 * (a) still accepts any registration the resolution's agency opened, since it asks whether the agency
 * took the child on at all. Guardianship's record of the
 * child's status, a recognised difficult life situation and a school's internal register are other
 * registers: a family may rightly be on them and not in the bank, so they are listed apart
 * (otherRegistrations), never as discrepancies.
 *
 * Everything is taken as of the quarter's last day, or today while the quarter is running.
 * Agencies that report no registrations to the hub (the KDN keeps the bank itself; health keeps no
 * register) are not expected to have one: they are named in the notes, not counted as missing.
 */
export const DISCREPANCY_KINDS = ['MISSING_AGENCY_REGISTRATION', 'NOT_IN_REGISTER', 'REMOVED_BUT_OPEN'] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

export const DISCREPANCY_CAPTIONS: Record<DiscrepancyKind, string> = {
  MISSING_AGENCY_REGISTRATION: 'нет постановки на учёт в ведомстве',
  NOT_IN_REGISTER: 'ведомство ведёт учёт, в банке данных семьи нет',
  REMOVED_BUT_OPEN: 'снят с учёта в банке, ведомство учёт не закрыло',
};

/**
 * The registrations comparable with the SOP register: the juvenile unit's register (ПДН), which keeps
 * minors in a socially dangerous situation (120-ФЗ, ст. 5, 21). Not SOP: GUARDIANSHIP (the child's
 * status with guardianship), SOCIAL_DIFFICULT_SITUATION (трудная жизненная ситуация), SCHOOL_INTERNAL.
 */
export const SOP_REGISTRATION_KINDS: readonly RegistrationKind[] = ['POLICE_JUVENILE'];

export function isSopRegistration(kind: string | null | undefined): boolean {
  return SOP_REGISTRATION_KINDS.includes(kind as RegistrationKind);
}

/** Agencies whose systems report registrations (RegistrationOpened), from the event table itself. */
export const REGISTERING_AGENCIES: readonly AgencyCode[] = AGENCY_CODES.filter((code) => (EVENT_TYPES.find((row) => row.type === 'RegistrationOpened')!.sources as readonly string[]).includes(code));

export interface ReconciliationRow {
  agency: AgencyCode;
  kind: DiscrepancyKind;
  explanation: string;
  childId: string;
  childFullName: string;
  childBirthDate: string;
  familyId: string | null;
  caseNumber: string | null;
  /** The agency's registration (kinds of REGISTRATION_KINDS), where there is one. */
  registrationKind: string | null;
  agencyRegisteredOn: string | null;
  bankIncludedOn: string | null;
  bankRemovedOn: string | null;
}

/** An open registration that is not SOP: listed for information, never a discrepancy. */
export interface OtherRegistrationRow {
  agency: AgencyCode;
  childId: string;
  childFullName: string;
  childBirthDate: string;
  registrationKind: string | null;
  agencyRegisteredOn: string | null;
  /** Whether a family of the minor is in the SOP register on the day. */
  inRegister: boolean;
}

export interface ReconciliationSummary {
  agency: AgencyCode;
  missingRegistration: number;
  notInRegister: number;
  removedButOpen: number;
  total: number;
}

export interface Reconciliation extends Quarter {
  municipality: string;
  /** The day the registers are compared on: the quarter's last day, or today while it runs. */
  asOf: string;
  rows: ReconciliationRow[];
  summary: ReconciliationSummary[];
  otherRegistrations: OtherRegistrationRow[];
  csv: string;
  xlsx: Buffer;
  notes: string[];
  familyIds: string[];
  childIds: string[];
}

interface EntryRow {
  family_id: string;
  municipality: string;
  included_on: string;
  removed_on: string | null;
  removal_basis: string | null;
  case_number: string | null;
  resolution: { kind?: string; number?: string; date?: string; leadAgency?: string | null; supportingAgencies?: string[] } | null;
}

interface ChildRow {
  id: string;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  birth_date: string;
}

interface RegistrationRow {
  source: string;
  child_id: string;
  event_type: string;
  state: { kind?: string; registeredOn?: string | null; removedOn?: string | null };
}

export class ReconciliationService {
  constructor(private readonly dataSource: DataSource) {}

  async reconcile(municipality: string, year: number, quarter: number, today: string = new Date().toISOString().slice(0, 10)): Promise<Reconciliation> {
    const period = quarterBounds(year, quarter);
    const asOf = period.to < today ? period.to : today;
    const openOn = (e: { included_on: string; removed_on: string | null }) => e.included_on <= asOf && (e.removed_on === null || e.removed_on > asOf);

    // The bank's side: entries of the municipality's families in force in the quarter, with the case's resolution.
    const entries: EntryRow[] = await this.dataSource.query(
      `SELECT e.family_id, f.municipality, to_char(e.included_on, 'YYYY-MM-DD') AS included_on, to_char(e.removed_on, 'YYYY-MM-DD') AS removed_on,
              e.removal_basis, c.number AS case_number, c.resolution
       FROM register_entry e JOIN family f ON f.id = e.family_id LEFT JOIN kdn_case c ON c.id = e.case_id
       WHERE f.municipality = $1 AND e.included_on <= $3 AND (e.removed_on IS NULL OR e.removed_on >= $2)
       ORDER BY e.included_on, e.family_id, e.id`,
      [municipality, period.from, period.to],
    );
    const childrenOf = await this.childrenOf([...new Set(entries.map((e) => e.family_id))]);

    // The agencies' side: registrations of minors of the municipality, by the person's record or by a family of it
    // (which takes in every minor of the register's families).
    const registrations: RegistrationRow[] = await this.dataSource.query(
      `SELECT r.source, r.child_id, r.event_type, r.state FROM agency_record r
       WHERE r.aggregate_type = 'Registration' AND r.child_id IN (
         SELECT id FROM person WHERE municipality = $1
         UNION SELECT m.person_id FROM family_member m JOIN family f ON f.id = m.family_id WHERE f.municipality = $1)
       ORDER BY r.source, r.child_id, r.aggregate_id`,
      [municipality],
    );
    const openAny = registrations.filter((r) => isOpen(r, asOf));
    // Like with like: only SOP registrations are compared; the others are listed apart below.
    const open = openAny.filter((r) => isSopRegistration(r.state.kind));
    const otherOpen = openAny.filter((r) => !isSopRegistration(r.state.kind));
    // (a) asks whether the agency took the child on as the resolution required, in whatever register it keeps.
    const openWith = new Set(openAny.map((r) => `${r.child_id}/${r.source}`));

    const rows: ReconciliationRow[] = [];
    const people = new Map<string, ChildRow>();
    for (const list of childrenOf.values()) for (const child of list) people.set(child.id, child);

    // (a) The agencies the resolution involved, for every minor of every family in the register on the day.
    const seen = new Set<string>();
    for (const entry of entries.filter(openOn)) {
      const roles = expectedAgencies(entry.resolution);
      for (const child of childrenOf.get(entry.family_id) ?? []) {
        for (const [agency, role] of roles) {
          const key = `${child.id}/${agency}`;
          if (seen.has(key)) continue;
          seen.add(key);
          if (openWith.has(key)) continue;
          const resolution = entry.resolution?.number ? `постановлением КДН № ${entry.resolution.number} от ${entry.resolution.date}` : 'постановлением КДН';
          rows.push({
            ...childFields(child),
            agency,
            kind: 'MISSING_AGENCY_REGISTRATION',
            explanation: `${DISCREPANCY_CAPTIONS.MISSING_AGENCY_REGISTRATION}: ${resolution}${entry.case_number ? ` (дело ${entry.case_number})` : ''} ведомство определено ${role}, открытой постановки несовершеннолетнего на учёт на ${asOf} ведомство не сообщило`,
            familyId: entry.family_id,
            caseNumber: entry.case_number,
            registrationKind: null,
            agencyRegisteredOn: null,
            bankIncludedOn: entry.included_on,
            bankRemovedOn: null,
          });
        }
      }
    }

    // (b) and (c): each open registration of a minor none of whose families is in the register on the day.
    const others = openAny.filter((r) => !people.has(r.child_id)).map((r) => r.child_id);
    for (const child of await this.people([...new Set(others)])) people.set(child.id, child);
    const history = await this.entriesOfChildren([...new Set(openAny.map((r) => r.child_id))]);
    for (const registration of open) {
      const child = people.get(registration.child_id);
      if (!child) continue;
      const own = history.get(child.id) ?? { families: [], entries: [] };
      if (own.entries.some(openOn)) continue;
      const registeredOn = registration.state.registeredOn ?? null;
      const caption = registration.state.kind ? ((REGISTRATION_KINDS as Record<string, string>)[registration.state.kind] ?? registration.state.kind) : 'учёт';
      const kindCaption = caption.charAt(0).toLowerCase() + caption.slice(1);
      const since = registeredOn ? ` с ${registeredOn}` : '';
      // The latest removal on or before the day; the agency should have closed what it had opened before it.
      const removal = own.entries.filter((e) => e.removed_on !== null && e.removed_on <= asOf).sort((a, b) => (a.removed_on! < b.removed_on! ? 1 : -1))[0];
      const agency = registration.source as AgencyCode;
      if (removal && (registeredOn === null || registeredOn <= removal.removed_on!)) {
        rows.push({
          ...childFields(child),
          agency,
          kind: 'REMOVED_BUT_OPEN',
          explanation: `${DISCREPANCY_CAPTIONS.REMOVED_BUT_OPEN}: семья снята с учёта банка данных ${removal.removed_on}${removal.removal_basis ? ` (${removal.removal_basis})` : ''}, а ${kindCaption}${since} на ${asOf} не закрыт`,
          familyId: removal.family_id,
          caseNumber: removal.case_number,
          registrationKind: registration.state.kind ?? null,
          agencyRegisteredOn: registeredOn,
          bankIncludedOn: removal.included_on,
          bankRemovedOn: removal.removed_on,
        });
      } else {
        const why =
          own.families.length === 0
            ? 'несовершеннолетний не состоит ни в одной семье банка данных'
            : removal
              ? `семья снята с учёта банка данных ${removal.removed_on}, постановка в ведомстве позже`
              : 'семья в банк данных не внесена';
        rows.push({
          ...childFields(child),
          agency,
          kind: 'NOT_IN_REGISTER',
          explanation: `${DISCREPANCY_CAPTIONS.NOT_IN_REGISTER}: ${kindCaption}${since}; ${why}`,
          familyId: own.families.length === 1 ? own.families[0] : null,
          caseNumber: null,
          registrationKind: registration.state.kind ?? null,
          agencyRegisteredOn: registeredOn,
          bankIncludedOn: null,
          bankRemovedOn: removal?.removed_on ?? null,
        });
      }
    }

    const otherRegistrations: OtherRegistrationRow[] = otherOpen
      .filter((r) => people.has(r.child_id))
      .map((r) => {
        const child = people.get(r.child_id)!;
        return {
          ...childFields(child),
          agency: r.source as AgencyCode,
          registrationKind: r.state.kind ?? null,
          agencyRegisteredOn: r.state.registeredOn ?? null,
          inRegister: (history.get(child.id)?.entries ?? []).some(openOn),
        };
      })
      .sort((a, b) => `${a.agency}/${a.childFullName}/${a.childId}`.localeCompare(`${b.agency}/${b.childFullName}/${b.childId}`));

    const order = (r: ReconciliationRow) => `${r.agency}/${DISCREPANCY_KINDS.indexOf(r.kind)}/${r.childFullName}/${r.childBirthDate}/${r.childId}`;
    rows.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
    const summary = [...new Set<AgencyCode>([...REGISTERING_AGENCIES, ...rows.map((r) => r.agency)])].sort().map((agency) => {
      const of = rows.filter((r) => r.agency === agency);
      const count = (kind: DiscrepancyKind) => of.filter((r) => r.kind === kind).length;
      return { agency, missingRegistration: count('MISSING_AGENCY_REGISTRATION'), notInRegister: count('NOT_IN_REGISTER'), removedButOpen: count('REMOVED_BUT_OPEN'), total: of.length };
    });
    const unchecked = AGENCY_CODES.filter((code) => !REGISTERING_AGENCIES.includes(code)).map((code) => AGENCY_CAPTIONS[code]);
    const notSop = Object.entries(REGISTRATION_KINDS)
      .filter(([kind]) => !isSopRegistration(kind))
      .map(([, caption]) => caption);
    const notes = [
      `Сверка на ${asOf} (${period.quarter} квартал ${period.year} г.: ${period.from} — ${period.to}); сведения ведомств — последние полученные банком данных.`,
      `Постановка на учёт не сверяется для ведомств, которые не сообщают хабу о постановках на учёт: ${unchecked.join(', ')}.`,
      `С банком данных СОП сверяются только учёты несовершеннолетних в социально опасном положении (${SOP_REGISTRATION_KINDS.map((k) => REGISTRATION_KINDS[k]).join(', ')}); иные учёты не являются расхождением и приведены отдельно (${otherRegistrations.length}): ${notSop.join('; ')}.`,
    ];
    if (rows.length === 0) notes.push('Расхождений не выявлено.');

    return {
      ...period,
      municipality,
      asOf,
      rows,
      summary,
      // The export module's CSV and XLSX (BOM, ';', neutralised cells, real dates): register-export.columns.ts.
      ...(await reconciliationFiles({ rows, summary, otherRegistrations, notes, year: period.year, quarter: period.quarter })),
      otherRegistrations,
      notes,
      familyIds: [...new Set(rows.map((r) => r.familyId).filter((id): id is string => id !== null))],
      childIds: [...new Set([...rows.map((r) => r.childId), ...otherRegistrations.map((r) => r.childId)])],
    };
  }

  private async childrenOf(familyIds: string[]): Promise<Map<string, ChildRow[]>> {
    const byFamily = new Map<string, ChildRow[]>();
    if (familyIds.length === 0) return byFamily;
    const rows: Array<ChildRow & { family_id: string }> = await this.dataSource.query(
      `SELECT m.family_id, p.id, p.last_name, p.first_name, p.middle_name, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date
       FROM family_member m JOIN person p ON p.id = m.person_id
       WHERE m.family_id = ANY($1::uuid[]) AND m.role = 'CHILD' ORDER BY p.birth_date, p.id`,
      [familyIds],
    );
    for (const familyId of familyIds) byFamily.set(familyId, []);
    for (const row of rows) byFamily.get(row.family_id)!.push(row);
    return byFamily;
  }

  private async people(ids: string[]): Promise<ChildRow[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query(`SELECT id, last_name, first_name, middle_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date FROM person WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Every family of each child (any role, any municipality) and every register entry of those families. */
  private async entriesOfChildren(childIds: string[]): Promise<Map<string, { families: string[]; entries: EntryRow[] }>> {
    const found = new Map<string, { families: string[]; entries: EntryRow[] }>();
    if (childIds.length === 0) return found;
    const rows: Array<{ person_id: string; family_id: string } & Partial<EntryRow> & { has_entry: boolean }> = await this.dataSource.query(
      `SELECT m.person_id, m.family_id, e.id IS NOT NULL AS has_entry, f.municipality,
              to_char(e.included_on, 'YYYY-MM-DD') AS included_on, to_char(e.removed_on, 'YYYY-MM-DD') AS removed_on, e.removal_basis, c.number AS case_number
       FROM family_member m JOIN family f ON f.id = m.family_id
       LEFT JOIN register_entry e ON e.family_id = m.family_id LEFT JOIN kdn_case c ON c.id = e.case_id
       WHERE m.person_id = ANY($1::uuid[])`,
      [childIds],
    );
    for (const row of rows) {
      const own = found.get(row.person_id) ?? { families: [], entries: [] };
      found.set(row.person_id, own);
      if (!own.families.includes(row.family_id)) own.families.push(row.family_id);
      if (row.has_entry) {
        own.entries.push({
          family_id: row.family_id,
          municipality: row.municipality!,
          included_on: row.included_on!,
          removed_on: row.removed_on ?? null,
          removal_basis: row.removal_basis ?? null,
          case_number: row.case_number ?? null,
          resolution: null,
        });
      }
    }
    return found;
  }
}

/** Open on the day: registered by then (or no date known) and not removed by then; a closing event without a date counts as closed. */
function isOpen(r: RegistrationRow, asOf: string): boolean {
  const { registeredOn, removedOn } = r.state;
  if (registeredOn && registeredOn > asOf) return false;
  if (removedOn) return removedOn > asOf;
  return r.event_type !== 'RegistrationClosed';
}

/** The agencies the resolution involved that report registrations, with their part in the case (lead first). */
function expectedAgencies(resolution: EntryRow['resolution']): Array<[AgencyCode, string]> {
  const roles = new Map<AgencyCode, string>();
  const add = (code: string | null | undefined, role: string) => {
    const agency = code?.toLowerCase() as AgencyCode | undefined;
    if (agency && REGISTERING_AGENCIES.includes(agency) && !roles.has(agency)) roles.set(agency, role);
  };
  add(resolution?.leadAgency, 'основным субъектом');
  for (const code of resolution?.supportingAgencies ?? []) add(code, 'вспомогательным субъектом');
  return [...roles];
}

function childFields(child: ChildRow) {
  return { childId: child.id, childFullName: fullName(child), childBirthDate: child.birth_date };
}
