import { Role } from '../../../../auth/principal';

/**
 * The life of a KDN case (DOMAIN.md, "The life of a case"), as data: every state, every allowed
 * transition and who may perform it. The service refuses anything else, naming the state and the
 * steps allowed from it.
 */
export const CASE_LIFE = ['REGISTERED', 'CHECKING', 'CONCLUDED', 'IN_WORK', 'PROGRAMME_APPROVED', 'CLOSED'] as const;
/**
 * The Krasnoyarsk low-risk route (seed 001, III, 2): the chair instructs a commission member to
 * work with the family and no resolution follows; only where the region rule LOW_RISK_INSTRUCTION says so.
 */
export const LOW_RISK_ROUTE = ['MEMBER_INSTRUCTED'] as const;
/** Ends no step of the life reaches, only a correction (workflow/case-corrections.ts): a registration annulled, a case merged into another of the same child. */
export const CORRECTED_ENDS = ['ANNULLED', 'MERGED'] as const;
export const CASE_STATES = [...CASE_LIFE, ...CORRECTED_ENDS, ...LOW_RISK_ROUTE] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_STATE_CAPTIONS: Record<CaseState, string> = {
  REGISTERED: 'Сигнал зарегистрирован в журнале',
  CHECKING: 'Проверка назначена',
  CONCLUDED: 'Заключение по проверке представлено',
  IN_WORK: 'Постановление КДН: работа по случаю',
  PROGRAMME_APPROVED: 'Программа утверждена',
  CLOSED: 'Случай закрыт',
  ANNULLED: 'Регистрация аннулирована',
  MERGED: 'Дело объединено с другим делом того же ребёнка',
  MEMBER_INSTRUCTED: 'Поручено члену комиссии (низкий уровень риска, без постановления)',
};

export const CASE_ACTIONS = ['assignCheck', 'recordConclusion', 'recordResolution', 'approveProgramme', 'closeCase'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

const KDN_DECIDERS: Role[] = ['kdn_chair', 'kdn_secretary'];
const CHECKERS: Role[] = ['education_specialist', 'health_doctor', 'police_inspector', 'social_specialist', 'case_curator', 'guardianship_specialist'];

export const TRANSITIONS: Record<CaseAction, { from: readonly CaseState[]; to: CaseState | 'BY_RESOLUTION'; roles: readonly Role[] }> = {
  assignCheck: { from: ['REGISTERED'], to: 'CHECKING', roles: ['kdn_secretary'] },
  recordConclusion: { from: ['CHECKING'], to: 'CONCLUDED', roles: CHECKERS },
  // No interagency work closes the case at once; individual work or SOP recognition opens it.
  recordResolution: { from: ['CONCLUDED'], to: 'BY_RESOLUTION', roles: KDN_DECIDERS },
  approveProgramme: { from: ['IN_WORK'], to: 'PROGRAMME_APPROVED', roles: ['kdn_chair'] },
  closeCase: { from: ['IN_WORK', 'PROGRAMME_APPROVED'], to: 'CLOSED', roles: KDN_DECIDERS },
};

/**
 * Low risk: once the information is considered (registered, or its check concluded), the chair
 * instructs a member instead of a resolution. Apart from TRANSITIONS because it is a region's step:
 * offered (allowedActions) only where the region rule LOW_RISK_INSTRUCTION applies and the risk is low.
 */
export const INSTRUCT_MEMBER = { from: ['REGISTERED', 'CONCLUDED'] as readonly CaseState[], to: 'MEMBER_INSTRUCTED' as CaseState, roles: KDN_DECIDERS as readonly Role[] };

export function allowedActions(state: CaseState): CaseAction[] {
  return CASE_ACTIONS.filter((action) => TRANSITIONS[action].from.includes(state));
}

/**
 * Closure reasons of DOMAIN.md ("Closure") and the seeds' lists: Primorsky 5.6, Mari El 6.4
 * (the child's death and the parents' death apart, "и иные"), Myasnikovsky 5.8 (change of civil
 * status). DEATH is the old joint reason, kept only to read closures recorded before the split.
 */
export const CLOSURE_REASONS = [
  'PROGRAMME_DONE',
  'MOVED_TO_SOP',
  'RIGHTS_RESTORED',
  'TURNED_18',
  'MOVED_AWAY',
  'PARENTAL_RIGHTS_RESTRICTED',
  'CHILD_DEATH',
  'PARENTS_DEATH',
  'CIVIL_STATUS_CHANGED',
  'ANNULLED_BY_COURT',
  'REFUSED_TO_COOPERATE',
  'OTHER',
  'NO_INTERAGENCY_WORK',
  'DEATH',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];
/** Reasons closeCase no longer accepts: the joint death reason (split in two) and the one only a resolution of no work sets. */
export const RETIRED_CLOSURE_REASONS: readonly ClosureReason[] = ['DEATH'];
