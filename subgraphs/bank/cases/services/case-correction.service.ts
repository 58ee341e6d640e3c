import { GraphQLError } from 'graphql';
import { recordCaseEvent } from './case-history';
import { DataSource, EntityManager } from 'typeorm';
import { Organisation } from '../../../../auth/organisations/organisation';
import { AgencyCode, isAgencyCode, Principal } from '../../../../auth/principal';
import { deadlinesFor } from '../../../../schema/calendar/regional-deadlines';
import { addCalendarDays } from '../../../../schema/calendar/working-days';
import { workingDaysFor } from '../../../common/calendar-guard';
import { inputError } from '../../../common/errors';
import * as v from '../../../common/validation';
import { AccountCardService } from '../../sync/account-card.service';
import { KdnCaseEntity } from '../entities/kdn-case.entity';
import { addCalendarMonths, teamOf } from '../workflow/case-records';
import { CORRECTIONS, Correction } from '../workflow/case-corrections';
import { CASE_STATE_CAPTIONS, CaseState } from '../workflow/case-workflow';
import { caseOrganisations, organisationsOf, teamOrganisations } from './case-organisations';
import { notifyOrganisations } from '../../notifications/services/notification.writer';
import { caseWork, ProgrammeRowInput } from './programme.service';

const REASON_LIMIT = 2000;
const TEXT_LIMIT = 4000;

export interface RegistrationFix {
  receivedOn?: string | null;
  summary?: string | null;
}

export interface ProgrammeAmendment {
  addRows: ProgrammeRowInput[];
  cancelRowNos: number[];
}

export interface TermChange {
  termMonths?: number | null;
  endsOn?: string | null;
}

/** The end of the term of work: an explicit end date, or the resolution's date plus its months. */
export function termEndsOn(resolution: Record<string, unknown> | null): string | null {
  if (!resolution || typeof resolution.date !== 'string') return null;
  if (typeof resolution.termEndsOn === 'string') return resolution.termEndsOn;
  return typeof resolution.termMonths === 'number' && resolution.termMonths > 0 ? addCalendarMonths(resolution.date, resolution.termMonths) : null;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Every refusal names the rule of workflow/case-corrections.ts it applies. */
function requireCorrection(principal: Principal, correction: Correction, kase: KdnCaseEntity): void {
  const rule = CORRECTIONS[correction];
  if (!principal.roles.some((role) => rule.roles.includes(role))) {
    throw new GraphQLError(`Недостаточно прав: исправление ${correction} (${rule.caption}) выполняют роли ${rule.roles.join(', ')}`, {
      extensions: { code: 'FORBIDDEN', permission: `case:${correction}`, rule: `CORRECTIONS.${correction}`, reason: 'role', allowedRoles: [...rule.roles] },
    });
  }
  requireTerritory(principal, correction, kase);
  requireState(correction, kase, rule.states);
}

function requireTerritory(principal: Principal, correction: Correction, kase: KdnCaseEntity): void {
  if (principal.organisation !== null && (principal.territories ?? []).includes(kase.municipality)) return;
  throw new GraphQLError(`Недостаточно прав: исправление ${correction} вносит КДН, обслуживающая территорию дела ${kase.number}`, {
    extensions: { code: 'FORBIDDEN', permission: `case:${correction}`, rule: `CORRECTIONS.${correction}`, reason: 'territory' },
  });
}

function requireState(correction: Correction, kase: KdnCaseEntity, allowed: readonly CaseState[]): void {
  const state = kase.state as CaseState;
  if (allowed.includes(state)) return;
  throw new GraphQLError(`Исправление ${correction} невозможно: дело ${kase.number} в состоянии «${CASE_STATE_CAPTIONS[state]}» (${state}); исправление допустимо в состояниях ${allowed.join(', ')}`, {
    extensions: { code: 'ILLEGAL_TRANSITION', action: correction, rule: `CORRECTIONS.${correction}`, state, allowed: [...allowed] },
  });
}

/** The organisations working on a case now: the checkers during the check, the team after the resolution. */
function concerned(kase: KdnCaseEntity): Organisation[] {
  if (kase.state === 'CHECKING' || kase.state === 'CONCLUDED') {
    if (kase.checkOrganisations.length) return organisationsOf(kase.checkOrganisations);
    return kase.checkAgencies.length ? caseOrganisations('checkAgencies', kase.municipality, kase.checkAgencies as AgencyCode[], [], { subgraphOnly: false }) : [];
  }
  if (kase.state === 'IN_WORK' || kase.state === 'PROGRAMME_APPROVED') {
    const { lead, supporting } = teamOrganisations(teamOf(kase));
    return [...(lead ? [lead] : []), ...supporting];
  }
  return [];
}

/** The organisations whose signals a case was registered from, each with its signal (the reporter learns its signal's fate, nothing of the file). */
async function signalSources(em: EntityManager, caseId: string): Promise<Array<{ signalId: string; organisation: Organisation }>> {
  const rows: Array<{ signalId: string; organisation: string | null }> = await em.query(
    `SELECT s.signal_id AS "signalId", r.state->>'organisationId' AS organisation FROM case_signal s
     JOIN agency_record r ON r.source = s.source AND r.aggregate_id = s.signal_id AND r.aggregate_type = 'Signal'
     WHERE s.case_id = $1 ORDER BY s.signal_id`,
    [caseId],
  );
  return rows.flatMap((r) => organisationsOf(r.organisation ? [r.organisation] : []).map((organisation) => ({ signalId: r.signalId, organisation })));
}

async function tellSources(
  em: EntityManager,
  kase: KdnCaseEntity,
  sources: Array<{ signalId: string; organisation: Organisation }>,
  kind: string,
  message: (signalId: string) => string,
): Promise<void> {
  for (const source of sources) await notifyOrganisations(em, kase, [source.organisation], kind, message(source.signalId));
}

/** The participations a case opened carry its number in their basis (KdnCaseService.attach). */
const basisOf = (kase: KdnCaseEntity) => `%(дело ${kase.number})`;

/**
 * Corrections of a case (workflow/case-corrections.ts). Each locks the case, checks the rule
 * (role, territory, state), changes what it corrects in one transaction, writes the case history
 * with the reason and the old and the new value, and tells the organisations concerned by case
 * number only. The write-audit subscriber logs each write in the same transaction.
 */
export class CaseCorrectionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cards: AccountCardService = new AccountCardService(),
  ) {}

  private async history(em: EntityManager, kase: KdnCaseEntity, action: Correction, from: string, principal: Principal, reason: string, old: object, now: object, extra: object = {}): Promise<void> {
    await recordCaseEvent(em, kase.id, action, from, kase.state, principal, { correction: true, reason, old, new: now, ...extra });
  }

  /** The case locked, the rule checked: the common start of every correction. */
  private async begin(em: EntityManager, principal: Principal, correction: Correction, caseId: string): Promise<KdnCaseEntity> {
    const kase = await caseWork.lock(em, caseId);
    requireCorrection(principal, correction, kase);
    return kase;
  }

  /** Closes the participations the case opened (the check, the resolution). */
  private async detach(em: EntityManager, principal: Principal, kase: KdnCaseEntity, why: string): Promise<string[]> {
    const [rows] = await em.query(
      `UPDATE case_participation SET closed_on = $3, closed_by = $4, close_reason = $5 WHERE child_id = $1 AND closed_on IS NULL AND basis LIKE $2 RETURNING organisation_id`,
      [kase.childId, basisOf(kase), today(), principal.subject, why],
    );
    return (rows as Array<{ organisation_id: string }>).map((r) => r.organisation_id);
  }

  async annulRegistration(principal: Principal, caseId: string, reason: string): Promise<KdnCaseEntity> {
    const why = v.text('reason', reason, REASON_LIMIT);
    return this.dataSource.transaction(async (em) => {
      const kase = await this.begin(em, principal, 'annulRegistration', caseId);
      const told = concerned(kase);
      const sources = await signalSources(em, kase.id);
      const from = kase.state;
      // The signals go back to the journal's incoming signals, waiting for a registration.
      const [signals]: [Array<{ agency: string; signalId: string }>] = await em.query(`DELETE FROM case_signal WHERE case_id = $1 RETURNING source AS agency, signal_id AS "signalId"`, [kase.id]);
      kase.state = 'ANNULLED';
      kase.closedOn = today();
      await em.getRepository(KdnCaseEntity).save(kase);
      const detached = await this.detach(em, principal, kase, `Регистрация дела ${kase.number} аннулирована: ${why}`);
      await this.history(em, kase, 'annulRegistration', from, principal, why, { state: from, signals }, { state: kase.state, signals: [] }, { participationsClosed: detached });
      await notifyOrganisations(em, kase, [...told, ...organisationsOf(detached)], 'CASE_ANNULLED', `Регистрация дела ${kase.number} аннулирована: проверка и работа по нему не ведутся`);
      await tellSources(
        em,
        kase,
        sources,
        'SIGNAL_RETURNED',
        (signalId) => `Регистрация вашего сигнала ${signalId} по делу ${kase.number} аннулирована: сигнал снова ожидает рассмотрения в журнале КДН`,
      );
      return kase;
    });
  }

  /** The second case goes into the first: its signals and records move, its history stays under it, referenced from the first. */
  async mergeCases(principal: Principal, caseId: string, mergedCaseId: string, reason: string): Promise<KdnCaseEntity> {
    const why = v.text('reason', reason, REASON_LIMIT);
    const keptId = v.uuid('caseId', caseId);
    const mergedId = v.uuid('mergedCaseId', mergedCaseId);
    if (keptId === mergedId) throw inputError('mergedCaseId', mergedId, 'merge.distinct', 'дело нельзя объединить само с собой');
    return this.dataSource.transaction(async (em) => {
      // Both locked, always in the same order, so two merges of the same pair cannot deadlock.
      for (const id of [keptId, mergedId].sort()) await caseWork.lock(em, id);
      const merged = await this.begin(em, principal, 'mergeCases', mergedId);
      const kept = await caseWork.lock(em, keptId);
      requireTerritory(principal, 'mergeCases', kept);
      requireState('mergeCases', kept, CORRECTIONS.mergeCases.targetStates!);
      if (kept.childId !== merged.childId) throw inputError('mergedCaseId', mergedId, 'merge.sameChild', `дела ${kept.number} и ${merged.number} относятся к разным детям`);
      const mergedCheckers = concerned(merged);
      const sources = await signalSources(em, merged.id);
      const from = merged.state;
      const [signals] = await em.query(`UPDATE case_signal SET case_id = $1 WHERE case_id = $2 RETURNING source AS agency, signal_id AS "signalId"`, [kept.id, merged.id]);
      const [records] = await em.query(`UPDATE case_record SET case_id = $1 WHERE case_id = $2 RETURNING id`, [kept.id, merged.id]);
      // The organisations the first case still needs keep their access under its number; the rest are detached.
      const keptNeeds = new Set(concerned(kept).map((o) => o.id));
      await em.query(`UPDATE case_participation SET basis = replace(basis, $3, $4) WHERE child_id = $1 AND closed_on IS NULL AND basis LIKE $2 AND organisation_id = ANY($5::text[])`, [
        merged.childId,
        basisOf(merged),
        `(дело ${merged.number})`,
        `(дело ${kept.number})`,
        [...keptNeeds],
      ]);
      const detached = await this.detach(em, principal, merged, `Дело ${merged.number} объединено с делом ${kept.number}: ${why}`);
      merged.state = 'MERGED';
      merged.mergedInto = kept.id;
      merged.closedOn = today();
      await em.getRepository(KdnCaseEntity).save(merged);
      kept.detectingOrganisation ??= merged.detectingOrganisation;
      await em.getRepository(KdnCaseEntity).save(kept);
      const moved = { signals, records: (records as Array<{ id: string }>).map((r) => r.id) };
      await this.history(
        em,
        merged,
        'mergeCases',
        from,
        principal,
        why,
        { state: from, mergedInto: null },
        { state: 'MERGED', mergedInto: { caseId: kept.id, number: kept.number } },
        { moved, participationsClosed: detached },
      );
      // The second's history stays under it, whole (its merge included); the first points to it.
      const [{ events }] = await em.query(`SELECT count(*)::int AS events FROM case_event WHERE case_id = $1`, [merged.id]);
      await this.history(
        em,
        kept,
        'mergeCases',
        kept.state,
        principal,
        why,
        { merged: null },
        { merged: { caseId: merged.id, number: merged.number, state: from } },
        { moved, historyOf: { caseId: merged.id, events } },
      );
      await notifyOrganisations(
        em,
        merged,
        [...mergedCheckers, ...organisationsOf(detached)].filter((o) => !keptNeeds.has(o.id)),
        'CASE_MERGED',
        `Дело ${merged.number} объединено с делом ${kept.number}: работа по делу ${merged.number} не ведётся`,
      );
      await notifyOrganisations(em, kept, concerned(kept), 'CASE_MERGED', `К делу ${kept.number} присоединено дело ${merged.number} того же ребёнка`);
      await tellSources(em, kept, sources, 'SIGNAL_MOVED', (signalId) => `Ваш сигнал ${signalId} рассматривается по делу ${kept.number}: дело ${merged.number} объединено с ним`);
      return kept;
    });
  }

  async correctRegistration(principal: Principal, caseId: string, fix: RegistrationFix, reason: string): Promise<KdnCaseEntity> {
    const why = v.text('reason', reason, REASON_LIMIT);
    const receivedOn = fix.receivedOn == null ? null : v.date('input.receivedOn', fix.receivedOn, { notInFuture: true, notBefore: '2000-01-01' });
    const summary = fix.summary == null ? null : v.text('input.summary', fix.summary, 10_000);
    return this.dataSource.transaction(async (em) => {
      const kase = await this.begin(em, principal, 'correctRegistration', caseId);
      const old = { receivedOn: kase.receivedOn, summary: kase.summary, checkDue: kase.checkDue };
      // Counted whatever the state: a date the calendar cannot count is refused now, not at assignCheck.
      const recomputed = receivedOn === null ? null : workingDaysFor('input.receivedOn', receivedOn, deadlinesFor(kase.municipality).signalCheckWorkingDays);
      if ((receivedOn === null || receivedOn === kase.receivedOn) && (summary === null || summary === kase.summary)) {
        throw inputError('input', null, 'correction.changes', 'исправление ничего не меняет: укажите новую дату поступления или новое содержание');
      }
      if (receivedOn !== null) kase.receivedOn = receivedOn;
      if (summary !== null) kase.summary = summary;
      // The check's term runs from receipt: recomputed as assignCheck computes it.
      if (kase.state === 'CHECKING' && receivedOn !== null) {
        kase.checkDue = kase.urgency === 'EMERGENCY' ? kase.receivedOn : recomputed;
      }
      await em.getRepository(KdnCaseEntity).save(kase);
      await this.history(em, kase, 'correctRegistration', kase.state, principal, why, old, { receivedOn: kase.receivedOn, summary: kase.summary, checkDue: kase.checkDue });
      if (kase.checkDue !== old.checkDue) {
        await notifyOrganisations(em, kase, concerned(kase), 'CHECK_DUE_CHANGED', `По делу ${kase.number} исправлена дата поступления сигнала: срок проверки ${kase.checkDue} (был ${old.checkDue})`);
      }
      return kase;
    });
  }

  async extendCheck(principal: Principal, caseId: string, checkDue: string, reason: string): Promise<KdnCaseEntity> {
    const why = v.text('reason', reason, REASON_LIMIT);
    const due = v.date('checkDue', checkDue, { notBefore: '2000-01-01' });
    return this.dataSource.transaction(async (em) => {
      const kase = await this.begin(em, principal, 'extendCheck', caseId);
      const old = kase.checkDue;
      if (old !== null && due <= old) throw inputError('checkDue', due, 'check.extendLater', `новый срок проверки должен быть позже нынешнего (${old})`);
      if (due > addCalendarDays(today(), 366)) throw inputError('checkDue', due, 'check.extendWithinYear', 'срок проверки дальше года — это опечатка, а не продление');
      kase.checkDue = due;
      await em.getRepository(KdnCaseEntity).save(kase);
      await this.history(em, kase, 'extendCheck', kase.state, principal, why, { checkDue: old }, { checkDue: due });
      await notifyOrganisations(em, kase, concerned(kase), 'CHECK_EXTENDED', `Срок проверки по делу ${kase.number} продлён до ${due} (был ${old})`);
      return kase;
    });
  }

  async returnConclusion(principal: Principal, caseId: string, reason: string, checkDue: string | null): Promise<KdnCaseEntity> {
    const why = v.text('reason', reason, REASON_LIMIT);
    const asked = checkDue == null ? null : v.date('checkDue', checkDue, { notBefore: today() });
    return this.dataSource.transaction(async (em) => {
      const kase = await this.begin(em, principal, 'returnConclusion', caseId);
      const old = { state: kase.state, conclusion: kase.conclusion, checkDue: kase.checkDue };
      const by = (kase.conclusion?.organisationId as string | undefined) ?? null;
      kase.state = 'CHECKING';
      kase.conclusion = null;
      // A fresh term for the rework, by the region's rule, unless the commission sets one.
      kase.checkDue = asked ?? (kase.urgency === 'EMERGENCY' ? today() : workingDaysFor('checkDue', today(), deadlinesFor(kase.municipality).signalCheckWorkingDays));
      await em.getRepository(KdnCaseEntity).save(kase);
      await this.history(em, kase, 'returnConclusion', old.state, principal, why, old, { state: kase.state, conclusion: null, checkDue: kase.checkDue });
      await notifyOrganisations(
        em,
        kase,
        [...(by ? organisationsOf([by]) : []), ...concerned(kase)],
        'CONCLUSION_RETURNED',
        `Заключение по делу ${kase.number} возвращено на доработку, срок проверки ${kase.checkDue}`,
      );
      return kase;
    });
  }

  /** A new version of the approved programme: rows added, rows cancelled (kept with their mark), each executor told of its own. */
  async amendProgramme(principal: Principal, caseId: string, amendment: ProgrammeAmendment, reason: string): Promise<KdnCaseEntity> {
    const why = v.text('reason', reason, REASON_LIMIT);
    if (amendment.addRows.length === 0 && amendment.cancelRowNos.length === 0)
      throw inputError('input', null, 'correction.changes', 'изменение программы должно добавить или отменить хотя бы одно мероприятие');
    return this.dataSource.transaction(async (em) => {
      const kase = await this.begin(em, principal, 'amendProgramme', caseId);
      const team = teamOf(kase);
      const { lead, supporting } = teamOrganisations(team);
      const attached = [lead, ...supporting].filter((o): o is Organisation => o !== null && isAgencyCode(o.type));
      const rows: Array<{ id: string; rowNo: number; agency: string; organisation: string | null; dueDate: string; status: string | null; cancelled: number | null; measure: string }> = await em.query(
        `SELECT id, row_no AS "rowNo", executor_agency AS agency, executor_organisation AS organisation, due_date::text AS "dueDate", measure_status AS status, cancelled_in_version AS cancelled, measure
         FROM programme_row WHERE case_id = $1 ORDER BY row_no`,
        [kase.id],
      );
      const version = kase.programmeVersion + 1;
      const cancelled = [...new Set(amendment.cancelRowNos)].map((rowNo, i) => {
        const row = rows.find((r) => r.rowNo === rowNo);
        if (!row) throw inputError(`input.cancelRowNos[${i}]`, rowNo, 'programme.rowKnown', `в программе по делу ${kase.number} нет мероприятия № ${rowNo}`);
        if (row.cancelled !== null) throw inputError(`input.cancelRowNos[${i}]`, rowNo, 'programme.rowActive', `мероприятие № ${rowNo} уже отменено (редакция ${row.cancelled})`);
        if (row.status === 'DONE') throw inputError(`input.cancelRowNos[${i}]`, rowNo, 'programme.rowNotDone', `мероприятие № ${rowNo} уже выполнено: выполненное не отменяется`);
        return row;
      });
      const added = amendment.addRows.map((input, i) => {
        const field = `input.addRows[${i}]`;
        const executor = input.executorOrganisationId ? attached.find((o) => o.id === input.executorOrganisationId) : attached.find((o) => o.type === input.executorAgency);
        if (!executor || (input.executorAgency && executor.type !== input.executorAgency)) {
          throw inputError(
            input.executorOrganisationId ? `${field}.executorOrganisationId` : `${field}.executorAgency`,
            input.executorOrganisationId ?? input.executorAgency?.toUpperCase() ?? null,
            'programme.executorAttached',
            `исполнителем может быть только организация, назначенная постановлением по делу ${kase.number}: ${attached.map((o) => `${o.name} (${o.type.toUpperCase()}, ОГРН ${o.id})`).join(', ')}`,
          );
        }
        const dueDate = v.date(`${field}.dueDate`, input.dueDate, { notBefore: team.resolvedOn ?? '2000-01-01' });
        if (team.resolvedOn && dueDate > addCalendarDays(team.resolvedOn, 3 * 366))
          throw inputError(`${field}.dueDate`, dueDate, 'programme.dueWithinTerm', 'срок мероприятия дальше трёх лет от постановления');
        return {
          problem: v.text(`${field}.problem`, input.problem, TEXT_LIMIT),
          task: v.text(`${field}.task`, input.task, TEXT_LIMIT),
          measure: v.text(`${field}.measure`, input.measure, TEXT_LIMIT),
          executor,
          dueDate,
        };
      });
      if (rows.filter((r) => r.cancelled === null).length - cancelled.length + added.length === 0) {
        throw inputError(
          'input.cancelRowNos',
          amendment.cancelRowNos.join(', '),
          'programme.notEmpty',
          'после изменения в программе не останется мероприятий: случай закрывается постановлением (closeCase), а не отменой всех мероприятий',
        );
      }
      for (const row of cancelled) {
        await em.query(`UPDATE programme_row SET cancelled_in_version = $2, cancelled_on = $3, cancel_reason = $4 WHERE id = $1`, [row.id, version, today(), why]);
      }
      let next = rows.reduce((max, r) => Math.max(max, r.rowNo), 0);
      const inserted: Array<{ id: string; rowNo: number; executor: Organisation; dueDate: string }> = [];
      for (const row of added) {
        next += 1;
        const [{ id }] = await em.query(
          `INSERT INTO programme_row (case_id, row_no, problem, task, measure, executor_agency, executor_organisation, due_date, created_by, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
          [kase.id, next, row.problem, row.task, row.measure, row.executor.type, row.executor.id, row.dueDate, principal.username, version],
        );
        inserted.push({ id, rowNo: next, executor: row.executor, dueDate: row.dueDate });
      }
      const oldVersion = kase.programmeVersion;
      kase.programmeVersion = version;
      await em.getRepository(KdnCaseEntity).save(kase);
      await this.history(
        em,
        kase,
        'amendProgramme',
        kase.state,
        principal,
        why,
        { version: oldVersion, rows: cancelled.map((r) => ({ rowNo: r.rowNo, measure: r.measure, executorOrganisation: r.organisation, dueDate: r.dueDate, cancelled: false })) },
        {
          version,
          rows: [
            ...cancelled.map((r) => ({ rowNo: r.rowNo, cancelled: true })),
            ...inserted.map((r) => ({ rowId: r.id, rowNo: r.rowNo, executorOrganisation: r.executor.id, dueDate: r.dueDate, added: true })),
          ],
        },
      );
      // Each executor learns of its own added and cancelled rows: numbers and terms only.
      const executors = new Map<string, { organisation: Organisation[]; added: string[]; cancelled: string[] }>();
      const entry = (organisation: Organisation[]) => {
        const key = organisation.map((o) => o.id).join(',');
        if (!executors.has(key)) executors.set(key, { organisation, added: [], cancelled: [] });
        return executors.get(key)!;
      };
      for (const r of inserted) entry([r.executor]).added.push(`№ ${r.rowNo} (срок ${r.dueDate})`);
      for (const r of cancelled) {
        const organisation = r.organisation ? organisationsOf([r.organisation]) : caseOrganisations('executor', kase.municipality, [r.agency as AgencyCode], [], { subgraphOnly: false });
        entry(organisation).cancelled.push(`№ ${r.rowNo}`);
      }
      for (const e of executors.values()) {
        const parts = [e.added.length ? `добавлены ваши мероприятия ${e.added.join(', ')}` : '', e.cancelled.length ? `отменены ваши мероприятия ${e.cancelled.join(', ')}` : ''].filter(Boolean);
        await notifyOrganisations(em, kase, e.organisation, 'PROGRAMME_AMENDED', `Программа по делу ${kase.number} изменена (редакция ${version}): ${parts.join('; ')}`);
      }
      return kase;
    });
  }

  async changeTerm(principal: Principal, caseId: string, change: TermChange, reason: string): Promise<KdnCaseEntity> {
    const why = v.text('reason', reason, REASON_LIMIT);
    if ((change.termMonths == null) === (change.endsOn == null)) {
      throw inputError('input', null, 'term.oneOf', 'укажите либо новый срок в месяцах (termMonths), либо дату окончания (endsOn)');
    }
    return this.dataSource.transaction(async (em) => {
      const kase = await this.begin(em, principal, 'changeTerm', caseId);
      const resolution = kase.resolution ?? {};
      const resolvedOn = resolution.date as string;
      const old = { termMonths: (resolution.termMonths as number | undefined) ?? null, endsOn: termEndsOn(resolution) };
      const next: Record<string, unknown> = { ...resolution };
      if (change.termMonths != null) {
        next.termMonths = v.integerRange('input.termMonths', change.termMonths, 1, 36);
        delete next.termEndsOn;
      } else {
        const endsOn = v.date('input.endsOn', change.endsOn!, { notBefore: resolvedOn });
        if (endsOn > addCalendarMonths(resolvedOn, 36)) throw inputError('input.endsOn', endsOn, 'term.within36Months', 'срок работы по случаю — не более 36 месяцев от постановления');
        next.termEndsOn = endsOn;
      }
      const endsOn = termEndsOn(next)!;
      // Shortening into the past would be a closure, which only a closing resolution makes.
      if (endsOn < today())
        throw inputError(
          change.termMonths != null ? 'input.termMonths' : 'input.endsOn',
          change.termMonths ?? change.endsOn!,
          'term.notPast',
          `срок окончится ${endsOn}, в прошлом: закройте случай постановлением (closeCase)`,
        );
      if (endsOn === old.endsOn) throw inputError('input', null, 'correction.changes', `срок работы и так оканчивается ${endsOn}`);
      kase.resolution = next;
      await em.getRepository(KdnCaseEntity).save(kase);
      const now = { termMonths: (next.termMonths as number | undefined) ?? null, endsOn };
      await this.history(em, kase, 'changeTerm', kase.state, principal, why, old, now);
      const verb = old.endsOn === null || endsOn > old.endsOn ? 'продлён' : 'сокращён';
      await notifyOrganisations(em, kase, concerned(kase), 'TERM_CHANGED', `Срок работы по делу ${kase.number} ${verb} до ${endsOn}${old.endsOn ? ` (был ${old.endsOn})` : ''}`);
      return kase;
    });
  }

  /**
   * Back to the state before the closure: the participations the closure ended reopen, and the
   * data bank entry it removed is entered again under the same resolution (the register's rules
   * never let a removed entry change, so the removal stays on record beside the new entry).
   */
  async reopenCase(principal: Principal, caseId: string, reason: string): Promise<KdnCaseEntity> {
    const why = v.text('reason', reason, REASON_LIMIT);
    return this.dataSource.transaction(async (em) => {
      const kase = await this.begin(em, principal, 'reopenCase', caseId);
      const [closure] = await em.query(`SELECT action, from_state AS "from", payload FROM case_event WHERE case_id = $1 AND to_state = 'CLOSED' ORDER BY id DESC LIMIT 1`, [kase.id]);
      if (!closure?.from) throw inputError('caseId', kase.id, 'reopen.closure', `в истории дела ${kase.number} нет его закрытия`);
      const old = { state: kase.state, closedOn: kase.closedOn, closureReason: kase.closureReason, resolution: kase.resolution };
      const number = closure.payload?.number as string | undefined;
      kase.state = closure.from as CaseState;
      kase.closedOn = null;
      kase.closureReason = null;
      // A resolution of no interagency work closed the case: reopened, it waits for a resolution again.
      if (closure.action === 'recordResolution') kase.resolution = null;
      await em.getRepository(KdnCaseEntity).save(kase);
      const [reopened] = number
        ? await em.query(
            `UPDATE case_participation p SET closed_on = NULL, closed_by = NULL, close_reason = NULL
             WHERE p.child_id = $1 AND p.basis LIKE $2 AND p.closed_on IS NOT NULL AND p.close_reason LIKE $3
               AND NOT EXISTS (SELECT 1 FROM case_participation o WHERE o.child_id = p.child_id AND o.organisation_id = p.organisation_id AND o.closed_on IS NULL)
             RETURNING organisation_id`,
            [kase.childId, basisOf(kase), `Постановление ${number.replace(/[\\%_]/g, '\\$&')}:%`],
          )
        : [[]];
      const restored: Array<{ family_id: string }> = [];
      if (kase.resolution?.kind === 'SOP') {
        const [open] = await em.query(`SELECT 1 FROM register_entry WHERE case_id = $1 AND removed_on IS NULL`, [kase.id]);
        if (!open) {
          restored.push(
            ...(await em.query(
              `INSERT INTO register_entry (family_id, child_id, included_on, basis, case_id, detecting_agency, detecting_organisation, detecting_name, reason_criteria, reason_note, subject)
               SELECT family_id, child_id, included_on, basis, case_id, detecting_agency, detecting_organisation, detecting_name, reason_criteria, reason_note, subject FROM register_entry
               WHERE case_id = $1 ORDER BY removed_on DESC NULLS LAST LIMIT 1 RETURNING family_id`,
              [kase.id],
            )),
          );
          for (const row of restored) if (row.family_id) await this.cards.publishCard(em, row.family_id, 'RegisterEntryOpened');
        }
      }
      const participations = (reopened as Array<{ organisation_id: string }>).map((r) => r.organisation_id);
      await this.history(
        em,
        kase,
        'reopenCase',
        old.state,
        principal,
        why,
        old,
        { state: kase.state, closedOn: null, closureReason: null, resolution: kase.resolution },
        { participationsReopened: participations, registerEntryRestored: restored.length > 0 },
      );
      await notifyOrganisations(em, kase, [...organisationsOf(participations), ...concerned(kase)], 'CASE_REOPENED', `Случай ${kase.number} возобновлён: закрыт ошибочно, работа продолжается`);
      return kase;
    });
  }
}
