import { DataSource } from 'typeorm';
import { loadOrganisationRegistry } from '../../../auth/organisations/organisation-registry';
import { AgencyCode } from '../../../auth/principal';
import { inputError } from '../errors';
import { assertKnownSubjects, requireKnownSubjects, SubjectState } from './subject-state';

/** What the bank tells an agency about a programme row its measure names (bank.programme_row_state). */
export interface ProgrammeRowState {
  id: string;
  child_id: string;
  executor_agency: string;
  /** ОГРН; null on rows of before organisations (then the executor is the type in the case's territory). */
  executor_organisation: string | null;
  case_state: string;
  programme_approved: boolean;
  /** An amendment of the approved programme cancelled the row (it stays in the programme with its mark). */
  cancelled: boolean;
}

/** Who writes the measure: the agency subgraph and the organisation the caller acts for. */
export interface MeasureWriter {
  agency: AgencyCode;
  organisationId: string | null;
}

/**
 * Refuses, before anything is stored, a measure about an unknown child or family, or one naming a
 * programme row that is not the writer's to carry out: a row the bank does not know, a row of
 * another agency or organisation, a row of a case about another child, a row an amendment cancelled. Before, such a measure was
 * stored as done and the bank silently left the row unfulfilled. The same rules as the bank's
 * applier (sync/event-applier.ts `fulfilProgrammeRow`), which stays the last word.
 *
 * One statement for the whole check: the subjects and the row through the bank's two functions.
 */
export async function requireMeasureTargets(dataSource: DataSource, named: { childId: string; familyId?: string | null; programmeRowId?: string | null }, writer: MeasureWriter): Promise<void> {
  if (!named.programmeRowId) return requireKnownSubjects(dataSource, named);
  const ids = named.familyId ? [named.childId, named.familyId] : [named.childId];
  const [found] = (await dataSource.query(
    `SELECT (SELECT coalesce(json_agg(json_build_object('id', s.id, 'kind', s.kind)), '[]'::json) FROM bank.subject_state($1::uuid[]) s) AS subjects,
            (SELECT row_to_json(r) FROM bank.programme_row_state(ARRAY[$2::uuid]) r) AS "row"`,
    [ids, named.programmeRowId],
  )) as Array<{ subjects: Array<Pick<SubjectState, 'id' | 'kind'>>; row: ProgrammeRowState | null }>;
  assertKnownSubjects(new Map(found.subjects.map((s) => [s.id, s])), named);
  assertRowIsWriters(found.row, named.programmeRowId, named.childId, writer);
}

function assertRowIsWriters(row: ProgrammeRowState | null, rowId: string, childId: string, writer: MeasureWriter): void {
  const field = 'input.programmeRowId';
  if (!row) throw inputError(field, rowId, 'programmeRow.known', 'строки программы с таким идентификатором нет в банке данных');
  if (row.executor_agency.toLowerCase() !== writer.agency) {
    throw inputError(
      field,
      rowId,
      'programmeRow.executor',
      `строку программы исполняет другое ведомство (${row.executor_agency.toUpperCase()}); мероприятие по ней вносит исполнитель через свою систему`,
    );
  }
  if (row.executor_organisation !== null && row.executor_organisation !== writer.organisationId) {
    const name = loadOrganisationRegistry().get(row.executor_organisation)?.name ?? 'другая организация';
    throw inputError(field, rowId, 'programmeRow.executor', `строку программы исполняет ${name} (ОГРН ${row.executor_organisation}), а не организация, от имени которой вносится мероприятие`);
  }
  if (row.child_id !== childId) throw inputError(field, rowId, 'programmeRow.sameChild', 'строка программы относится к делу о другом ребёнке');
  if (row.cancelled) throw inputError(field, rowId, 'programmeRow.cancelled', 'строка программы отменена изменением программы: мероприятие по ней не вносится');
}
