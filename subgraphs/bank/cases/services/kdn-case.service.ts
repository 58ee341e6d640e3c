import { GraphQLError } from 'graphql';
import { recordCaseEvent } from './case-history';
import { recordSingleChildMessage } from './journal-message.service';
import { isDeepStrictEqual } from 'node:util';
import { DataSource, EntityManager, IsNull, Like } from 'typeorm';
import { AgencyCode, Principal } from '../../../../auth/principal';
import { caseOrganisations, organisationsOf } from './case-organisations';
import { notifyOrganisations } from '../../notifications/services/notification.writer';
import { tellSignalSources } from '../../notifications/services/notify';
import { Organisation } from '../../../../auth/organisations/organisation';
import { workingDaysFor } from '../../../common/calendar-guard';
import { deadlinesFor } from '../../../../schema/calendar/regional-deadlines';
import { IndicatorCatalogue } from '../../../../schema/catalogue/indicator.catalogue';
import { suggestRisk } from '../../../../schema/risk/risk-suggestion';
import { inputError, notFound } from '../../../common/errors';
import * as v from '../../../common/validation';
import { CaseParticipationEntity } from '../../access/entities/case-participation.entity';
import { KdnCaseEntity } from '../entities/kdn-case.entity';
import { PersonEntity } from '../../identity/entities/person.entity';
import { AccountCardService } from '../../sync/account-card.service';
import { conclusionCriteria, enterSopRegister, registrationReason } from './sop-register.service';
import { allowedActions, CASE_STATE_CAPTIONS, CaseAction, CaseState, ClosureReason, RETIRED_CLOSURE_REASONS, TRANSITIONS } from '../workflow/case-workflow';

export interface RegisterInJournal {
  childId: string;
  urgency: string;
  receivedOn: string;
  sourceKind: string;
  summary: string;
  indicatorCodes: string[];
  /** The agencies' signals this case is registered from (the journal's incoming signals). */
  signals?: Array<{ agency: string; signalId: string }>;
}

/** The closing resolution's own date (not in the future, not before the case's last step; today when not given) and the text of an "other" reason. */
export interface ClosingResolution {
  resolutionDate?: string | null;
  reasonNote?: string | null;
}

export interface Conclusion {
  kind: 'FAVOURABLE' | 'EARLY_STAGE' | 'SOCIALLY_DANGEROUS';
  dangerLevel: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  violationFound: boolean;
  childSafeNow: boolean;
  notes: string;
  /** The SOP criteria found (schema/catalogue/sop-criteria.ts): required with SOCIALLY_DANGEROUS, refused otherwise. */
  sopCriteria?: string[] | null;
}

export interface Resolution {
  kind: 'NO_INTERAGENCY_WORK' | 'INDIVIDUAL_WORK' | 'SOP';
  number: string;
  date: string;
  curator: string | null;
  leadAgency: AgencyCode | null;
  supportingAgencies: AgencyCode[];
  leadOrganisationId?: string | null;
  supportingOrganisationIds?: string[] | null;
  termMonths: number;
  /** The commission's meeting that passed it: regular or extraordinary, and its protocol. */
  meetingKind?: 'REGULAR' | 'EXTRAORDINARY' | null;
  protocolNumber?: string | null;
  /** Recognising the SOP: the reason for registration (criteria, the conclusion's when none named; free text) and whom it recognises. */
  sopCriteria?: string[] | null;
  registrationReasonNote?: string | null;
  sopSubject?: 'FAMILY' | 'MINOR' | null;
}

/**
 * Moves cases through the workflow table: refuses a step that is not allowed from the current
 * state (naming it and the allowed steps) or not allowed to the caller's role, records who and
 * when in the case history, and keeps the agencies' case relationship (participation) in step:
 * a check or a resolution attaches agencies, closing detaches them.
 */
export class KdnCaseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogue: IndicatorCatalogue,
    private readonly cards: AccountCardService = new AccountCardService(),
  ) {}

  private authorize(principal: Principal, action: CaseAction, state: CaseState): void {
    if (!TRANSITIONS[action].from.includes(state)) {
      const allowed = allowedActions(state);
      throw new GraphQLError(`Действие ${action} невозможно: случай в состоянии «${CASE_STATE_CAPTIONS[state]}» (${state}); допустимо: ${allowed.join(', ') || 'ничего, случай закрыт'}`, {
        extensions: { code: 'ILLEGAL_TRANSITION', state, action, allowed },
      });
    }
    if (!principal.roles.some((role) => TRANSITIONS[action].roles.includes(role))) {
      throw new GraphQLError(`Недостаточно прав: действие ${action} выполняют роли ${TRANSITIONS[action].roles.join(', ')}`, {
        extensions: { code: 'FORBIDDEN', permission: `case:${action}`, reason: 'role' },
      });
    }
  }

  private history(em: EntityManager, kase: KdnCaseEntity, action: string, from: string | null, principal: Principal, payload: object): Promise<void> {
    return recordCaseEvent(em, kase.id, action, from, kase.state, principal, payload);
  }

  private async attach(em: EntityManager, principal: Principal, kase: KdnCaseEntity, organisations: Organisation[], basis: string, on: string): Promise<void> {
    const repository = em.getRepository(CaseParticipationEntity);
    for (const organisation of organisations) {
      const agency = organisation.type;
      const open = await repository.findOneBy({ childId: kase.childId, organisationId: organisation.id, closedOn: IsNull() });
      if (!open) {
        await repository.save(
          repository.create({ childId: kase.childId, agency, organisationId: organisation.id, basis: `${basis} (дело ${kase.number})`, openedOn: on, openedBy: principal.subject }),
        );
      }
    }
  }

  private async detach(em: EntityManager, principal: Principal, kase: KdnCaseEntity, on: string, reason: string): Promise<void> {
    await em
      .getRepository(CaseParticipationEntity)
      .update({ childId: kase.childId, closedOn: IsNull(), basis: Like(`%(дело ${kase.number})`) }, { closedOn: on, closedBy: principal.subject, closeReason: reason });
  }

  async load(id: string): Promise<KdnCaseEntity> {
    const kase = await this.dataSource.getRepository(KdnCaseEntity).findOneBy({ id: v.uuid('caseId', id) });
    if (!kase) throw notFound('Дело', id);
    return kase;
  }

  async register(principal: Principal, child: PersonEntity, input: RegisterInJournal): Promise<KdnCaseEntity> {
    const row = this.registration(principal, child, input);
    return this.dataSource.transaction(async (em) => {
      const kase = await this.registerIn(em, principal, child, row, input.signals ?? []);
      // Every case comes from a journal message; registered alone, the message names this one child.
      await recordSingleChildMessage(em, principal, kase, input.signals ?? []);
      return kase;
    });
  }

  /** A registration checked (role, indicators, dates, the calendar) before anything is stored: a message validates all its children first. */
  registration(principal: Principal, child: PersonEntity, input: RegisterInJournal) {
    if (!principal.roles.includes('kdn_secretary')) {
      throw new GraphQLError('Недостаточно прав: сигнал в журнале регистрирует секретарь КДН', { extensions: { code: 'FORBIDDEN', permission: 'case:register', reason: 'role' } });
    }
    const unknown = this.catalogue.unknownCodes(input.indicatorCodes);
    if (unknown.length) throw inputError('input.indicatorCodes', unknown.join(', '), 'indicator.known', `неизвестный код индикатора: ${unknown.join(', ')}`);
    const row = {
      childId: child.id,
      municipality: child.municipality,
      state: 'REGISTERED',
      urgency: input.urgency,
      receivedOn: v.date('input.receivedOn', input.receivedOn, { notInFuture: true, notBefore: '2000-01-01' }),
      sourceKind: input.sourceKind,
      summary: v.text('input.summary', input.summary, 10_000),
      indicatorCodes: [...new Set(input.indicatorCodes)],
      // A suggestion kept next to the specialist's conclusion, which is final and may differ.
      suggestedRisk: suggestRisk(this.catalogue, input.indicatorCodes) as Record<string, unknown> | null,
      checkAgencies: [] as string[],
      checkDue: null,
      conclusion: null,
      resolution: null,
      closedOn: null,
      closureReason: null,
      createdBy: principal.subject,
    };
    // The check's term is computed now, so a case whose date the calendar cannot count is refused
    // here, before it exists, rather than stuck at assignCheck.
    workingDaysFor('input.receivedOn', row.receivedOn, deadlinesFor(row.municipality).signalCheckWorkingDays);
    return row;
  }

  /** Opens the case inside the caller's transaction, so a message about several children stores all of them or none. */
  async registerIn(
    em: EntityManager,
    principal: Principal,
    child: PersonEntity,
    row: ReturnType<KdnCaseService['registration']>,
    signals: Array<{ agency: string; signalId: string }>,
    at = 'input',
  ): Promise<KdnCaseEntity> {
    const [{ n }] = await em.query(`SELECT nextval('kdn_case_number') AS n`);
    const kase = await em
      .getRepository(KdnCaseEntity)
      .save(em.getRepository(KdnCaseEntity).create({ ...row, number: `${child.municipality}-${row.receivedOn.slice(0, 4)}-${String(n).padStart(6, '0')}` }));
    const detecting = await this.linkSignals(em, kase, signals, at);
    if (detecting) {
      kase.detectingOrganisation = detecting;
      await em.getRepository(KdnCaseEntity).update({ id: kase.id }, { detectingOrganisation: detecting });
    }
    await this.history(em, kase, 'register', null, principal, { urgency: row.urgency, signals });
    await tellSignalSources(em, kase, 'register');
    return kase;
  }

  /** Each incoming signal is registered once, and only for the child it is about. */
  async linkSignals(em: EntityManager, kase: KdnCaseEntity, signals: Array<{ agency: string; signalId: string }>, at = 'input'): Promise<string | null> {
    let detecting: string | null = null;
    for (const [i, ref] of signals.entries()) {
      const field = `${at}.signals[${i}]`;
      const signalId = v.uuid(`${field}.signalId`, ref.signalId);
      const [known] = await em.query(`SELECT child_id, state->>'organisationId' AS organisation FROM agency_record WHERE source = $1 AND aggregate_id = $2 AND aggregate_type = 'Signal'`, [
        ref.agency,
        signalId,
      ]);
      if (!known) throw inputError(field, signalId, 'signal.known', `сигнал ведомства ${ref.agency} не найден в банке (ещё не поступил или неверный идентификатор)`);
      if (known.child_id !== kase.childId) throw inputError(field, signalId, 'signal.sameChild', 'сигнал относится к другому ребёнку');
      const [taken] = await em.query(`SELECT k.number FROM case_signal s JOIN kdn_case k ON k.id = s.case_id WHERE s.source = $1 AND s.signal_id = $2`, [ref.agency, signalId]);
      if (taken) throw inputError(field, signalId, 'signal.once', `сигнал уже зарегистрирован по делу ${taken.number}`);
      await em.query(`INSERT INTO case_signal (case_id, source, signal_id) VALUES ($1, $2, $3)`, [kase.id, ref.agency, signalId]);
      // The first signal's organisation detected the family (the data bank's «выявивший орган»).
      detecting ??= known.organisation ?? null;
    }
    return detecting;
  }

  // The journal's incoming signals, paged and filtered: CaseReadbackService.signals (case-readback.service.ts).

  async assignCheck(principal: Principal, kase: KdnCaseEntity, agencies: AgencyCode[], organisationIds: string[] = []): Promise<KdnCaseEntity> {
    this.authorize(principal, 'assignCheck', kase.state as CaseState);
    if (agencies.length === 0 && organisationIds.length === 0) throw inputError('agencies', '[]', 'check.agencies', 'назначьте проверку хотя бы одному ведомству');
    const checkers = caseOrganisations('organisationIds', kase.municipality, agencies, organisationIds, { subgraphOnly: true });
    const today = new Date().toISOString().slice(0, 10);
    // Emergency: react at once; otherwise the region's working-day term from registration.
    const checkDue = kase.urgency === 'EMERGENCY' ? kase.receivedOn : workingDaysFor('receivedOn', kase.receivedOn, deadlinesFor(kase.municipality).signalCheckWorkingDays);
    return this.dataSource.transaction(async (em) => {
      const from = kase.state;
      const before = structuredClone(kase);
      kase.state = 'CHECKING';
      kase.checkAgencies = [...new Set(checkers.map((o) => o.type))].sort();
      kase.checkOrganisations = checkers.map((o) => o.id).sort();
      kase.checkDue = checkDue;
      await saveChanges(em, kase, before);
      await this.attach(em, principal, kase, checkers, 'Проверка сигнала', today);
      await this.history(em, kase, 'assignCheck', from, principal, { agencies: kase.checkAgencies, organisations: kase.checkOrganisations, due: kase.checkDue });
      await notifyOrganisations(em, kase, checkers, 'CHECK_ASSIGNED', `Назначена проверка сигнала по делу ${kase.number}, срок ${kase.checkDue}`);
      await tellSignalSources(em, kase, 'assignCheck');
      return kase;
    });
  }

  async recordConclusion(principal: Principal, kase: KdnCaseEntity, conclusion: Conclusion): Promise<KdnCaseEntity> {
    this.authorize(principal, 'recordConclusion', kase.state as CaseState);
    if (!isChecker(principal, kase)) {
      throw new GraphQLError('Недостаточно прав: заключение представляет ведомство, которому назначена проверка', {
        extensions: { code: 'FORBIDDEN', permission: 'case:recordConclusion', reason: 'not-assigned' },
      });
    }
    const sopCriteria = conclusionCriteria(kase.municipality, conclusion.kind, conclusion.sopCriteria);
    return this.step(
      principal,
      kase,
      'recordConclusion',
      'CONCLUDED',
      (k) => {
        k.conclusion = {
          ...conclusion,
          sopCriteria,
          notes: v.text('input.notes', conclusion.notes, 10_000),
          agency: principal.agency,
          organisationId: principal.organisation?.id ?? null,
          by: principal.username,
        };
      },
      (k) => ({ conclusion: k.conclusion }),
    );
  }

  async recordResolution(principal: Principal, kase: KdnCaseEntity, resolution: Resolution): Promise<KdnCaseEntity> {
    this.authorize(principal, 'recordResolution', kase.state as CaseState);
    const date = v.date('input.date', resolution.date, { notInFuture: true });
    const number = v.text('input.number', resolution.number, 50);
    const protocolNumber = v.optionalText('input.protocolNumber', resolution.protocolNumber, 50);
    if (resolution.kind !== 'NO_INTERAGENCY_WORK' && !resolution.leadAgency && !resolution.leadOrganisationId) {
      throw inputError('input.leadAgency', null, 'resolution.leadAgency', 'для работы по случаю укажите основное ведомство (или организацию)');
    }
    v.integerRange('input.termMonths', resolution.termMonths, 0, 36);
    const working = resolution.kind !== 'NO_INTERAGENCY_WORK';
    const [lead] = working
      ? caseOrganisations(
          'input.leadOrganisationId',
          kase.municipality,
          resolution.leadOrganisationId ? [] : [resolution.leadAgency!],
          resolution.leadOrganisationId ? [resolution.leadOrganisationId] : [],
          { subgraphOnly: true },
        )
      : [];
    if (lead && resolution.leadAgency && lead.type !== resolution.leadAgency)
      throw inputError('input.leadOrganisationId', lead.id, 'organisation.type', `${lead.name} не относится к виду ${resolution.leadAgency}`);
    const supporting = working
      ? caseOrganisations(
          'input.supportingOrganisationIds',
          kase.municipality,
          resolution.supportingAgencies.filter((a) => a !== lead?.type || resolution.leadOrganisationId),
          resolution.supportingOrganisationIds ?? [],
          { subgraphOnly: false },
        ).filter((o) => o.id !== lead?.id)
      : [];
    const reason = registrationReason(kase, resolution);
    const { leadOrganisationId: _lead, supportingOrganisationIds: _supporting, sopCriteria: _criteria, registrationReasonNote: _note, sopSubject: _subject, ...stated } = resolution;
    return this.dataSource.transaction(async (em) => {
      const from = kase.state;
      kase.resolution = {
        ...stated,
        number,
        date,
        meetingKind: resolution.meetingKind ?? null,
        protocolNumber,
        leadAgency: lead?.type ?? null,
        supportingAgencies: [...new Set(supporting.map((o) => o.type))],
        leadOrganisation: lead?.id ?? null,
        supportingOrganisations: supporting.map((o) => o.id),
        ...(reason ? { registrationReason: reason } : {}),
      };
      if (resolution.kind === 'NO_INTERAGENCY_WORK') {
        kase.state = 'CLOSED';
        kase.closedOn = date;
        kase.closureReason = 'NO_INTERAGENCY_WORK';
        // Participations end when the decision is recorded (today), never before they began.
        await this.detach(em, principal, kase, new Date().toISOString().slice(0, 10), `Постановление ${number}: межведомственная работа не требуется`);
      } else {
        kase.state = 'IN_WORK';
        await this.attach(em, principal, kase, [lead!, ...supporting], `Постановление КДН ${number} от ${date}`, date);
      }
      await em.getRepository(KdnCaseEntity).save(kase);
      if (reason) await enterSopRegister(em, this.cards, kase, number, date, reason);
      await this.history(em, kase, 'recordResolution', from, principal, { kind: resolution.kind, number, resolution: kase.resolution });
      const involved = [...checkersOf(kase), ...(lead ? [lead] : []), ...supporting];
      await notifyOrganisations(
        em,
        kase,
        involved,
        'RESOLUTION',
        `Постановление КДН ${number} от ${date} по делу ${kase.number}: ${working ? `работа по случаю, основное ведомство: ${lead!.name}` : 'межведомственная работа не требуется'}`,
      );
      await tellSignalSources(em, kase, 'recordResolution');
      return kase;
    });
  }

  // The data bank entry of a resolution recognising the SOP: enterSopRegister (sop-register.service.ts).

  /** Leaves the register only with the closing resolution of the same case (the database checks it). */
  private async leaveRegister(em: EntityManager, kase: KdnCaseEntity, on: string, reason: string, number: string): Promise<void> {
    const [rows] = await em.query(`UPDATE register_entry SET removed_on = $2, removal_reason = $3, removal_basis = $4 WHERE case_id = $1 AND removed_on IS NULL RETURNING family_id`, [
      kase.id,
      on,
      reason,
      `Постановление КДН № ${number} от ${on}`,
    ]);
    for (const row of rows as Array<{ family_id: string }>) await this.cards.publishCard(em, row.family_id, 'RegisterEntryClosed');
  }

  async approveProgramme(principal: Principal, kase: KdnCaseEntity): Promise<KdnCaseEntity> {
    this.authorize(principal, 'approveProgramme', kase.state as CaseState);
    return this.dataSource.transaction(async (em) => {
      // Locked, so no row is added between the count and the approval; a programme with no rows is no programme.
      const [locked] = await em.query(`SELECT state FROM kdn_case WHERE id = $1 FOR UPDATE`, [kase.id]);
      this.authorize(principal, 'approveProgramme', locked.state as CaseState);
      const executors: Array<{ agency: string; organisation: string | null; rows: string }> = await em.query(
        `SELECT executor_agency AS agency, executor_organisation AS organisation, string_agg('№ ' || row_no || ' (срок ' || due_date || ')', ', ' ORDER BY row_no) AS rows
         FROM programme_row WHERE case_id = $1 GROUP BY executor_agency, executor_organisation ORDER BY executor_agency`,
        [kase.id],
      );
      if (executors.length === 0) throw inputError('caseId', kase.id, 'programme.notEmpty', 'программа без мероприятий не может быть утверждена: сначала добавьте строки программы (addProgrammeRow)');
      const from = kase.state;
      kase.state = 'PROGRAMME_APPROVED';
      await em.getRepository(KdnCaseEntity).save(kase);
      await this.history(em, kase, 'approveProgramme', from, principal, {});
      // Each executor learns of its own rows: numbers and terms only.
      for (const e of executors) {
        const organisation = e.organisation ? organisationsOf([e.organisation]) : caseOrganisations('executor', kase.municipality, [e.agency as AgencyCode], [], { subgraphOnly: false });
        await notifyOrganisations(em, kase, organisation, 'PROGRAMME_APPROVED', `Программа по делу ${kase.number} утверждена: ваши мероприятия ${e.rows}`);
      }
      return kase;
    });
  }

  /**
   * Closes the case by the closing resolution, dated as the resolution is (old clients that send no
   * date get today's, as before); the participations end the day it is recorded.
   */
  async close(principal: Principal, kase: KdnCaseEntity, reason: ClosureReason, resolutionNumber: string, closing: ClosingResolution = {}): Promise<KdnCaseEntity> {
    this.authorize(principal, 'closeCase', kase.state as CaseState);
    const today = new Date().toISOString().slice(0, 10);
    const number = v.text('resolutionNumber', resolutionNumber, 50);
    if (RETIRED_CLOSURE_REASONS.includes(reason))
      throw inputError('reason', reason, 'closure.reasonRetired', 'основание «смерть ребёнка или родителей» разделено: укажите CHILD_DEATH или PARENTS_DEATH');
    if (reason === 'NO_INTERAGENCY_WORK')
      throw inputError('reason', reason, 'closure.reasonByResolution', 'это основание ставит только постановление об отсутствии необходимости межведомственной работы (recordResolution)');
    const reasonNote = v.optionalText('reasonNote', closing.reasonNote, 1_000);
    if (reason === 'OTHER' && !reasonNote) throw inputError('reasonNote', null, 'closure.otherSpecified', 'для иного основания укажите его (reasonNote)');
    // Not before the case's last dated step, the resolution that opened the work (the approval carries no date of its
    // own, and a step typed late must not refuse a resolution dated before the typing).
    const opened = typeof kase.resolution?.date === 'string' ? kase.resolution.date : kase.receivedOn;
    const resolutionDate = closing.resolutionDate == null ? today : v.date('resolutionDate', closing.resolutionDate, { notInFuture: true, notBefore: opened });
    return this.dataSource.transaction(async (em) => {
      const from = kase.state;
      kase.state = 'CLOSED';
      kase.closedOn = resolutionDate;
      kase.closureReason = reason;
      await em.getRepository(KdnCaseEntity).save(kase);
      await this.leaveRegister(em, kase, resolutionDate, reason, number);
      await this.detach(em, principal, kase, today, `Постановление ${number}: случай закрыт (${reason})`);
      // resolutionDate marks a closure after which the family is told and the responsible body reports (dueItems).
      await this.history(em, kase, 'closeCase', from, principal, { reason, number, resolutionDate, reasonNote });
      const rows: Array<{ organisation: string }> = await em.query(`SELECT DISTINCT organisation_id AS organisation FROM case_participation WHERE child_id = $1 AND basis LIKE $2`, [
        kase.childId,
        `%(дело ${kase.number})`,
      ]);
      await notifyOrganisations(em, kase, organisationsOf(rows.map((r) => r.organisation)), 'CASE_CLOSED', `Случай ${kase.number} закрыт постановлением ${number} (${reason})`);
      await tellSignalSources(em, kase, 'closeCase');
      return kase;
    });
  }

  private step(
    principal: Principal,
    kase: KdnCaseEntity,
    action: CaseAction,
    to: CaseState,
    change: (k: KdnCaseEntity) => void,
    payload: (k: KdnCaseEntity) => object = () => ({}),
  ): Promise<KdnCaseEntity> {
    return this.dataSource.transaction(async (em) => {
      const from = kase.state;
      const before = structuredClone(kase);
      change(kase);
      kase.state = to;
      await saveChanges(em, kase, before);
      // The history keeps what was decided, so a conclusion returned for rework is still read back.
      await this.history(em, kase, action, from, principal, payload(kase));
      return kase;
    });
  }

  /** Cases a caller works with: a commission its territory's, an agency those it checks or takes part in. */
  async visibleTo(principal: Principal, filter: { state: string | null; overdueOnly: boolean; first: number }): Promise<KdnCaseEntity[]> {
    const query = this.dataSource.getRepository(KdnCaseEntity).createQueryBuilder('c');
    if (principal.organisation === null) return [];
    if (principal.agency === 'kdn') {
      query.where('c.municipality = ANY(:territories)', { territories: principal.territories });
    } else {
      query.where(
        // A checking agency of the case's territory while the check and its conclusion are open; afterwards only by taking part.
        `((c.state IN ('CHECKING', 'CONCLUDED') AND (:organisation = ANY(c.check_organisations)
             OR (c.check_organisations = '{}' AND :agency = ANY(c.check_agencies) AND c.municipality = ANY(:territories))))
          OR c.child_id IN (SELECT child_id FROM case_participation WHERE organisation_id = :organisation AND closed_on IS NULL))`,
        { agency: principal.agency, territories: principal.territories, organisation: principal.organisation.id },
      );
    }
    if (filter.state) query.andWhere('c.state = :state', { state: filter.state });
    if (filter.overdueOnly) query.andWhere(`c.state = 'CHECKING' AND c.check_due < CURRENT_DATE`);
    return query.orderBy('c.check_due', 'ASC', 'NULLS LAST').addOrderBy('c.created_at', 'ASC').take(filter.first).getMany();
  }
}

/** The checking organisations of a case; for cases of before organisations, the types serving its territory. */
function checkersOf(kase: KdnCaseEntity): Organisation[] {
  if (kase.checkOrganisations.length > 0) return organisationsOf(kase.checkOrganisations);
  return kase.checkAgencies.length ? caseOrganisations('checkAgencies', kase.municipality, kase.checkAgencies as AgencyCode[], [], { subgraphOnly: false }) : [];
}

/** May this caller conclude the check: its organisation was assigned it (or, on cases of before organisations, its type in the territory). */
function isChecker(principal: Principal, kase: KdnCaseEntity): boolean {
  if (!principal.organisation) return false;
  if (kase.checkOrganisations.length > 0) return kase.checkOrganisations.includes(principal.organisation.id);
  return principal.agency !== null && kase.checkAgencies.includes(principal.agency) && (principal.territories ?? []).includes(kase.municipality);
}

/**
 * Writes the columns a step changed, found by comparing with the case as the step read it: one
 * UPDATE (updated_at included). Repository.save would first read the row again to find them.
 */
async function saveChanges(em: EntityManager, kase: KdnCaseEntity, before: KdnCaseEntity): Promise<void> {
  const repository = em.getRepository(KdnCaseEntity);
  const changed: Record<string, unknown> = {};
  for (const column of repository.metadata.columns) {
    if (column.isPrimary || column.isCreateDate || column.isUpdateDate) continue;
    const key = column.propertyName as keyof KdnCaseEntity;
    if (!isDeepStrictEqual(kase[key], before[key])) changed[key] = kase[key];
  }
  if (Object.keys(changed).length > 0) await repository.update({ id: kase.id }, changed);
}
