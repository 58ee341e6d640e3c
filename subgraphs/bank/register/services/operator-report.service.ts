import { DataSource } from 'typeorm';
import { loadOrganisationRegistry } from '../../../../auth/organisations/organisation-registry';
import { Principal } from '../../../../auth/principal';
import { regionRule, RegionRule } from '../../../../schema/calendar/region-rules';
import { inputError } from '../../../common/errors';
import * as v from '../../../common/validation';

export interface OperatorReportRow {
  id: string;
  municipality: string;
  year: number;
  quarter: number;
  submittedOn: string;
  documentRef: string;
  submittedBy: string;
  organisationId: string | null;
  createdAt: Date;
}

/** The operator's report still owed for a municipality: the last finished quarter's. */
export interface OperatorReportDue {
  municipality: string;
  year: number;
  quarter: number;
  /** The region's data bank operator (organisation type) and its organisation serving the municipality. */
  agency: string;
  organisationId: string | null;
  dueOn: string;
  overdue: boolean;
}

const COLUMNS = `id, municipality, year, quarter, submitted_on::text AS "submittedOn", document_ref AS "documentRef", submitted_by AS "submittedBy", organisation_id AS "organisationId", created_at AS "createdAt"`;

const iso = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);

/** The last day of a quarter. */
export const quarterEnd = (year: number, quarter: number) => iso(year, quarter * 3 + 1, 0);

/** The quarter that ended last before `today` (the one being reported on). */
export function lastFinishedQuarter(today: string): { year: number; quarter: number } {
  const year = Number(today.slice(0, 4));
  const current = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  return current === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: current - 1 };
}

/**
 * The region's own rule where it has one (Mari El 5.6); elsewhere the Myasnikovsky procedure's 5.9,
 * which the hub applies as its reporting terms everywhere (FOLLOW_UP_TERMS).
 */
export function operatorReportRule(municipality: string): RegionRule {
  return regionRule(municipality, 'OPERATOR_REPORT') ?? regionRule('60', 'OPERATOR_REPORT')!;
}

/** Due on the rule's day of the month after the quarter, in calendar days. */
export function operatorReportDueOn(municipality: string, year: number, quarter: number): string {
  const term = operatorReportRule(municipality).term;
  if (term.kind !== 'DAY_OF_NEXT_MONTH') throw new Error(`Правило OPERATOR_REPORT для ${municipality} задано не днём следующего месяца`);
  return iso(year, quarter * 3 + 1, term.day);
}

/** The data bank operator's quarterly report: recorded once per municipality and quarter, and due until it is. */
export class OperatorReportService {
  constructor(private readonly dataSource: DataSource) {}

  /** Validated, then stored once; the same values again answer the same row, other values a clear error. */
  async record(
    principal: Principal,
    input: { municipality: string; year: number; quarter: number; submittedOn: string; documentRef: string },
    today = new Date().toISOString().slice(0, 10),
  ): Promise<OperatorReportRow> {
    const municipality = v.oktmo('input.municipality', input.municipality);
    if (!loadOrganisationRegistry().regionOf(municipality))
      throw inputError('input.municipality', municipality, 'municipality.unknown', 'муниципальное образование не найдено в справочнике организаций');
    const year = v.integerRange('input.year', input.year, 2000, Number(today.slice(0, 4)));
    const quarter = v.integerRange('input.quarter', input.quarter, 1, 4);
    const end = quarterEnd(year, quarter);
    if (end >= today)
      throw inputError(
        'input.quarter',
        quarter,
        'operatorReport.quarterNotFinished',
        `${quarter} квартал ${year} года ещё не закончился (последний день ${end}): передаётся информация за отчётный квартал`,
      );
    const submittedOn = v.date('input.submittedOn', input.submittedOn, { notInFuture: true, notBefore: end });
    const documentRef = v.text('input.documentRef', input.documentRef, 200);

    return this.dataSource.transaction(async (em) => {
      const inserted: OperatorReportRow[] = await em.query(
        `INSERT INTO operator_report (municipality, year, quarter, submitted_on, document_ref, submitted_by, organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (municipality, year, quarter) DO NOTHING RETURNING ${COLUMNS}`,
        [municipality, year, quarter, submittedOn, documentRef, principal.username, principal.organisation?.id ?? null],
      );
      if (inserted.length) return inserted[0];
      const [existing]: OperatorReportRow[] = await em.query(`SELECT ${COLUMNS} FROM operator_report WHERE municipality = $1 AND year = $2 AND quarter = $3`, [municipality, year, quarter]);
      // A repeated call (a retry) is answered with what was stored; a different report for the same quarter is refused.
      const field = existing.submittedOn !== submittedOn ? 'input.submittedOn' : existing.documentRef !== documentRef ? 'input.documentRef' : null;
      if (field) {
        throw inputError(
          field,
          field === 'input.submittedOn' ? submittedOn : documentRef,
          'operatorReport.alreadyRecorded',
          `информация за ${quarter} квартал ${year} года по ${municipality} уже передана ${existing.submittedOn}, документ ${existing.documentRef}`,
        );
      }
      return existing;
    });
  }

  /** The last finished quarter's report of each municipality, where not yet recorded: one statement. */
  async due(municipalities: readonly string[], today = new Date().toISOString().slice(0, 10)): Promise<OperatorReportDue[]> {
    if (municipalities.length === 0) return [];
    const { year, quarter } = lastFinishedQuarter(today);
    const recorded: Array<{ municipality: string }> = await this.dataSource.query(`SELECT municipality FROM operator_report WHERE municipality = ANY($1::text[]) AND year = $2 AND quarter = $3`, [
      municipalities,
      year,
      quarter,
    ]);
    const done = new Set(recorded.map((r) => r.municipality));
    const registry = loadOrganisationRegistry();
    return municipalities
      .filter((m) => !done.has(m))
      .flatMap((municipality) => {
        const operator = registry.regionOf(municipality)?.dataBankOperator;
        if (!operator) return [];
        const dueOn = operatorReportDueOn(municipality, year, quarter);
        return [{ municipality, year, quarter, agency: operator, organisationId: registry.defaultFor(operator, municipality)?.id ?? null, dueOn, overdue: dueOn < today }];
      });
  }
}
