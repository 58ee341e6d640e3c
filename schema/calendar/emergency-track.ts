// A shown track never fails on a year the calendar lacks (acts in such a year are refused when recorded).
import { addCalendarDays, dueAfterWorkingDays } from './working-days';

/**
 * The emergency track after a child is removed (Mari El s.7.1, DOMAIN.md): the prosecutor at once
 * (7.1 4)), the register of children left without parental care within 3 working days (7.1 5)),
 * the court claim within 7 days (7.1 б)), the KDN within 3 working days (7.1 8)).
 */
export type TrackStep = 'PROSECUTOR_NOTIFIED' | 'REGISTER_ENTRY' | 'COURT_CLAIM' | 'KDN_REPORT';
export type TrackStatus = 'DONE' | 'DUE' | 'OVERDUE';
export const TRACK_STEPS: readonly TrackStep[] = ['PROSECUTOR_NOTIFIED', 'REGISTER_ENTRY', 'COURT_CLAIM', 'KDN_REPORT'];

export interface TrackItem {
  step: TrackStep;
  caption: string;
  dueOn: string;
  doneAt: string | null;
  doneOn: string | null;
  documentRef: string | null;
  /** The section of the order that sets the step (the same citations as region-rules.ts EMERGENCY_*). */
  rule: string;
  status: TrackStatus;
}

/** A step marked done: a bare timestamp (the prosecutor notice of the act itself) or a date with its document. */
export type StepDone = string | { doneOn: string; documentRef: string | null } | null;

/**
 * Mari El 7.1 5) registers the child only "в случае отобрания ребенка (детей) у единственного
 * родителя или обоих родителей": a child handed to the other parent was not removed from both,
 * so the step does not apply. Every other step applies to every act.
 */
export const REGISTER_RULE = 'Марий Эл, п. 7.1 5): регистрация в журнале первичного учета — только при отобрании у единственного родителя или обоих родителей; ребенок передан другому родителю';

export function stepApplies(step: TrackStep, placementKind?: string): boolean {
  return !(step === 'REGISTER_ENTRY' && placementKind === 'OTHER_PARENT');
}

export function emergencyTrack(removedOn: string, done: Partial<Record<TrackStep, StepDone>>, today = new Date().toISOString().slice(0, 10), placementKind?: string): TrackItem[] {
  const steps: Array<[TrackStep, string, string, string]> = [
    ['PROSECUTOR_NOTIFIED', 'Уведомление прокурора (незамедлительно)', removedOn, 'Марий Эл, п. 7.1 4)'],
    ['REGISTER_ENTRY', 'Учёт в журнале детей, оставшихся без попечения родителей (3 рабочих дня)', dueAfterWorkingDays(removedOn, 3), 'Марий Эл, п. 7.1 5)'],
    ['COURT_CLAIM', 'Иск об ограничении или лишении родительских прав (7 дней)', addCalendarDays(removedOn, 7), 'Марий Эл, п. 7.1 б)'],
    ['KDN_REPORT', 'Информирование КДН о принятых мерах (3 рабочих дня)', dueAfterWorkingDays(removedOn, 3), 'Марий Эл, п. 7.1 8)'],
  ];
  return steps
    .filter(([step]) => stepApplies(step, placementKind))
    .map(([step, caption, dueOn, rule]) => {
      const mark = done[step] ?? null;
      const doneAt = typeof mark === 'string' ? mark : mark ? mark.doneOn : null;
      const doneOn = typeof mark === 'string' ? mark.slice(0, 10) : mark ? mark.doneOn : null;
      const documentRef = mark && typeof mark !== 'string' ? mark.documentRef : null;
      const status: TrackStatus = doneAt ? 'DONE' : today > dueOn ? 'OVERDUE' : 'DUE';
      return { step, caption, dueOn, doneAt, doneOn, documentRef, rule, status };
    });
}
