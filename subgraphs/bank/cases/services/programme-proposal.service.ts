import { DataSource, EntityManager } from 'typeorm';
import { Organisation } from '../../../../auth/organisations/organisation';
import { loadOrganisationRegistry } from '../../../../auth/organisations/organisation-registry';
import { AgencyCode, isAgencyCode, Principal } from '../../../../auth/principal';
import { addCalendarDays } from '../../../../schema/calendar/working-days';
import { inputError } from '../../../common/errors';
import * as v from '../../../common/validation';
import { KdnCaseEntity } from '../entities/kdn-case.entity';
import { CaseTeam, DueAddressee, PROGRAMME_RULES, teamOf } from '../workflow/case-records';
import { CaseState } from '../workflow/case-workflow';
import { organisationsOf, teamOrganisations } from './case-organisations';
import { notifyOrganisations } from '../../notifications/services/notification.writer';
import { caseWork, PROGRAMME_ROW_COLUMNS, ProgrammeRowRecord } from './programme.service';

export interface ProposedRowInput {
  problem: string;
  task: string;
  measure: string;
  dueDate: string;
}

export interface AcceptProposalInput {
  proposalId: string;
  /** The curator's wording or term instead of the proposed one. */
  problem?: string | null;
  task?: string | null;
  measure?: string | null;
  dueDate?: string | null;
  /** Another organisation of the resolution executes instead of the proposing one (e.g. a proposal of an organisation without a subgraph). */
  executorOrganisationId?: string | null;
}

export interface DeclineProposalInput {
  proposalId: string;
  reason: string;
}

export type ProposalStatus = 'PROPOSED' | 'ACCEPTED' | 'DECLINED';

export interface ProgrammeProposalRecord {
  id: string;
  caseId: string;
  organisationId: string;
  agency: string;
  problem: string;
  task: string;
  measure: string;
  dueDate: string;
  proposedBy: string | null;
  proposedAt: Date;
  status: ProposalStatus;
  programmeRowId: string | null;
  rowNo: number | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  declineReason: string | null;
}

const COLUMNS = `p.id, p.case_id AS "caseId", p.organisation_id AS "organisationId", p.agency, p.problem, p.task, p.measure, p.due_date::text AS "dueDate",
  p.proposed_by AS "proposedBy", p.proposed_at AS "proposedAt", p.status, p.programme_row_id AS "programmeRowId", r.row_no AS "rowNo",
  p.decided_by AS "decidedBy", p.decided_at AS "decidedAt", p.decline_reason AS "declineReason"`;

const TEXT_LIMIT = 4000;
/** More rows than any programme of the seeds holds: a bigger list is a mistake, not a plan. */
const MAX_ROWS = 50;

/** Longer than any term a resolution may set (36 months) is a typo, not a plan (as addProgrammeRow). */
function dueDate(field: string, value: string, team: CaseTeam): string {
  const due = v.date(field, value, { notBefore: team.resolvedOn ?? '2000-01-01' });
  if (team.resolvedOn && due > addCalendarDays(team.resolvedOn, 3 * 366)) throw inputError(field, due, 'programme.dueWithinTerm', 'срок мероприятия дальше трёх лет от постановления');
  return due;
}

/**
 * Programme drafting from the agencies' proposals (Mari El 5.3 and 5.5, appendix 5): the lead and
 * supporting organisations of the resolution propose rows (the situation, the task, the measure,
 * the term); the curator (or the commission) composes the draft, accepting a proposal into a
 * programme row whose executor is the proposing organisation, or declining it with a reason.
 * The rules are data (workflow/case-records.ts PROGRAMME_RULES); every step is written to the
 * case history and told, by case number only, to whom it concerns.
 */
export class ProgrammeProposalService {
  constructor(private readonly dataSource: DataSource) {}

  async propose(principal: Principal, caseId: string, rows: ProposedRowInput[]): Promise<ProgrammeProposalRecord[]> {
    const id = v.uuid('caseId', caseId);
    return this.dataSource.transaction(async (em) => {
      const kase = await caseWork.lock(em, id);
      const rule = PROGRAMME_RULES.proposeProgrammeRows;
      caseWork.requireState('proposeProgrammeRows', kase.state as CaseState, rule.states);
      const team = teamOf(kase);
      caseWork.requireWorker(principal, team, 'proposeProgrammeRows', rule.workers);
      const organisation = principal.organisation!;
      if (rows.length === 0) throw inputError('rows', '[]', 'proposal.rows', 'укажите хотя бы одно предлагаемое мероприятие');
      if (rows.length > MAX_ROWS) throw inputError('rows', rows.length, 'proposal.rows', `не более ${MAX_ROWS} мероприятий в одном предложении`);
      const valid = rows.map((row, i) => ({
        problem: v.text(`rows[${i}].problem`, row.problem, TEXT_LIMIT),
        task: v.text(`rows[${i}].task`, row.task, TEXT_LIMIT),
        measure: v.text(`rows[${i}].measure`, row.measure, TEXT_LIMIT),
        dueDate: dueDate(`rows[${i}].dueDate`, row.dueDate, team),
      }));
      const ids: string[] = [];
      for (const row of valid) {
        const [inserted] = await em.query(
          `INSERT INTO programme_proposal (case_id, organisation_id, agency, problem, task, measure, due_date, proposed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [kase.id, organisation.id, organisation.type, row.problem, row.task, row.measure, row.dueDate, principal.username],
        );
        ids.push(inserted.id);
      }
      await caseWork.history(em, kase, 'proposeProgrammeRows', principal, { organisation: organisation.id, proposals: ids });
      // The commission (its curator works from the list) and the lead, which composes the programme with the supporting subjects (Myasnikovsky 5.6.2).
      const { lead, kdn } = teamOrganisations(team);
      const told = [kdn, lead].filter((o): o is Organisation => o !== null && o.id !== organisation.id);
      await notifyOrganisations(em, kase, told, 'PROGRAMME_PROPOSED', `Поступили предложения в программу по делу ${kase.number} от организации «${organisation.name}»: мероприятий — ${ids.length}`);
      return this.byIds(em, ids);
    });
  }

  /** The proposals of a case, oldest first. */
  list(caseId: string): Promise<ProgrammeProposalRecord[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM programme_proposal p LEFT JOIN programme_row r ON r.id = p.programme_row_id WHERE p.case_id = $1 ORDER BY p.seq`, [caseId]);
  }

  async compose(principal: Principal, caseId: string, accept: AcceptProposalInput[], decline: DeclineProposalInput[]): Promise<ProgrammeProposalRecord[]> {
    const id = v.uuid('caseId', caseId);
    return this.dataSource.transaction(async (em) => {
      const kase = await caseWork.lock(em, id);
      const rule = PROGRAMME_RULES.composeProgramme;
      caseWork.requireState('composeProgramme', kase.state as CaseState, rule.states);
      const team = teamOf(kase);
      caseWork.requireWorker(principal, team, 'composeProgramme', rule.workers);
      if (accept.length + decline.length === 0) throw inputError('accept', '[]', 'proposal.some', 'укажите предложения, которые включаются в программу (accept) или отклоняются (decline)');

      const named = [...accept.map((a, i) => ({ field: `accept[${i}].proposalId`, raw: a.proposalId })), ...decline.map((d, i) => ({ field: `decline[${i}].proposalId`, raw: d.proposalId }))].map(
        (n) => ({
          ...n,
          id: v.uuid(n.field, n.raw),
        }),
      );
      const seen = new Set<string>();
      for (const n of named) {
        if (seen.has(n.id)) throw inputError(n.field, n.id, 'proposal.once', 'предложение названо дважды');
        seen.add(n.id);
      }
      const found = new Map(
        (
          (await em.query(`SELECT ${COLUMNS} FROM programme_proposal p LEFT JOIN programme_row r ON r.id = p.programme_row_id WHERE p.id = ANY($1::uuid[]) FOR UPDATE OF p`, [
            named.map((n) => n.id),
          ])) as ProgrammeProposalRecord[]
        ).map((p) => [p.id, p]),
      );
      for (const n of named) {
        const proposal = found.get(n.id);
        if (!proposal || proposal.caseId !== kase.id) throw inputError(n.field, n.id, 'proposal.known', `предложения с таким идентификатором по делу ${kase.number} нет`);
        if (proposal.status === 'ACCEPTED') throw inputError(n.field, n.id, 'proposal.open', `предложение уже включено в программу (строка № ${proposal.rowNo})`);
        if (proposal.status === 'DECLINED') throw inputError(n.field, n.id, 'proposal.open', 'предложение уже отклонено');
      }

      const { lead, supporting } = teamOrganisations(team);
      const executors = [lead, ...supporting].filter((o): o is Organisation => o !== null && isAgencyCode(o.type));
      const planned = accept.map((a, i) => {
        const proposal = found.get(named[i].id)!;
        const field = a.executorOrganisationId ? `accept[${i}].executorOrganisationId` : `accept[${i}].proposalId`;
        const executorId = a.executorOrganisationId ?? proposal.organisationId;
        const executor = executors.find((o) => o.id === executorId);
        if (!executor) {
          const name = loadOrganisationRegistry().get(executorId)?.name ?? executorId;
          throw inputError(
            field,
            a.executorOrganisationId ?? proposal.id,
            'programme.executorAttached',
            `${name} не может исполнять мероприятие по делу ${kase.number}: исполнителем может быть организация, назначенная постановлением и ведущая сведения в хабе (${executors.map((o) => `${o.name}, ОГРН ${o.id}`).join('; ')}); укажите executorOrganisationId`,
          );
        }
        return {
          proposal,
          executor,
          problem: a.problem == null ? proposal.problem : v.text(`accept[${i}].problem`, a.problem, TEXT_LIMIT),
          task: a.task == null ? proposal.task : v.text(`accept[${i}].task`, a.task, TEXT_LIMIT),
          measure: a.measure == null ? proposal.measure : v.text(`accept[${i}].measure`, a.measure, TEXT_LIMIT),
          dueDate: a.dueDate == null ? proposal.dueDate : dueDate(`accept[${i}].dueDate`, a.dueDate, team),
        };
      });
      const declined = decline.map((d, i) => ({ proposal: found.get(named[accept.length + i].id)!, reason: v.text(`decline[${i}].reason`, d.reason, TEXT_LIMIT) }));

      const accepted: Array<{ proposalId: string; row: ProgrammeRowRecord; executor: Organisation }> = [];
      for (const p of planned) {
        const row = await this.insertRow(em, kase, principal, p);
        await em.query(`UPDATE programme_proposal SET status = 'ACCEPTED', programme_row_id = $2, decided_by = $3, decided_at = now() WHERE id = $1`, [p.proposal.id, row.id, principal.username]);
        accepted.push({ proposalId: p.proposal.id, row, executor: p.executor });
      }
      for (const d of declined) {
        await em.query(`UPDATE programme_proposal SET status = 'DECLINED', decline_reason = $2, decided_by = $3, decided_at = now() WHERE id = $1`, [d.proposal.id, d.reason, principal.username]);
      }
      await caseWork.history(em, kase, 'composeProgramme', principal, {
        accepted: accepted.map((a) => ({ proposalId: a.proposalId, rowId: a.row.id, rowNo: a.row.rowNo, executorOrganisation: a.executor.id })),
        declined: declined.map((d) => d.proposal.id),
      });
      // Each executor learns of its rows, each proposer of its declined proposals: numbers and terms only (the reason stays in the case).
      for (const executor of new Map(accepted.map((a) => [a.executor.id, a.executor])).values()) {
        const mine = accepted.filter((a) => a.executor.id === executor.id).map((a) => `№ ${a.row.rowNo} (срок ${a.row.dueDate})`);
        await notifyOrganisations(em, kase, [executor], 'PROGRAMME_ROW_PLANNED', `В проект программы по делу ${kase.number} включены мероприятия для вашего ведомства: ${mine.join(', ')}`);
      }
      const proposers = organisationsOf([...new Set(declined.map((d) => d.proposal.organisationId))]);
      for (const proposer of proposers) {
        const count = declined.filter((d) => d.proposal.organisationId === proposer.id).length;
        await notifyOrganisations(
          em,
          kase,
          [proposer],
          'PROGRAMME_PROPOSAL_DECLINED',
          `Куратор не включил в проект программы по делу ${kase.number} ваши предложения (${count}); причина — в предложениях по делу`,
        );
      }
      return this.byIds(
        em,
        named.map((n) => n.id),
      );
    });
  }

  private async insertRow(
    em: EntityManager,
    kase: KdnCaseEntity,
    principal: Principal,
    p: { executor: Organisation; problem: string; task: string; measure: string; dueDate: string },
  ): Promise<ProgrammeRowRecord> {
    const [{ next }] = await em.query(`SELECT coalesce(max(row_no), 0) + 1 AS next FROM programme_row WHERE case_id = $1`, [kase.id]);
    const [row] = (await em.query(
      `INSERT INTO programme_row (case_id, row_no, problem, task, measure, executor_agency, executor_organisation, due_date, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${PROGRAMME_ROW_COLUMNS}`,
      [kase.id, next, p.problem, p.task, p.measure, p.executor.type, p.executor.id, p.dueDate, principal.username],
    )) as ProgrammeRowRecord[];
    return row;
  }

  private async byIds(em: EntityManager, ids: string[]): Promise<ProgrammeProposalRecord[]> {
    const rows: ProgrammeProposalRecord[] = await em.query(`SELECT ${COLUMNS} FROM programme_proposal p LEFT JOIN programme_row r ON r.id = p.programme_row_id WHERE p.id = ANY($1::uuid[])`, [ids]);
    const order = new Map(ids.map((id, i) => [id, i]));
    return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  }
}

/**
 * The lead and supporting organisations still to propose while the programme is drafted: those of
 * a type with a subgraph (the others may propose too, but the due list names agencies), and none
 * that has proposed already. Cases of before organisations: by type.
 */
export function proposalsDue(
  team: CaseTeam,
  proposals: ReadonlyArray<{ organisation: string; agency: string }>,
): Array<{ agency: AgencyCode; organisationId: string | null; addressee: DueAddressee }> {
  let organisations: ReturnType<typeof teamOrganisations>;
  try {
    organisations = teamOrganisations(team);
  } catch {
    // A type no longer served in the registry: nobody to address.
    return [];
  }
  const byOrganisation = team.leadOrganisation !== null;
  const proposed = (o: Organisation) => proposals.some((p) => (byOrganisation ? p.organisation === o.id : p.agency === o.type));
  const due = [...(organisations.lead ? [{ o: organisations.lead, addressee: 'LEAD_AGENCY' as const }] : []), ...organisations.supporting.map((o) => ({ o, addressee: 'SUPPORTING_AGENCY' as const }))];
  return due.filter(({ o }) => isAgencyCode(o.type) && !proposed(o)).map(({ o, addressee }) => ({ agency: o.type as AgencyCode, organisationId: byOrganisation ? o.id : null, addressee }));
}
