import { Role } from '../../../../auth/principal';
import { CaseState } from './case-workflow';

/**
 * Corrections of a case (issue 12, item 3), as data next to the workflow's TRANSITIONS: in which
 * states each is possible and who makes it. Every correction carries a reason, is written to the
 * case history with the old and the new value, and is told to the organisations it concerns.
 * The commission that keeps the journal corrects it: its secretary and chair, for the
 * territories their commission serves; amending an approved programme is the chair's, who
 * approved it.
 */
export const CORRECTIONS_LIST = ['annulRegistration', 'mergeCases', 'correctRegistration', 'extendCheck', 'returnConclusion', 'amendProgramme', 'changeTerm', 'reopenCase'] as const;
export type Correction = (typeof CORRECTIONS_LIST)[number];

const COMMISSION: readonly Role[] = ['kdn_secretary', 'kdn_chair'];
const OPEN: readonly CaseState[] = ['REGISTERED', 'CHECKING', 'CONCLUDED', 'IN_WORK', 'PROGRAMME_APPROVED'];
/** Before the commission's resolution: nothing entered the data bank yet, so nothing there to undo. */
const BEFORE_RESOLUTION: readonly CaseState[] = ['REGISTERED', 'CHECKING', 'CONCLUDED'];

export interface CorrectionRule {
  /** The states of the case corrected (for a merge: of the case merged into the other). */
  states: readonly CaseState[];
  /** A merge only: the states of the case that stays. */
  targetStates?: readonly CaseState[];
  roles: readonly Role[];
  /** Where the case goes: a state, the same state, or back to the state before its closure. */
  to: CaseState | 'SAME' | 'PREVIOUS';
  caption: string;
}

export const CORRECTIONS: Record<Correction, CorrectionRule> = {
  // After a resolution the case leaves only by a closing resolution (closeCase): the data bank entry needs it.
  annulRegistration: { states: BEFORE_RESOLUTION, roles: COMMISSION, to: 'ANNULLED', caption: 'аннулировать ошибочную регистрацию' },
  mergeCases: { states: BEFORE_RESOLUTION, targetStates: OPEN, roles: COMMISSION, to: 'MERGED', caption: 'объединить два дела одного ребёнка' },
  correctRegistration: { states: OPEN, roles: COMMISSION, to: 'SAME', caption: 'исправить дату поступления и содержание сигнала' },
  extendCheck: { states: ['CHECKING'], roles: COMMISSION, to: 'SAME', caption: 'продлить срок проверки' },
  returnConclusion: { states: ['CONCLUDED'], roles: COMMISSION, to: 'CHECKING', caption: 'вернуть заключение на доработку' },
  amendProgramme: { states: ['PROGRAMME_APPROVED'], roles: ['kdn_chair'], to: 'SAME', caption: 'изменить утверждённую программу' },
  changeTerm: { states: ['IN_WORK', 'PROGRAMME_APPROVED'], roles: COMMISSION, to: 'SAME', caption: 'продлить или сократить срок работы по случаю' },
  reopenCase: { states: ['CLOSED'], roles: COMMISSION, to: 'PREVIOUS', caption: 'возобновить ошибочно закрытый случай' },
};

/** The corrections possible in a state (regardless of who asks). */
export function allowedCorrections(state: CaseState): Correction[] {
  return CORRECTIONS_LIST.filter((c) => CORRECTIONS[c].states.includes(state));
}
