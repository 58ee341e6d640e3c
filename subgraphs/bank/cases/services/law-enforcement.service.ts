import { GraphQLError } from 'graphql';
import { DataSource } from 'typeorm';
import { Principal } from '../../../../auth/principal';
import { inputError, notFound } from '../../../common/errors';
import * as v from '../../../common/validation';
import { KdnCaseEntity } from '../entities/kdn-case.entity';
import { recordCaseEvent } from './case-history';

export const LAW_ENFORCEMENT_RESULTS = ['CRIMINAL_CASE_OPENED', 'ADMINISTRATIVE_PROTOCOL', 'REFUSED'] as const;
export type LawEnforcementResult = (typeof LAW_ENFORCEMENT_RESULTS)[number];

export interface LawEnforcementReportRow {
  id: string;
  caseId: string;
  sentOn: string;
  recipient: string;
  facts: string;
  sentByAgency: string;
  sentByOrganisation: string | null;
  resultKind: LawEnforcementResult | null;
  resultOn: string | null;
  resultNote: string | null;
}

const COLUMNS = `id, case_id AS "caseId", to_char(sent_on, 'YYYY-MM-DD') AS "sentOn", recipient, facts, sent_by_agency AS "sentByAgency", sent_by_organisation AS "sentByOrganisation",
  result_kind AS "resultKind", to_char(result_on, 'YYYY-MM-DD') AS "resultOn", result_note AS "resultNote"`;

/**
 * Information sent to law enforcement on facts found in a check (Primorsky 5.3), and the result
 * of their check (appendix 4 counts criminal cases opened and administrative protocols). The
 * organisation that checks the signal sends it, or the commission itself; either records it here.
 */
export class LawEnforcementService {
  constructor(private readonly dataSource: DataSource) {}

  private authorize(principal: Principal, kase: KdnCaseEntity): void {
    const commission = principal.agency === 'kdn' && principal.roles.some((r) => r === 'kdn_secretary' || r === 'kdn_chair');
    const organisation = principal.organisation?.id;
    const checker =
      !!organisation && (kase.checkOrganisations.includes(organisation) || (kase.checkOrganisations.length === 0 && principal.agency !== null && kase.checkAgencies.includes(principal.agency)));
    if (!commission && !checker) {
      throw new GraphQLError('Недостаточно прав: информацию в правоохранительные органы отмечает организация, проверявшая сигнал, или комиссия (секретарь, председатель)', {
        extensions: { code: 'FORBIDDEN', permission: 'case:lawEnforcement', reason: 'not-assigned' },
      });
    }
  }

  async report(principal: Principal, kase: KdnCaseEntity, input: { sentOn: string; recipient: string; facts: string }): Promise<LawEnforcementReportRow> {
    this.authorize(principal, kase);
    const sentOn = v.date('input.sentOn', input.sentOn, { notInFuture: true, notBefore: kase.receivedOn });
    const recipient = v.text('input.recipient', input.recipient, 500);
    const facts = v.text('input.facts', input.facts, 10_000);
    return this.dataSource.transaction(async (em) => {
      const [row] = await em.query(
        `INSERT INTO law_enforcement_report (case_id, sent_on, recipient, facts, sent_by_agency, sent_by_organisation, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [kase.id, sentOn, recipient, facts, principal.agency ?? 'unknown', principal.organisation?.id ?? null, principal.subject],
      );
      await recordCaseEvent(em, kase.id, 'reportToLawEnforcement', kase.state, kase.state, principal, { reportId: row.id, sentOn, recipient });
      return row;
    });
  }

  async load(id: string): Promise<LawEnforcementReportRow> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM law_enforcement_report WHERE id = $1`, [v.uuid('reportId', id)]);
    if (!row) throw notFound('Информация в правоохранительные органы', id);
    return row;
  }

  /** The answer of law enforcement; once recorded it stands (a correction is a new fact, not an overwrite). */
  async recordResult(
    principal: Principal,
    kase: KdnCaseEntity,
    report: LawEnforcementReportRow,
    input: { kind: LawEnforcementResult; resultOn: string; note?: string | null },
  ): Promise<LawEnforcementReportRow> {
    this.authorize(principal, kase);
    if (report.resultKind) throw inputError('reportId', report.id, 'lawEnforcement.resultOnce', `результат уже отмечен (${report.resultKind} от ${report.resultOn})`);
    const resultOn = v.date('input.resultOn', input.resultOn, { notInFuture: true, notBefore: report.sentOn });
    const note = v.optionalText('input.note', input.note, 2_000);
    return this.dataSource.transaction(async (em) => {
      const [rows] = await em.query(`UPDATE law_enforcement_report SET result_kind = $2, result_on = $3, result_note = $4 WHERE id = $1 AND result_kind IS NULL RETURNING ${COLUMNS}`, [
        report.id,
        input.kind,
        resultOn,
        note,
      ]);
      if (rows.length === 0) throw inputError('reportId', report.id, 'lawEnforcement.resultOnce', 'результат уже отмечен');
      await recordCaseEvent(em, kase.id, 'lawEnforcementResult', kase.state, kase.state, principal, { reportId: report.id, kind: input.kind, resultOn });
      return rows[0];
    });
  }
}
