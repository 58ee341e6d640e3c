import { GraphQLError } from 'graphql';
import { recordCaseEvent } from './case-history';
import { teamOrganisations } from './case-organisations';
import { notifyOrganisations } from '../../notifications/services/notification.writer';
import { DataSource, EntityManager } from 'typeorm';
import { AgencyCode, isAgencyCode, Principal } from '../../../../auth/principal';
import { addCalendarDays } from '../../../../schema/calendar/working-days';
import { inputError, notFound } from '../../../common/errors';
import * as v from '../../../common/validation';
import { KdnCaseEntity } from '../entities/kdn-case.entity';
import { allowedWorkActions, CASE_WORKER_CAPTIONS, CaseTeam, CaseWorker, PROGRAMME_RULES, teamOf, workersOf } from '../workflow/case-records';
import { allowedActions, CASE_STATE_CAPTIONS, CaseState } from '../workflow/case-workflow';

export interface ProgrammeRowInput {
  problem: string;
  task: string;
  measure: string;
  executorAgency?: AgencyCode | null;
  /** The executing organisation (ОГРН): the lead or a supporting organisation of the resolution. */
  executorOrganisationId?: string | null;
  dueDate: string;
}

/** One row of a case's programme: problem -> task -> measure (executor, due date) -> done (what, who, when). */
export interface ProgrammeRowRecord {
  id: string;
  caseId: string;
  rowNo: number;
  problem: string;
  task: string;
  measure: string;
  executorAgency: AgencyCode;
  executorOrganisation: string | null;
  dueDate: string;
  createdBy: string | null;
  createdAt: Date;
  measureId: string | null;
  measureStatus: string | null;
  doneOn: string | null;
  result: string | null;
  executor: string | null;
}

/** The columns of a programme row as the API reads them (dates as text: calendar dates, no time zone). */
export const PROGRAMME_ROW_COLUMNS = `id, case_id AS "caseId", row_no AS "rowNo", problem, task, measure, executor_agency AS "executorAgency", executor_organisation AS "executorOrganisation",
  due_date::text AS "dueDate", created_by AS "createdBy", created_at AS "createdAt", measure_id AS "measureId",
  measure_status AS "measureStatus", done_on::text AS "doneOn", result, executor,
  version, cancelled_in_version AS "cancelledInVersion", cancelled_on::text AS "cancelledOn", cancel_reason AS "cancelReason"`;

/**
 * What the case-work services share with the workflow: the case is locked for the step, the
 * state and the caller's place in the case are checked against the rules (data in
 * workflow/case-records.ts), and the step is written to the case history and told to the
 * agencies concerned in the same transaction.
 */
export const caseWork = {
  /** The case, locked until the transaction ends: no row or record slips past a concurrent approval or closure. */
  async lock(em: EntityManager, caseId: string): Promise<KdnCaseEntity> {
    const kase = await em.getRepository(KdnCaseEntity).findOne({ where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
    if (!kase) throw notFound('Дело', caseId);
    return kase;
  },

  requireState(action: string, state: CaseState, allowed: readonly CaseState[]): void {
    if (allowed.includes(state)) return;
    const possible = [...allowedActions(state), ...allowedWorkActions(state)];
    throw new GraphQLError(
      `Действие ${action} невозможно: случай в состоянии «${CASE_STATE_CAPTIONS[state]}» (${state}); действие допустимо в состояниях ${allowed.join(', ')}; сейчас допустимо: ${possible.join(', ') || 'ничего, случай закрыт'}`,
      { extensions: { code: 'ILLEGAL_TRANSITION', state, action, allowed: possible } },
    );
  },

  requireWorker(principal: Principal, team: CaseTeam, action: string, workers: readonly CaseWorker[], extra: Record<string, unknown> = {}): CaseWorker[] {
    const mine = workersOf(principal, team).filter((w) => workers.includes(w));
    if (mine.length === 0) {
      throw new GraphQLError(`Недостаточно прав: ${action} выполняет ${workers.map((w) => CASE_WORKER_CAPTIONS[w]).join(' или ')}`, {
        extensions: { code: 'FORBIDDEN', permission: `case:${action}`, reason: 'case-role', allowedWorkers: [...workers], ...extra },
      });
    }
    return mine;
  },

  /** A step that leaves the state as it is (from = to). */
  history(em: EntityManager, kase: KdnCaseEntity, action: string, principal: Principal, payload: object): Promise<void> {
    return recordCaseEvent(em, kase.id, action, kase.state, kase.state, principal, payload);
  },
};

const TEXT_LIMIT = 4000;

/** The case's programme (DOMAIN.md step 6): drafted row by row by the curator while the case is in work. */
export class ProgrammeService {
  constructor(private readonly dataSource: DataSource) {}

  async addProgrammeRow(principal: Principal, caseId: string, input: ProgrammeRowInput): Promise<ProgrammeRowRecord> {
    const id = v.uuid('caseId', caseId);
    return this.dataSource.transaction(async (em) => {
      const kase = await caseWork.lock(em, id);
      const rule = PROGRAMME_RULES.addProgrammeRow;
      caseWork.requireState('addProgrammeRow', kase.state as CaseState, rule.states);
      const team = teamOf(kase);
      caseWork.requireWorker(principal, team, 'addProgrammeRow', rule.workers);

      const problem = v.text('input.problem', input.problem, TEXT_LIMIT);
      const task = v.text('input.task', input.task, TEXT_LIMIT);
      const measure = v.text('input.measure', input.measure, TEXT_LIMIT);
      // The executor is an organisation the resolution named: by ОГРН, or the team's organisation of the type.
      const { lead, supporting } = teamOrganisations(team);
      const attached = [lead, ...supporting].filter((o) => o !== null && isAgencyCode(o.type));
      const executor = input.executorOrganisationId ? attached.find((o) => o!.id === input.executorOrganisationId) : attached.find((o) => o!.type === input.executorAgency);
      if (!executor || (input.executorAgency && executor.type !== input.executorAgency)) {
        const field = input.executorOrganisationId ? 'input.executorOrganisationId' : 'input.executorAgency';
        throw inputError(
          field,
          input.executorOrganisationId ?? input.executorAgency?.toUpperCase() ?? null,
          'programme.executorAttached',
          `исполнителем может быть только организация, назначенная постановлением по делу ${kase.number}: ${attached.map((o) => `${o!.name} (${o!.type.toUpperCase()}, ОГРН ${o!.id})`).join(', ')}`,
        );
      }
      const dueDate = v.date('input.dueDate', input.dueDate, { notBefore: team.resolvedOn ?? '2000-01-01' });
      // Longer than any term a resolution may set (36 months) is a typo, not a plan.
      if (team.resolvedOn && dueDate > addCalendarDays(team.resolvedOn, 3 * 366)) {
        throw inputError('input.dueDate', dueDate, 'programme.dueWithinTerm', 'срок мероприятия дальше трёх лет от постановления');
      }

      const [{ next }] = await em.query(`SELECT coalesce(max(row_no), 0) + 1 AS next FROM programme_row WHERE case_id = $1`, [kase.id]);
      const [row] = (await em.query(
        `INSERT INTO programme_row (case_id, row_no, problem, task, measure, executor_agency, executor_organisation, due_date, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${PROGRAMME_ROW_COLUMNS}`,
        [kase.id, next, problem, task, measure, executor.type, executor.id, dueDate, principal.username],
      )) as ProgrammeRowRecord[];
      await caseWork.history(em, kase, 'addProgrammeRow', principal, { rowId: row.id, rowNo: row.rowNo, executorAgency: row.executorAgency, executorOrganisation: executor.id, dueDate });
      await notifyOrganisations(em, kase, [executor], 'PROGRAMME_ROW_PLANNED', `В проект программы по делу ${kase.number} включено мероприятие № ${row.rowNo} для вашего ведомства, срок ${dueDate}`);
      return row;
    });
  }
}
