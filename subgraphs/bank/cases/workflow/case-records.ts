import { Principal, Role } from '../../../../auth/principal';
import { CaseState } from './case-workflow';

/**
 * The work on a case after the resolution (DOMAIN.md steps 6-7), as data next to the workflow's
 * TRANSITIONS: in which states the programme is drafted and the follow-up records are kept, and
 * who keeps each of them. The services refuse anything else, naming the rule.
 */

/** Who a rule admits, judged against the case's resolution (lead and supporting agencies, curator). */
export type CaseWorker = 'CURATOR' | 'KDN' | 'LEAD_AGENCY' | 'SUPPORTING_AGENCY';

export const CASE_WORKER_CAPTIONS: Record<CaseWorker, string> = {
  CURATOR: 'куратор случая',
  KDN: 'КДН (председатель или ответственный секретарь) своей территории',
  LEAD_AGENCY: 'основное ведомство по постановлению',
  SUPPORTING_AGENCY: 'вспомогательное ведомство по постановлению',
};

/** KDN roles that draft, review and hold consiliums (the member only reads). */
export const KDN_WORKERS: readonly Role[] = ['kdn_chair', 'kdn_secretary'];

/**
 * The programme is drafted by the curator (or the KDN) between the resolution and its approval,
 * from the proposals of the lead and supporting organisations (Mari El 5.3, 5.5, appendix 5;
 * Myasnikovsky 5.6.2, 5.7.1: the lead and the supporting subjects compose it together).
 */
export const PROGRAMME_RULES = {
  addProgrammeRow: { states: ['IN_WORK'] as readonly CaseState[], workers: ['CURATOR', 'KDN'] as readonly CaseWorker[] },
  proposeProgrammeRows: { states: ['IN_WORK'] as readonly CaseState[], workers: ['LEAD_AGENCY', 'SUPPORTING_AGENCY'] as readonly CaseWorker[] },
  composeProgramme: { states: ['IN_WORK'] as readonly CaseState[], workers: ['CURATOR', 'KDN'] as readonly CaseWorker[] },
} as const;
export type ProgrammeAction = keyof typeof PROGRAMME_RULES;

export const CASE_RECORD_KINDS = ['PATRONAGE_SHEET', 'QUARTERLY_REPORT', 'LIVING_CONDITIONS_SURVEY', 'PROGRAMME_REVIEW', 'CONSILIUM', 'INFORMATION_MESSAGE', 'FAMILY_INFORMED'] as const;
export type CaseRecordKind = (typeof CASE_RECORD_KINDS)[number];

export const CASE_RECORD_CAPTIONS: Record<CaseRecordKind, string> = {
  PATRONAGE_SHEET: 'Патронажный лист',
  QUARTERLY_REPORT: 'Ежеквартальный отчёт основного ведомства',
  LIVING_CONDITIONS_SURVEY: 'Обследование условий жизни',
  PROGRAMME_REVIEW: 'Пересмотр программы КДН',
  CONSILIUM: 'Консилиум',
  INFORMATION_MESSAGE: 'Информационное сообщение в КДН',
  FAMILY_INFORMED: 'Уведомление несовершеннолетнего и родителей о снятии с учёта',
};

/** Details a record may carry (Mari El appendix 4: potential, reaction, patronage kind, outcome). */
export const DETAIL_KEYS = ['rehabilitationStage', 'rehabilitationPotential', 'familyReaction', 'patronageKind', 'reviewOutcome', 'messageKind', 'means', 'documentRef'] as const;
export type DetailKey = (typeof DETAIL_KEYS)[number];

export const REHABILITATION_STAGES = ['INITIAL', 'MAIN', 'FINAL'] as const;
export const REHABILITATION_POTENTIALS = ['HIGH', 'MEDIUM', 'LOW'] as const;
/** The family's reaction to the intervention, the six grades of Mari El appendix 4. */
export const FAMILY_REACTIONS = ['AGGRESSIVE_REFUSAL', 'PASSIVE_UNCERTAIN', 'DEPRESSED_COMPLIANT', 'CALM', 'READY_TO_COOPERATE', 'ACTIVE_COOPERATION'] as const;
export const PATRONAGE_KINDS = ['EMERGENCY', 'URGENT', 'PERIODIC', 'CONTROL'] as const;
/** Full rehabilitation, partial restoration, no positive results. */
export const REVIEW_OUTCOMES = ['FULL', 'PARTIAL', 'NONE'] as const;
/** The information message of Primorsky appendix 3: the family taken on (учёт, контроль, обслуживание) or taken off. */
export const INFORMATION_MESSAGE_KINDS = ['TAKEN_ON', 'TAKEN_OFF'] as const;
export type InformationMessageKind = (typeof INFORMATION_MESSAGE_KINDS)[number];
export const INFORMATION_MESSAGE_CAPTIONS: Record<InformationMessageKind, string> = {
  TAKEN_ON: 'поставлена на внутренний учёт / контроль / принята на социальное обслуживание',
  TAKEN_OFF: 'снята с внутреннего учёта / контроля / социального обслуживания',
};

export interface CaseRecordRule {
  states: readonly CaseState[];
  workers: readonly CaseWorker[];
  /** Sheets and reports cover a period; the next one is due from its end. */
  periodRequired: boolean;
  requiredDetails: readonly DetailKey[];
  /** Details that belong to this kind only. */
  exclusiveDetails: readonly DetailKey[];
  /** Who learns of the record (by case number only). */
  notify: ReadonlyArray<'LEAD_AGENCY' | 'SUPPORTING_AGENCIES' | 'KDN'>;
}

export const CASE_RECORD_RULES: Record<CaseRecordKind, CaseRecordRule> = {
  // Supporting agencies hand their sheet to the lead agency monthly, by the 10th of the next month;
  // the lead keeps the sheet of its own patronage in the family's file (Myasnikovsky 5.6.4, 5.7.2-5.7.3).
  PATRONAGE_SHEET: {
    states: ['IN_WORK', 'PROGRAMME_APPROVED'],
    workers: ['SUPPORTING_AGENCY', 'LEAD_AGENCY'],
    periodRequired: true,
    requiredDetails: ['patronageKind'],
    exclusiveDetails: ['patronageKind'],
    notify: ['LEAD_AGENCY'],
  },
  // The lead agency reports to the KDN quarterly.
  QUARTERLY_REPORT: { states: ['IN_WORK', 'PROGRAMME_APPROVED'], workers: ['LEAD_AGENCY'], periodRequired: true, requiredDetails: [], exclusiveDetails: [], notify: ['KDN'] },
  // Living conditions are re-surveyed at least every 3 months.
  LIVING_CONDITIONS_SURVEY: {
    states: ['IN_WORK', 'PROGRAMME_APPROVED'],
    workers: ['LEAD_AGENCY', 'SUPPORTING_AGENCY', 'CURATOR'],
    periodRequired: false,
    requiredDetails: [],
    exclusiveDetails: [],
    notify: ['KDN', 'LEAD_AGENCY'],
  },
  // The KDN reviews an approved programme after 6 months.
  PROGRAMME_REVIEW: {
    states: ['PROGRAMME_APPROVED'],
    workers: ['KDN'],
    periodRequired: false,
    requiredDetails: ['reviewOutcome'],
    exclusiveDetails: ['reviewOutcome'],
    notify: ['LEAD_AGENCY', 'SUPPORTING_AGENCIES'],
  },
  CONSILIUM: { states: ['IN_WORK', 'PROGRAMME_APPROVED'], workers: ['KDN'], periodRequired: false, requiredDetails: [], exclusiveDetails: [], notify: ['LEAD_AGENCY', 'SUPPORTING_AGENCIES'] },
  // The body responsible for the work (the curator's) informs the KDN that it took the family on (10 working
  // days) or off (3 working days) its control or service (Primorsky 5.4 b, 5.6, appendix 3); taking off may
  // follow the closing resolution, so a closed case still takes it.
  INFORMATION_MESSAGE: {
    states: ['IN_WORK', 'PROGRAMME_APPROVED', 'CLOSED'],
    workers: ['LEAD_AGENCY', 'CURATOR'],
    periodRequired: false,
    requiredDetails: ['messageKind'],
    exclusiveDetails: ['messageKind'],
    notify: ['KDN'],
  },
  // The minor and the parents are told of the decision to take them off the register (Mari El 6.5): what was sent, when, how.
  FAMILY_INFORMED: { states: ['CLOSED'], workers: ['KDN'], periodRequired: false, requiredDetails: ['means'], exclusiveDetails: ['means'], notify: [] },
};

/** The case-work actions (besides the workflow's transitions) possible in a state. */
export function allowedWorkActions(state: CaseState): string[] {
  const actions: string[] = [];
  for (const action of Object.keys(PROGRAMME_RULES) as ProgrammeAction[]) if (PROGRAMME_RULES[action].states.includes(state)) actions.push(action);
  for (const kind of CASE_RECORD_KINDS) if (CASE_RECORD_RULES[kind].states.includes(state)) actions.push(`recordCaseRecord:${kind}`);
  return actions;
}

/** Deadlines of the follow-up work, in calendar terms (DOMAIN.md steps 6-7). */
export const FOLLOW_UP_TERMS = {
  /** The curator drafts the programme within 14 days of the resolution. */
  programmeDraftDays: 14,
  /** A patronage sheet is due by this day of the month after the month it covers. */
  patronageSheetDay: 10,
  /** The lead agency's quarterly report deadlines (Myasnikovsky, 5.6.5), month and day. */
  quarterlyReportDeadlines: [
    [3, 15],
    [6, 10],
    [9, 15],
    [12, 5],
  ] as ReadonlyArray<readonly [number, number]>,
  livingConditionsSurveyMonths: 3,
  programmeReviewMonths: 6,
  /** The first quarterly report covers a full quarter of work (see firstQuarterlyReportDue). */
  firstQuarterlyReportAfterMonths: 3,
} as const;

export const DUE_ITEM_KINDS = [
  'CHECK',
  'CONCLUSION',
  'PROGRAMME_PROPOSALS',
  'PROGRAMME_DRAFT',
  'PROGRAMME_ROW',
  'PATRONAGE_SHEET',
  'QUARTERLY_REPORT',
  'LIVING_CONDITIONS_SURVEY',
  'PROGRAMME_REVIEW',
  'TAKEN_ON_MESSAGE',
  'TAKEN_OFF_MESSAGE',
  'FAMILY_INFORMED',
  'DETECTING_BODY_REPORT',
] as const;
export type DueItemKind = (typeof DUE_ITEM_KINDS)[number];

/** The people of a case by its resolution: who drafts, who leads, who supports. */
export interface CaseTeam {
  municipality: string;
  curator: string | null;
  leadAgency: string | null;
  supportingAgencies: string[];
  /** The organisations (ОГРН) the resolution named; null and [] for resolutions of before organisations. */
  leadOrganisation: string | null;
  supportingOrganisations: string[];
  /** The resolution's date: the follow-up terms run from it. */
  resolvedOn: string | null;
}

export function teamOf(kase: { municipality: string; resolution: Record<string, unknown> | null }): CaseTeam {
  const r = kase.resolution ?? {};
  return {
    municipality: kase.municipality,
    curator: typeof r.curator === 'string' ? r.curator : null,
    leadAgency: typeof r.leadAgency === 'string' ? r.leadAgency : null,
    supportingAgencies: Array.isArray(r.supportingAgencies) ? (r.supportingAgencies as string[]).filter((a) => a !== r.leadAgency) : [],
    leadOrganisation: typeof r.leadOrganisation === 'string' ? r.leadOrganisation : null,
    supportingOrganisations: Array.isArray(r.supportingOrganisations) ? (r.supportingOrganisations as string[]).filter((o) => o !== r.leadOrganisation) : [],
    resolvedOn: typeof r.date === 'string' ? r.date : null,
  };
}

/** Which of a rule's workers the caller is on this case. */
export function workersOf(principal: Pick<Principal, 'username' | 'roles' | 'agency' | 'territories' | 'organisation'>, team: CaseTeam): CaseWorker[] {
  // Every team role but the curator's (a named person) is held by an organisation serving the case's territory.
  const found: CaseWorker[] = [];
  if (team.curator !== null && principal.username === team.curator) found.push('CURATOR');
  if (principal.roles.some((role) => KDN_WORKERS.includes(role)) && servesCase(principal, team)) found.push('KDN');
  if (isLead(principal, team)) found.push('LEAD_AGENCY');
  if (isSupporting(principal, team)) found.push('SUPPORTING_AGENCY');
  return found;
}

type Member = Pick<Principal, 'agency' | 'territories' | 'organisation'>;

const servesCase = (principal: Member, team: CaseTeam) => principal.organisation !== null && (principal.territories ?? []).includes(team.municipality);

/** The lead organisation the resolution named; for resolutions of before organisations, the lead type serving the territory. */
export function isLead(principal: Member, team: CaseTeam): boolean {
  if (team.leadOrganisation !== null) return principal.organisation?.id === team.leadOrganisation;
  return servesCase(principal, team) && principal.agency !== null && principal.agency === team.leadAgency;
}

export function isSupporting(principal: Member, team: CaseTeam): boolean {
  if (team.supportingOrganisations.length > 0) return principal.organisation !== null && team.supportingOrganisations.includes(principal.organisation.id);
  return servesCase(principal, team) && principal.agency !== null && team.supportingAgencies.includes(principal.agency);
}

export function addCalendarMonths(from: string, months: number): string {
  const [y, m, d] = from.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * A patronage sheet is due by the 10th of the month after the month it reports on; the month to
 * report on is the one after the last sheet's period, or the resolution's month for the first.
 */
export function nextPatronageSheetDue(resolvedOn: string, lastPeriodTo: string | null): string {
  const reported = lastPeriodTo ? nextDay(lastPeriodTo) : resolvedOn;
  return `${addCalendarMonths(`${reported.slice(0, 7)}-01`, 1).slice(0, 7)}-${String(FOLLOW_UP_TERMS.patronageSheetDay).padStart(2, '0')}`;
}

/**
 * The first quarterly report: the lead "collects from all subjects working with the family the
 * information and hands the secretary quarterly reports" (Myasnikovsky 5.6.5), so the first one is
 * due at the first reporting date once a full quarter of work has passed since the resolution,
 * not at a reporting date a few days after it.
 */
export function firstQuarterlyReportDue(resolvedOn: string): string {
  return quarterlyDeadlineOnOrAfter(addCalendarMonths(resolvedOn, FOLLOW_UP_TERMS.firstQuarterlyReportAfterMonths));
}

/** The reporting date a report for a period ending `periodTo` answers: the first deadline on or after it. */
export function quarterlyDeadlineOnOrAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return nextQuarterlyReportDue(d.toISOString().slice(0, 10));
}

/**
 * The quarterly report due next: the first one (above) until a report is filed; a report filed for a
 * period answers that period's reporting date (a report filed on time is no longer due), and the next
 * is the reporting date after it, never before the first.
 */
export function quarterlyReportDue(resolvedOn: string, lastPeriodTo: string | null): string {
  const first = firstQuarterlyReportDue(resolvedOn);
  if (lastPeriodTo === null) return first;
  const next = nextQuarterlyReportDue(quarterlyDeadlineOnOrAfter(lastPeriodTo));
  return next > first ? next : first;
}

/** The first quarterly deadline (15 March, 10 June, 15 September, 5 December) after `after`. */
export function nextQuarterlyReportDue(after: string): string {
  const year = Number(after.slice(0, 4));
  for (const y of [year, year + 1]) {
    for (const [month, day] of FOLLOW_UP_TERMS.quarterlyReportDeadlines) {
      const deadline = `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      if (deadline > after) return deadline;
    }
  }
  throw new Error(`no quarterly deadline after ${after}`);
}

/** What a due item is, for people (reminders, reports). */
export const DUE_KIND_CAPTIONS: Record<DueItemKind, string> = {
  CHECK: 'проверка сигнала',
  CONCLUSION: 'заключение по результатам проверки',
  PROGRAMME_PROPOSALS: 'предложения в программу',
  PROGRAMME_DRAFT: 'проект программы',
  PROGRAMME_ROW: 'мероприятие программы',
  PATRONAGE_SHEET: 'патронажный лист',
  QUARTERLY_REPORT: 'квартальный отчёт',
  LIVING_CONDITIONS_SURVEY: 'обследование условий жизни',
  PROGRAMME_REVIEW: 'пересмотр программы',
  TAKEN_ON_MESSAGE: 'информационное сообщение о постановке семьи на учёт (обслуживание)',
  TAKEN_OFF_MESSAGE: 'информационное сообщение о снятии семьи с учёта (обслуживания)',
  FAMILY_INFORMED: 'уведомление несовершеннолетнего и родителей о снятии с учёта',
  DETECTING_BODY_REPORT: 'представление выявившего органа в КДН (3 календарных дня после выявления)',
};

/**
 * To whom each due item is addressed and the action that discharges it, with the workers of that
 * action's rule: an item is only ever addressed to someone the rule admits (a test walks it).
 * CHECKER and EXECUTOR are the organisations the KDN assigned the check or the programme row to.
 */
export type DueAddressee = 'CURATOR' | 'KDN' | 'LEAD_AGENCY' | 'SUPPORTING_AGENCY' | 'CHECKER' | 'EXECUTOR' | 'DETECTING_BODY';
export const DUE_ITEM_ADDRESSEES: Record<DueItemKind, { addressees: readonly DueAddressee[]; action: string; workers: readonly DueAddressee[] }> = {
  CHECK: { addressees: ['CHECKER'], action: 'recordConclusion', workers: ['CHECKER'] },
  CONCLUSION: { addressees: ['CHECKER'], action: 'recordConclusion', workers: ['CHECKER'] },
  PROGRAMME_PROPOSALS: { addressees: ['LEAD_AGENCY', 'SUPPORTING_AGENCY'], action: 'proposeProgrammeRows', workers: PROGRAMME_RULES.proposeProgrammeRows.workers },
  PROGRAMME_DRAFT: { addressees: ['CURATOR'], action: 'composeProgramme', workers: PROGRAMME_RULES.composeProgramme.workers },
  PROGRAMME_ROW: { addressees: ['EXECUTOR'], action: 'recordMeasure', workers: ['EXECUTOR'] },
  PATRONAGE_SHEET: { addressees: ['SUPPORTING_AGENCY'], action: 'recordCaseRecord:PATRONAGE_SHEET', workers: CASE_RECORD_RULES.PATRONAGE_SHEET.workers },
  QUARTERLY_REPORT: { addressees: ['LEAD_AGENCY'], action: 'recordCaseRecord:QUARTERLY_REPORT', workers: CASE_RECORD_RULES.QUARTERLY_REPORT.workers },
  LIVING_CONDITIONS_SURVEY: { addressees: ['LEAD_AGENCY'], action: 'recordCaseRecord:LIVING_CONDITIONS_SURVEY', workers: CASE_RECORD_RULES.LIVING_CONDITIONS_SURVEY.workers },
  PROGRAMME_REVIEW: { addressees: ['KDN'], action: 'recordCaseRecord:PROGRAMME_REVIEW', workers: CASE_RECORD_RULES.PROGRAMME_REVIEW.workers },
  TAKEN_ON_MESSAGE: { addressees: ['LEAD_AGENCY'], action: 'recordInformationMessage', workers: CASE_RECORD_RULES.INFORMATION_MESSAGE.workers },
  TAKEN_OFF_MESSAGE: { addressees: ['LEAD_AGENCY'], action: 'recordInformationMessage', workers: CASE_RECORD_RULES.INFORMATION_MESSAGE.workers },
  FAMILY_INFORMED: { addressees: ['KDN'], action: 'recordFamilyInformed', workers: CASE_RECORD_RULES.FAMILY_INFORMED.workers },
  // The organisation that detected the family (the case's detecting organisation) files its представление (petition:write).
  DETECTING_BODY_REPORT: { addressees: ['DETECTING_BODY'], action: 'filePetition:REGISTRATION', workers: ['DETECTING_BODY'] },
};
