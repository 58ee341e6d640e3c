import { AgencyCode } from '../../../../auth/principal';
import { SOURCE_KIND_CAPTIONS, SourceKind } from '../../../../schema/enums';
import { KdnCaseEntity } from '../entities/kdn-case.entity';
import { CaseActor, CaseChange, CaseCheck, CaseClosure, CaseConclusion, CaseHistoryEntry, CaseJournalEntry, CaseResolution, ChildRef, ProgrammeApproval } from '../types/case-readback.types';
import { CASE_STATE_CAPTIONS, CaseState } from '../workflow/case-workflow';
import { criteriaViews } from '../types/sop.types';
import { registrationReasonOf } from './sop-view';
import { teamOrganisations } from './case-organisations';
import { CaseEventRow, organisationById, organisationsById, termEndsOn } from './case-readback.service';

/*
 * The case as the journal and the history tell it, built from the case row and its `case_event`
 * rows (written by every step and correction). Pure: no database, no access decision.
 */

export const CONCLUSION_CAPTIONS: Record<string, string> = {
  FAVOURABLE: 'информация не подтвердилась: в семье благоприятная обстановка',
  EARLY_STAGE: 'семья находится на ранней стадии семейного неблагополучия',
  SOCIALLY_DANGEROUS: 'установлено социально опасное положение',
};

export const RESOLUTION_CAPTIONS: Record<string, string> = {
  NO_INTERAGENCY_WORK: 'межведомственная работа не требуется',
  INDIVIDUAL_WORK: 'индивидуальная профилактическая работа по случаю',
  SOP: 'признание находящимися в социально опасном положении, внесение в банк данных СОП',
};

export const URGENCY_CAPTIONS: Record<string, string> = {
  EMERGENCY: 'экстренно: реагировать незамедлительно',
  URGENT: 'срочно',
  ROUTINE: 'в плановом порядке (не позднее срока проверки по правилам региона)',
};

export const CLOSURE_CAPTIONS: Record<string, string> = {
  PROGRAMME_DONE: 'программа выполнена, причины неблагополучия устранены',
  MOVED_TO_SOP: 'переход к работе с семьёй в СОП',
  RIGHTS_RESTORED: 'родители самостоятельно восстановили права ребёнка',
  TURNED_18: 'достижение ребёнком 18 лет',
  MOVED_AWAY: 'переезд в другое муниципальное образование, регион или страну',
  PARENTAL_RIGHTS_RESTRICTED: 'ограничение или лишение родительских прав',
  DEATH: 'смерть ребёнка или родителей',
  CHILD_DEATH: 'смерть несовершеннолетнего',
  PARENTS_DEATH: 'смерть родителей (иных законных представителей) несовершеннолетнего',
  CIVIL_STATUS_CHANGED: 'изменение факта гражданского состояния',
  OTHER: 'иные основания',
  ANNULLED_BY_COURT: 'постановление отменено судом',
  REFUSED_TO_COOPERATE: 'отказ от сотрудничества',
  NO_INTERAGENCY_WORK: 'межведомственная работа не требуется',
};

export const ACTION_CAPTIONS: Record<string, string> = {
  register: 'Сигнал зарегистрирован в журнале',
  assignCheck: 'Назначена проверка сигнала',
  recordConclusion: 'Представлено заключение по проверке',
  recordResolution: 'Вынесено постановление КДН',
  addProgrammeRow: 'В проект программы добавлено мероприятие',
  proposeProgrammeRows: 'Внесены предложения в программу',
  composeProgramme: 'Составлен проект программы',
  approveProgramme: 'Программа утверждена',
  recordCaseRecord: 'Внесена запись по случаю',
  closeCase: 'Случай закрыт постановлением',
  annulRegistration: 'Регистрация аннулирована',
  mergeCases: 'Дела одного ребёнка объединены',
  correctRegistration: 'Исправлены сведения регистрации',
  extendCheck: 'Продлён срок проверки',
  returnConclusion: 'Заключение возвращено на доработку',
  amendProgramme: 'Изменена утверждённая программа',
  changeTerm: 'Изменён срок работы по случаю',
  reopenCase: 'Случай возобновлён',
  instructMember: 'Поручено члену комиссии организовать работу с семьёй (низкий уровень риска, без постановления)',
};

const dateOf = (at: Date) => new Date(at).toISOString().slice(0, 10);
const obj = (value: unknown): Record<string, unknown> | null => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const strs = (value: unknown): string[] => (Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : []);

export function actorOf(e: CaseEventRow): CaseActor {
  return { username: e.actorUsername, agency: e.actorAgency, organisationId: e.actorOrganisation, organisation: organisationById(e.actorOrganisation) };
}

export function childOf(kase: KdnCaseEntity): ChildRef {
  return { childId: kase.childId, municipality: kase.municipality };
}

/** Each check assignment; a conclusion returned for rework opens another; extensions move its term. */
export function checksOf(kase: KdnCaseEntity, events: readonly CaseEventRow[]): CaseCheck[] {
  const rounds: CaseCheck[] = [];
  for (const e of events) {
    const payload = e.payload ?? {};
    const current = rounds.at(-1);
    if (e.action === 'assignCheck' || (e.action === 'returnConclusion' && current)) {
      const rework = e.action === 'returnConclusion';
      const ids = rework ? current!.organisationIds : strs(payload.organisations);
      const due = rework ? str(obj(payload.new)?.checkDue) : str(payload.due);
      rounds.push({
        kind: rework ? 'REWORK' : 'ASSIGNED',
        assignedAt: e.at,
        assignedOn: dateOf(e.at),
        assignedBy: actorOf(e),
        agencies: (rework ? current!.agencies : strs(payload.agencies)) as AgencyCode[],
        organisationIds: ids,
        organisations: organisationsById(ids),
        initialDueOn: due,
        dueOn: due,
        extensions: [],
        concludedAt: null,
      });
    } else if (current && (e.action === 'extendCheck' || e.action === 'correctRegistration')) {
      const from = str(obj(payload.old)?.checkDue);
      const to = str(obj(payload.new)?.checkDue);
      if (to === null || from === to) continue;
      current.extensions.push({ at: e.at, by: actorOf(e), from, to, child: childOf(kase), rawReason: str(payload.reason) });
      current.dueOn = to;
    } else if (current && e.action === 'recordConclusion' && current.concludedAt === null) {
      current.concludedAt = e.at;
    }
  }
  return rounds;
}

/** Each conclusion, those returned for rework included (the history keeps them), the current one marked. */
export function conclusionsOf(kase: KdnCaseEntity, events: readonly CaseEventRow[]): CaseConclusion[] {
  const found: Array<{ event: CaseEventRow | null; data: Record<string, unknown> | null; returned: CaseEventRow | null }> = [];
  for (const e of events) {
    if (e.action === 'recordConclusion') found.push({ event: e, data: obj(e.payload?.conclusion), returned: null });
    if (e.action === 'returnConclusion' && found.length) {
      const last = found.at(-1)!;
      last.returned = e;
      last.data ??= obj(obj(e.payload?.old)?.conclusion);
    }
  }
  const last = found.at(-1);
  if (last && !last.returned) last.data ??= kase.conclusion;
  if (!found.length && kase.conclusion) found.push({ event: null, data: kase.conclusion, returned: null });
  return found
    .filter((f) => f.data !== null)
    .map((f, i, all) => {
      const d = f.data!;
      const organisationId = str(d.organisationId) ?? f.event?.actorOrganisation ?? null;
      return {
        kind: String(d.kind),
        kindCaption: CONCLUSION_CAPTIONS[String(d.kind)] ?? String(d.kind),
        dangerLevel: str(d.dangerLevel),
        violationFound: typeof d.violationFound === 'boolean' ? d.violationFound : null,
        childSafeNow: typeof d.childSafeNow === 'boolean' ? d.childSafeNow : null,
        agency: str(d.agency) ?? f.event?.actorAgency ?? null,
        organisationId,
        organisation: organisationById(organisationId),
        author: str(d.by) ?? f.event?.actorUsername ?? null,
        recordedAt: f.event?.at ?? null,
        recordedOn: f.event ? dateOf(f.event.at) : null,
        current: i === all.length - 1 && !f.returned && kase.conclusion !== null,
        returnedAt: f.returned?.at ?? null,
        child: childOf(kase),
        rawText: str(d.notes),
        rawReturnReason: str(f.returned?.payload?.reason),
        sopCriteria: criteriaViews(d.sopCriteria),
      };
    });
}

function resolutionView(kase: KdnCaseEntity, d: Record<string, unknown>, event: CaseEventRow | null, current: boolean): CaseResolution {
  const leadId = str(d.leadOrganisation);
  const supportingIds = strs(d.supportingOrganisations);
  let lead = organisationById(leadId);
  let supporting = organisationsById(supportingIds);
  if (!leadId && d.kind !== 'NO_INTERAGENCY_WORK') {
    // A resolution of before organisations named types: their organisations serving the territory.
    try {
      const team = teamOrganisations({
        municipality: kase.municipality,
        leadAgency: str(d.leadAgency),
        supportingAgencies: strs(d.supportingAgencies),
        leadOrganisation: null,
        supportingOrganisations: [],
      });
      lead = team.lead;
      supporting = team.supporting;
    } catch {
      // a type no longer served there: the types alone are shown
    }
  }
  const date = String(d.date);
  const meetingKind = str(d.meetingKind);
  const protocolNumber = str(d.protocolNumber);
  return {
    kind: String(d.kind),
    kindCaption: RESOLUTION_CAPTIONS[String(d.kind)] ?? String(d.kind),
    number: String(d.number),
    date,
    curator: str(d.curator),
    leadAgency: (str(d.leadAgency) as AgencyCode | null) ?? null,
    leadOrganisationId: lead?.id ?? leadId,
    leadOrganisation: lead,
    supportingAgencies: strs(d.supportingAgencies),
    supportingOrganisationIds: supporting.length ? supporting.map((o) => o.id) : supportingIds,
    supportingOrganisations: supporting,
    termMonths: typeof d.termMonths === 'number' ? d.termMonths : null,
    termEndsOn: termEndsOn(d),
    registrationReason: registrationReasonOf(d.registrationReason),
    meeting:
      meetingKind || protocolNumber
        ? { kind: meetingKind, caption: meetingKind === 'EXTRAORDINARY' ? 'внеочередное заседание' : meetingKind === 'REGULAR' ? 'очередное заседание' : 'заседание', date, protocolNumber }
        : null,
    recordedAt: event?.at ?? null,
    recordedBy: event ? actorOf(event) : null,
    current,
  };
}

/** Each resolution of the case; the current one as it stands now (a changed term included). */
export function resolutionsOf(kase: KdnCaseEntity, events: readonly CaseEventRow[]): CaseResolution[] {
  const found = events.filter((e) => e.action === 'recordResolution').map((e) => ({ event: e as CaseEventRow | null, data: obj(e.payload?.resolution) }));
  if (found.length && kase.resolution) found.at(-1)!.data = kase.resolution;
  if (!found.length && kase.resolution) found.push({ event: null, data: kase.resolution });
  return found.filter((f) => f.data !== null).map((f, i, all) => resolutionView(kase, f.data!, f.event, i === all.length - 1 && kase.resolution !== null));
}

export function closureOf(kase: KdnCaseEntity, events: readonly CaseEventRow[]): CaseClosure | null {
  if (kase.state !== 'CLOSED' || !kase.closedOn || !kase.closureReason) return null;
  const byResolution = kase.closureReason === 'NO_INTERAGENCY_WORK';
  const event = [...events].reverse().find((e) => e.action === (byResolution ? 'recordResolution' : 'closeCase')) ?? null;
  const number = byResolution ? str(kase.resolution?.number) : str(event?.payload?.number);
  return {
    closedOn: kase.closedOn,
    reason: kase.closureReason,
    reasonCaption: CLOSURE_CAPTIONS[kase.closureReason] ?? kase.closureReason,
    resolutionNumber: number,
    recordedAt: event?.at ?? null,
    recordedBy: event ? actorOf(event) : null,
  };
}

export function approvalOf(events: readonly CaseEventRow[]): ProgrammeApproval | null {
  const e = [...events].reverse().find((x) => x.action === 'approveProgramme');
  return e ? { approvedAt: e.at, approvedOn: dateOf(e.at), approvedBy: actorOf(e) } : null;
}

/** What changed: the correction's old and new values, or what a step recorded. */
export function changesOf(payload: Record<string, unknown>): CaseChange[] {
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  const before = obj(payload.old);
  const after = obj(payload.new);
  if (before || after) {
    const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
    return keys.map((field) => ({ field, before: json(before?.[field]), after: json(after?.[field]) })).filter((c) => c.before !== c.after);
  }
  return Object.entries(payload)
    .filter(([field]) => field !== 'reason' && field !== 'correction')
    .map(([field, value]) => ({ field, before: null, after: json(value) }));
}

export function historyOf(kase: KdnCaseEntity, events: readonly CaseEventRow[]): CaseHistoryEntry[] {
  return events.map((e) => {
    const payload = e.payload ?? {};
    return {
      id: e.id,
      at: e.at,
      action: e.action,
      caption: ACTION_CAPTIONS[e.action] ?? e.action,
      fromState: e.fromState,
      toState: e.toState,
      actor: actorOf(e),
      child: childOf(kase),
      payload,
    };
  });
}

export function historyReason(entry: CaseHistoryEntry): string | null {
  const reason = str(entry.payload.reason);
  if (reason === null) return null;
  return entry.action === 'closeCase' ? (CLOSURE_CAPTIONS[reason] ?? reason) : reason;
}

/** The journal's columns (Primorsky appendix 1, Mari El appendix 1) for one case. */
export function journalOf(kase: KdnCaseEntity, events: readonly CaseEventRow[]): Omit<CaseJournalEntry, 'child' | 'summary'> {
  const checks = checksOf(kase, events);
  const conclusions = conclusionsOf(kase, events);
  const resolution = kase.resolution;
  const source = organisationById(kase.detectingOrganisation);
  const working = resolution && (resolution.kind === 'INDIVIDUAL_WORK' || resolution.kind === 'SOP');
  const checkOrganisations = kase.checkOrganisations.length ? organisationsById(kase.checkOrganisations).map((o) => o.name) : kase.checkAgencies.map((a) => a.toUpperCase());
  const authors = conclusions.map((c) => `${c.author ?? '—'}${c.organisation ? ` (${c.organisation.name})` : ''}`);
  const conclusionKind = str(kase.conclusion?.kind);
  const closure = closureOf(kase, events);
  const result = [
    conclusionKind ? `Заключение: ${CONCLUSION_CAPTIONS[conclusionKind] ?? conclusionKind}` : null,
    resolution ? `Постановление № ${String(resolution.number)} от ${String(resolution.date)}: ${RESOLUTION_CAPTIONS[String(resolution.kind)] ?? String(resolution.kind)}` : null,
    closure && closure.reason !== 'NO_INTERAGENCY_WORK'
      ? `Снят с учёта ${closure.closedOn}: ${closure.reasonCaption}${closure.resolutionNumber ? ` (постановление № ${closure.resolutionNumber})` : ''}`
      : null,
    kase.state === 'ANNULLED' || kase.state === 'MERGED' ? CASE_STATE_CAPTIONS[kase.state as CaseState] : null,
    kase.instruction ? `Поручено члену комиссии ${String(kase.instruction.member)} до ${String(kase.instruction.dueOn)} (без постановления)` : null,
  ].filter((x): x is string => x !== null);
  return {
    number: kase.number,
    receivedOn: kase.receivedOn,
    sourceKind: kase.sourceKind,
    from: `${SOURCE_KIND_CAPTIONS[kase.sourceKind as SourceKind] ?? kase.sourceKind}${source ? `: ${source.name}` : ''}`,
    sourceOrganisation: source,
    urgency: kase.urgency,
    urgencyCaption: URGENCY_CAPTIONS[kase.urgency] ?? kase.urgency,
    indicatorCodes: kase.indicatorCodes,
    checkAssignedOn: checks[0]?.assignedOn ?? null,
    checkDueOn: kase.checkDue,
    checkSpecialists: [...new Set([...checkOrganisations, ...authors])],
    conclusionKind,
    conclusion: conclusionKind ? (CONCLUSION_CAPTIONS[conclusionKind] ?? conclusionKind) : null,
    registeredOn: working ? String(resolution!.date) : null,
    registration: working ? RESOLUTION_CAPTIONS[String(resolution!.kind)] : null,
    removedOn: working && closure ? closure.closedOn : null,
    removalReason: working && closure ? closure.reasonCaption : null,
    result: result.length ? result.join('; ') : (CASE_STATE_CAPTIONS[kase.state as CaseState] ?? kase.state),
  };
}
