import { DataSource, In } from 'typeorm';
import { Organisation } from '../../../../auth/organisations/organisation';
import { loadOrganisationRegistry } from '../../../../auth/organisations/organisation-registry';
import { Principal } from '../../../../auth/principal';
import { inputError } from '../../../common/errors';
import * as v from '../../../common/validation';
import { KdnCaseEntity } from '../entities/kdn-case.entity';
import { addCalendarMonths } from '../workflow/case-records';

/** One row of `case_event`, as the read-back uses it. */
export interface CaseEventRow {
  id: string;
  caseId: string;
  action: string;
  fromState: string | null;
  toState: string;
  actorUsername: string;
  actorAgency: string | null;
  actorOrganisation: string | null;
  at: Date;
  payload: Record<string, unknown>;
}

export const CASE_EVENT_COLUMNS = `id::text AS id, case_id AS "caseId", action, from_state AS "fromState", to_state AS "toState", actor_username AS "actorUsername",
  actor_agency AS "actorAgency", actor_organisation AS "actorOrganisation", at, payload`;

/** A signal a case was registered from, as its agency's events brought it (never its description). */
export interface CaseSignalRow {
  caseId: string;
  agency: string;
  signalId: string;
  state: Record<string, unknown>;
}

export interface CaseListFilter {
  state: string | null;
  territory: string | null;
  organisationId: string | null;
  curator: string | null;
  overdue: boolean;
  /** The old `overdueOnly`: only checks past their term. */
  checkOverdue: boolean;
  receivedFrom: string | null;
  receivedTo: string | null;
}

export interface SignalListFilter {
  waitingOnly: boolean;
  territory: string | null;
  agency: string | null;
  organisationId: string | null;
  urgency: string | null;
  receivedFrom: string | null;
  receivedTo: string | null;
}

export interface Page<T> {
  rows: Array<{ cursor: string; row: T }>;
  hasNextPage: boolean;
}

/** The largest page: asked for more, the caller gets an input error naming the limit, never a silent cut. */
export const PAGE_LIMIT = 500;

/** Cursors are opaque to callers: base64url of the ordering key of the last row. */
export function encodeCursor(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

export function decodeCursor(field: string, cursor: string, size: number): string[] {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === size && parts.every((p) => typeof p === 'string')) return parts;
  } catch {
    // falls through to the input error
  }
  throw inputError(field, cursor, 'cursor.valid', 'курсор не распознан: передайте endCursor предыдущей страницы как есть');
}

/** The organisation of a stored ОГРН, retired ones included (a case keeps whom it named). */
export function organisationById(id: string | null | undefined): Organisation | null {
  return id ? loadOrganisationRegistry().find(id) : null;
}

export function organisationsById(ids: readonly string[] | null | undefined): Organisation[] {
  return (ids ?? []).map((id) => organisationById(id)).filter((o): o is Organisation => o !== null);
}

/** The end of the term of work: an explicit end date (a correction set it), or the resolution's date plus its months. */
export function termEndsOn(resolution: Record<string, unknown> | null): string | null {
  if (!resolution || typeof resolution.date !== 'string') return null;
  if (typeof resolution.termEndsOn === 'string') return resolution.termEndsOn;
  return typeof resolution.termMonths === 'number' && resolution.termMonths > 0 ? addCalendarMonths(resolution.date, resolution.termMonths) : null;
}

/**
 * Which cases a caller works with (the same scope as `KdnCaseService.visibleTo`, and the curator):
 * a commission those of its territories; an agency the cases it checks while the check is open,
 * those about a child in whose open case it takes part, and those it curates. As SQL over `c`.
 */
function scopeSql(principal: Principal, params: unknown[]): string {
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (principal.organisation === null) return 'false';
  if (principal.agency === 'kdn') return `c.municipality = ANY(${p(principal.territories ?? [])}::text[])`;
  const organisation = p(principal.organisation.id);
  const territories = p(principal.territories ?? []);
  return `((c.state IN ('CHECKING', 'CONCLUDED') AND (${organisation} = ANY(c.check_organisations)
             OR (c.check_organisations = '{}' AND ${p(principal.agency)}::text = ANY(c.check_agencies) AND c.municipality = ANY(${territories}::text[]))))
          OR c.child_id IN (SELECT child_id FROM case_participation WHERE organisation_id = ${organisation} AND closed_on IS NULL)
          OR c.resolution->>'curator' = ${p(principal.username)})`;
}

/** The same scope for one case in hand (the single-case query and the fields of a case reached elsewhere). */
export function caseInScope(principal: Principal, kase: KdnCaseEntity, openParticipants: readonly string[]): boolean {
  if (principal.organisation === null) return false;
  if (principal.agency === 'kdn') return (principal.territories ?? []).includes(kase.municipality);
  if (['CHECKING', 'CONCLUDED'].includes(kase.state)) {
    if (
      kase.checkOrganisations.length > 0
        ? kase.checkOrganisations.includes(principal.organisation.id)
        : principal.agency !== null && kase.checkAgencies.includes(principal.agency) && (principal.territories ?? []).includes(kase.municipality)
    )
      return true;
  }
  if (openParticipants.includes(principal.organisation.id)) return true;
  return typeof kase.resolution?.curator === 'string' && kase.resolution.curator === principal.username;
}

/** Reads a case back and pages the lists; decides nothing about the child (the resolver does). */
export class CaseReadbackService {
  constructor(private readonly dataSource: DataSource) {}

  async byIdOrNumber(id: string | null, number: string | null): Promise<KdnCaseEntity | null> {
    if ((id == null) === (number == null)) throw inputError('id', id ?? number, 'case.idOrNumber', 'укажите либо id дела, либо его номер в журнале');
    const repository = this.dataSource.getRepository(KdnCaseEntity);
    return id != null ? repository.findOneBy({ id: v.uuid('id', id) }) : repository.findOneBy({ number: v.text('number', number!, 50) });
  }

  /** The cases of the caller's scope, newest registration first, keyed by (created_at, id): stable under inserts. */
  /** The ordering key of a case, for the list form's `after: <id of the last case seen>`. */
  async caseKey(id: string): Promise<string[]> {
    const [row] = await this.dataSource.query(`SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at FROM kdn_case WHERE id = $1`, [v.uuid('after', id)]);
    if (!row) throw inputError('after', id, 'cursor.known', 'дела с таким идентификатором нет: передайте id последнего дела предыдущей страницы');
    return [row.at, id];
  }

  /** The ordering key of an incoming signal, for the list form's `after: <signalId of the last signal seen>`. */
  async signalKey(id: string): Promise<string[]> {
    const [row] = await this.dataSource.query(
      `SELECT to_char((state->>'observedAt')::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, source FROM agency_record WHERE aggregate_type = 'Signal' AND aggregate_id = $1 ORDER BY source LIMIT 1`,
      [v.uuid('after', id)],
    );
    if (!row) throw inputError('after', id, 'cursor.known', 'сигнала с таким идентификатором нет: передайте signalId последнего сигнала предыдущей страницы');
    return [row.at, row.source, id];
  }

  async cases(principal: Principal, filter: CaseListFilter, first: number, after: string[] | null): Promise<Page<KdnCaseEntity>> {
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [scopeSql(principal, params)];
    if (filter.state) where.push(`c.state = ${p(filter.state)}`);
    if (filter.territory) where.push(`c.municipality = ${p(filter.territory)}`);
    if (filter.curator) where.push(`c.resolution->>'curator' = ${p(filter.curator)}`);
    if (filter.receivedFrom) where.push(`c.received_on >= ${p(filter.receivedFrom)}::date`);
    if (filter.receivedTo) where.push(`c.received_on <= ${p(filter.receivedTo)}::date`);
    if (filter.organisationId) {
      const o = p(filter.organisationId);
      where.push(`(${o} = ANY(c.check_organisations) OR c.detecting_organisation = ${o} OR c.resolution->>'leadOrganisation' = ${o}
        OR c.resolution->'supportingOrganisations' @> jsonb_build_array(${o}::text)
        OR EXISTS (SELECT 1 FROM programme_row r WHERE r.case_id = c.id AND r.executor_organisation = ${o}))`);
    }
    if (filter.checkOverdue) where.push(`c.state = 'CHECKING' AND c.check_due < CURRENT_DATE`);
    if (filter.overdue) {
      // What the due items call overdue and a case can be found by in one statement: the check, the draft,
      // a programme row not done (rows cancelled by an amended programme are no longer due).
      where.push(`((c.state = 'CHECKING' AND c.check_due < CURRENT_DATE)
        OR (c.state = 'IN_WORK' AND (c.resolution->>'date')::date + 14 < CURRENT_DATE)
        OR (c.state IN ('IN_WORK', 'PROGRAMME_APPROVED') AND EXISTS (SELECT 1 FROM programme_row r WHERE r.case_id = c.id AND r.due_date < CURRENT_DATE
              AND r.measure_status IS DISTINCT FROM 'DONE' AND r.cancelled_in_version IS NULL)))`);
    }
    if (after) {
      const [at, id] = after;
      where.push(`(c.created_at, c.id) < (${p(at)}::timestamptz, ${p(v.uuid('after', id))}::uuid)`);
    }
    const keys: Array<{ id: string; at: string }> = await this.dataSource.query(
      `SELECT c.id, to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at FROM kdn_case c
       WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT ${p(first + 1)}`,
      params,
    );
    const page = keys.slice(0, first);
    const rows = page.length ? await this.dataSource.getRepository(KdnCaseEntity).findBy({ id: In(page.map((k) => k.id)) }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return { rows: page.map((k) => ({ cursor: encodeCursor([k.at, k.id]), row: byId.get(k.id)! })).filter((r) => r.row), hasNextPage: keys.length > first };
  }

  /**
   * The journal's incoming signals of the given territories, newest observation first, keyed by
   * (observed at, agency, signal id), with the case each was registered to.
   */
  async signals(municipalities: readonly string[], filter: SignalListFilter, first: number, after: string[] | null): Promise<Page<IncomingSignalRow>> {
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const observed = `(r.state->>'observedAt')::timestamptz`;
    const where = [`r.aggregate_type = 'Signal'`, `p.municipality = ANY(${p(municipalities)}::text[])`];
    if (filter.waitingOnly) where.push(`s.case_id IS NULL AND r.state->>'status' <> 'CANCELLED'`);
    if (filter.territory) where.push(`p.municipality = ${p(filter.territory)}`);
    if (filter.agency) where.push(`r.source = ${p(filter.agency)}`);
    if (filter.organisationId) where.push(`r.state->>'organisationId' = ${p(filter.organisationId)}`);
    if (filter.urgency) where.push(`r.state->>'urgency' = ${p(filter.urgency)}`);
    if (filter.receivedFrom) where.push(`${observed} >= ${p(filter.receivedFrom)}::date`);
    if (filter.receivedTo) where.push(`${observed} < ${p(filter.receivedTo)}::date + 1`);
    if (after) {
      const [at, source, id] = after;
      where.push(`(${observed}, r.source, r.aggregate_id) < (${p(at)}::timestamptz, ${p(source)}::text, ${p(v.uuid('after', id))}::uuid)`);
    }
    const rows: Array<IncomingSignalRow & { cursorAt: string }> = await this.dataSource.query(
      `SELECT r.source AS agency, r.aggregate_id AS "signalId", r.child_id AS "childId", r.state->>'observedAt' AS "observedAt",
              r.state->>'sourceKind' AS "sourceKind", r.state->>'urgency' AS urgency, r.state->>'status' AS status,
              ARRAY(SELECT jsonb_array_elements_text(r.state->'indicatorCodes')) AS "indicatorCodes",
              r.state->'reporter'->>'organisation' AS "reporterOrganisation", r.state->>'organisationId' AS "organisationId",
              k.id AS "caseId", k.number AS "caseNumber", p.municipality,
              to_char(${observed} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"
       FROM agency_record r
       JOIN person p ON p.id = r.child_id
       LEFT JOIN case_signal s ON s.source = r.source AND s.signal_id = r.aggregate_id
       LEFT JOIN kdn_case k ON k.id = s.case_id
       WHERE ${where.join(' AND ')}
       ORDER BY ${observed} DESC, r.source DESC, r.aggregate_id DESC LIMIT ${p(first + 1)}`,
      params,
    );
    return {
      rows: rows.slice(0, first).map(({ cursorAt, ...row }) => ({ cursor: encodeCursor([cursorAt, row.agency, row.signalId]), row })),
      hasNextPage: rows.length > first,
    };
  }

  async events(caseIds: readonly string[]): Promise<CaseEventRow[]> {
    return this.dataSource.query(`SELECT ${CASE_EVENT_COLUMNS} FROM case_event WHERE case_id = ANY($1::uuid[]) ORDER BY id`, [[...caseIds]]);
  }

  async caseSignals(caseIds: readonly string[]): Promise<CaseSignalRow[]> {
    return this.dataSource.query(
      `SELECT s.case_id AS "caseId", s.source AS agency, s.signal_id AS "signalId", coalesce(r.state, '{}'::jsonb) AS state
       FROM case_signal s LEFT JOIN agency_record r ON r.source = s.source AND r.aggregate_id = s.signal_id AND r.aggregate_type = 'Signal'
       WHERE s.case_id = ANY($1::uuid[]) ORDER BY r.state->>'observedAt', s.source, s.signal_id`,
      [[...caseIds]],
    );
  }
}

export interface IncomingSignalRow {
  agency: string;
  signalId: string;
  childId: string;
  observedAt: string;
  sourceKind: string;
  urgency: string;
  status: string;
  indicatorCodes: string[];
  reporterOrganisation: string | null;
  organisationId: string | null;
  caseId: string | null;
  caseNumber: string | null;
  municipality: string;
}
