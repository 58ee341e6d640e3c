import { DataSource } from 'typeorm';
import { AGENCY_CAPTIONS, SOURCE_KIND_CAPTIONS } from '../../../../schema/enums';
import { quarterlyListFiles } from './register-export.columns';
import { sopReasonText } from '../../../../schema/catalogue/sop-criteria';

/**
 * The quarterly list of minors and families in a socially dangerous situation (Mari El, appendix
 * 8, «Списки несовершеннолетних и (или) семей, находящихся в социально опасном положении»), which
 * the municipal bank sends every quarter: every register entry of the municipality's families that
 * was in force at any time in the quarter, one row per minor of the family.
 *
 * Only what the hub holds is filled in; what it does not hold (the parents' work, the name of the
 * municipality) is left empty and the notes say so: the list is an official document and a
 * made-up value in it would be worse than a blank.
 */

/** The columns of appendix 8, verbatim from the regulation (seed 004). */
export const APPENDIX_8_HEADINGS = [
  '№ п/п',
  'Наименование муниципалитета',
  'ФИО несовершеннолетнего, дата рождения',
  'ФИО родителей (законных представителей) несовершеннолетнего, место работы',
  'Адрес регистрации и фактического места проживания',
  'Вид деятельности несовершеннолетнего (образовательная организация, место работы)',
  'Причина постановки на учет',
  'Дата постановки на учет',
  'Дата снятия с учета',
  'Причина снятия с учета',
] as const;

export interface Quarter {
  year: number;
  quarter: number;
  /** First and last day, YYYY-MM-DD. */
  from: string;
  to: string;
}

export function quarterBounds(year: number, quarter: number): Quarter {
  const firstMonth = (quarter - 1) * 3;
  const from = new Date(Date.UTC(year, firstMonth, 1)).toISOString().slice(0, 10);
  const to = new Date(Date.UTC(year, firstMonth + 3, 0)).toISOString().slice(0, 10);
  return { year, quarter, from, to };
}

export const fullName = (p: { last_name: string; first_name: string; middle_name: string | null }): string =>
  [p.last_name, p.first_name, p.middle_name].filter((part) => part && part.trim()).join(' ');

const PARENT_ROLES: Record<string, string> = { MOTHER: 'мать', FATHER: 'отец', GUARDIAN: 'законный представитель (опекун, попечитель)' };

/** Kinds of attachment that say what the minor does (school and class); the agencies report no workplace. */
const OCCUPATION_KINDS = ['SCHOOL', 'KINDERGARTEN'];

/** Reasons a case is closed (and its register entry removed), as the list prints them. */
export const CLOSURE_REASON_CAPTIONS: Record<string, string> = {
  PROGRAMME_DONE: 'программа выполнена, причины неблагополучия устранены',
  MOVED_TO_SOP: 'переход к работе с семьёй в социально опасном положении',
  RIGHTS_RESTORED: 'родители самостоятельно восстановили права и интересы ребёнка',
  TURNED_18: 'достижение несовершеннолетним 18 лет',
  MOVED_AWAY: 'смена места жительства',
  PARENTAL_RIGHTS_RESTRICTED: 'ограничение или лишение родительских прав',
  DEATH: 'смерть несовершеннолетнего или родителей',
  CHILD_DEATH: 'смерть несовершеннолетнего',
  PARENTS_DEATH: 'смерть родителей (иных законных представителей) несовершеннолетнего',
  CIVIL_STATUS_CHANGED: 'изменение факта гражданского состояния',
  ANNULLED_BY_COURT: 'постановление отменено судом',
  REFUSED_TO_COOPERATE: 'отказ семьи от взаимодействия',
  OTHER: 'иные основания',
  NO_INTERAGENCY_WORK: 'межведомственная работа не требуется',
};

/** The detecting agency as the register keeps it: an agency code (kdn, police ...) or, failing that, the signal's source kind. */
export function detectingCaption(code: string | null): string | null {
  if (!code) return null;
  return (AGENCY_CAPTIONS as Record<string, string>)[code.toLowerCase()] ?? (SOURCE_KIND_CAPTIONS as Record<string, string>)[code.toUpperCase()] ?? code;
}

export interface QuarterlyList extends Quarter {
  municipality: string;
  headings: string[];
  rows: Array<Array<string | null>>;
  csv: string;
  xlsx: Buffer;
  notes: string[];
  /** Families and children listed: the caller audits them. */
  familyIds: string[];
  childIds: string[];
}

interface EntryRow {
  family_id: string | null;
  child_id: string | null;
  subject: 'FAMILY' | 'MINOR';
  reason_criteria: string[];
  reason_note: string | null;
  registered_address: string | null;
  actual_address: string | null;
  included_on: string;
  basis: string;
  detecting_agency: string | null;
  removed_on: string | null;
  removal_reason: string | null;
  removal_basis: string | null;
}

interface MemberRow {
  family_id: string;
  role: string;
  id: string;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  birth_date: string;
  registered_address: string | null;
  actual_address: string | null;
}

export class QuarterlyListService {
  constructor(private readonly dataSource: DataSource) {}

  /** The list for one municipality (OKTMO) and quarter; inputs are validated by the caller. */
  async build(municipality: string, year: number, quarter: number): Promise<QuarterlyList> {
    const period = quarterBounds(year, quarter);
    const entries: EntryRow[] = await this.dataSource.query(
      `SELECT e.family_id, e.child_id, e.subject, e.reason_criteria, e.reason_note, f.registered_address, f.actual_address, to_char(e.included_on, 'YYYY-MM-DD') AS included_on, e.basis, e.detecting_agency,
              to_char(e.removed_on, 'YYYY-MM-DD') AS removed_on, e.removal_reason, e.removal_basis
       FROM register_entry e LEFT JOIN family f ON f.id = e.family_id LEFT JOIN person p ON p.id = e.child_id
       -- A minor recognised by himself may be in no family of the bank: the list is his territory's.
       WHERE coalesce(f.municipality, p.municipality) = $1 AND e.included_on <= $3 AND (e.removed_on IS NULL OR e.removed_on >= $2)
       ORDER BY e.included_on, e.family_id, e.id`,
      [municipality, period.from, period.to],
    );
    const familyIds = [...new Set(entries.map((e) => e.family_id).filter((id): id is string => id !== null))];
    const alone = [...new Set(entries.filter((e) => e.family_id === null && e.child_id !== null).map((e) => e.child_id!))];
    const members: MemberRow[] = familyIds.length
      ? await this.dataSource.query(
          `SELECT m.family_id, m.role, p.id, p.last_name, p.first_name, p.middle_name, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date,
                  p.registered_address, p.actual_address
           FROM family_member m JOIN person p ON p.id = m.person_id
           WHERE m.family_id = ANY($1::uuid[])
           ORDER BY m.family_id, p.birth_date, p.last_name, p.first_name, p.id`,
          [familyIds],
        )
      : [];
    const minorsAlone: MemberRow[] = alone.length
      ? await this.dataSource.query(
          `SELECT NULL AS family_id, 'CHILD' AS role, p.id, p.last_name, p.first_name, p.middle_name, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.registered_address, p.actual_address
           FROM person p WHERE p.id = ANY($1::uuid[])`,
          [alone],
        )
      : [];
    const children = [...members.filter((m) => m.role === 'CHILD'), ...minorsAlone];
    const occupation = await this.occupations([...new Set(children.map((c) => c.id))], period);

    const byFamily = new Map<string, MemberRow[]>();
    for (const member of members) byFamily.set(member.family_id, [...(byFamily.get(member.family_id) ?? []), member]);

    const rows: Array<Array<string | null>> = [];
    let removedLater = false;
    for (const entry of entries) {
      const family = entry.family_id ? (byFamily.get(entry.family_id) ?? []) : minorsAlone.filter((m) => m.id === entry.child_id);
      const parents = family
        .filter((m) => m.role in PARENT_ROLES)
        .sort((a, b) => Object.keys(PARENT_ROLES).indexOf(a.role) - Object.keys(PARENT_ROLES).indexOf(b.role))
        .map((m) => `${fullName(m)} (${PARENT_ROLES[m.role]})`)
        .join('; ');
      // A removal after the quarter is not part of this quarter's list: at its end the family was still registered.
      const removed = entry.removed_on !== null && entry.removed_on <= period.to;
      if (entry.removed_on !== null && !removed) removedLater = true;
      // The reason is the SOP criteria the resolution named (entries of before them keep their basis).
      const reason = sopReasonText(entry.reason_criteria ?? [], entry.reason_note) ?? entry.basis;
      // A minor recognised by himself is his own row; a family's entry lists every minor of the family.
      const minors = family.filter((m) => m.role === 'CHILD' && (entry.subject !== 'MINOR' || m.id === entry.child_id));
      for (const child of minors) {
        rows.push([
          String(rows.length + 1),
          municipality,
          `${fullName(child)}, ${russianDate(child.birth_date)}`,
          parents || null,
          address(entry.registered_address ?? child.registered_address, entry.actual_address ?? child.actual_address),
          occupation.get(child.id) ?? null,
          reason,
          entry.included_on,
          removed ? entry.removed_on : null,
          removed ? removalReason(entry.removal_reason, entry.removal_basis) : null,
        ]);
      }
    }

    const notes = [
      `В список включены записи банка данных, действовавшие в любой день квартала (${period.from} — ${period.to}), по одной строке на каждого несовершеннолетнего семьи.`,
      'Графа 2: указан код ОКТМО муниципального образования — наименований муниципалитетов хаб не ведёт.',
      'Графа 4: место работы родителей (законных представителей) хаб не ведёт — указаны только ФИО и степень родства, место работы не заполнено.',
      'Графа 5: адрес семьи из учётной карточки; если в карточке его нет — адрес из сведений о несовершеннолетнем.',
      'Графа 7: критерии социально опасного положения, названные в постановлении о признании (Марий Эл, п. 3.1–3.2; Мясниковский район, раздел 2); для записей, внесённых до учёта критериев, — реквизиты постановления.',
      'Графа 6: образовательная организация и класс — по сведениям образовательных организаций; место работы несовершеннолетнего хаб не ведёт, при отсутствии сведений графа не заполнена.',
    ];
    if (removedLater) notes.push(`Снятие с учёта после окончания квартала (${period.to}) в список не внесено: на конец квартала семья состояла на учёте.`);
    if (rows.length === 0) notes.push('За квартал в банке данных нет записей по этому муниципальному образованию.');

    const headings = [...APPENDIX_8_HEADINGS];
    return {
      ...period,
      municipality,
      headings,
      rows,
      // The export module's CSV and XLSX (BOM, ';', neutralised cells, real dates): register-export.columns.ts.
      ...(await quarterlyListFiles({ headings, rows, notes, year: period.year, quarter: period.quarter })),
      notes,
      familyIds,
      childIds: [...new Set(children.map((c) => c.id))],
    };
  }

  /** The school (and class) each child is attached to in the quarter, the latest academic year first. */
  private async occupations(childIds: string[], period: Quarter): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (childIds.length === 0) return found;
    const records: Array<{ child_id: string; state: { organisation?: string; detail?: string | null; since?: string | null; until?: string | null } }> = await this.dataSource.query(
      `SELECT child_id, state FROM agency_record
       WHERE aggregate_type = 'Attachment' AND child_id = ANY($1::uuid[]) AND state->>'kind' = ANY($2::text[])
       ORDER BY child_id, state->>'period' DESC NULLS LAST, updated_at DESC`,
      [childIds, OCCUPATION_KINDS],
    );
    for (const { child_id, state } of records) {
      if (found.has(child_id) || !state.organisation) continue;
      if ((state.until && state.until < period.from) || (state.since && state.since > period.to)) continue;
      const detail = state.detail?.trim();
      found.set(child_id, detail ? `${state.organisation}, ${/класс/i.test(detail) ? detail : `${detail} класс`}` : state.organisation);
    }
    return found;
  }
}

/** "2013-04-12" -> "12.04.2013": a date inside a text cell, as the printed list shows it. */
function russianDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return d && m ? `${d}.${m}.${y}` : iso;
}

function address(registered: string | null, actual: string | null): string | null {
  if (registered && actual && registered === actual) return `${registered} (адрес регистрации и фактического проживания)`;
  const parts = [registered ? `адрес регистрации: ${registered}` : null, actual ? `фактический адрес: ${actual}` : null].filter(Boolean);
  return parts.length ? parts.join('; ') : null;
}

function removalReason(reason: string | null, basis: string | null): string | null {
  const caption = reason ? (CLOSURE_REASON_CAPTIONS[reason] ?? reason) : null;
  if (caption && basis) return `${caption} (${basis})`;
  return caption ?? basis;
}
