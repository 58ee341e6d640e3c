// A shown track never fails on a year the calendar lacks (acts in such a year are refused when recorded).
import { addCalendarDays, dueAfterWorkingDays } from './working-days';

/**
 * The emergency track after a child is removed (Mari El s.7, DOMAIN.md): the prosecutor at once,
 * the register of children left without parental care within 3 working days, the court claim
 * within 7 days, the KDN within 3 working days.
 */
export type TrackStep = 'PROSECUTOR_NOTIFIED' | 'REGISTER_ENTRY' | 'COURT_CLAIM' | 'KDN_REPORT';
export type TrackStatus = 'DONE' | 'DUE' | 'OVERDUE';

export interface TrackItem {
  step: TrackStep;
  caption: string;
  dueOn: string;
  doneAt: string | null;
  status: TrackStatus;
}

export function emergencyTrack(removedOn: string, done: Partial<Record<TrackStep, string | null>>, today = new Date().toISOString().slice(0, 10)): TrackItem[] {
  const steps: Array<[TrackStep, string, string]> = [
    ['PROSECUTOR_NOTIFIED', 'Уведомление прокурора (незамедлительно)', removedOn],
    ['REGISTER_ENTRY', 'Учёт в журнале детей, оставшихся без попечения родителей (3 рабочих дня)', dueAfterWorkingDays(removedOn, 3)],
    ['COURT_CLAIM', 'Иск об ограничении или лишении родительских прав (7 дней)', addCalendarDays(removedOn, 7)],
    ['KDN_REPORT', 'Информирование КДН о принятых мерах (3 рабочих дня)', dueAfterWorkingDays(removedOn, 3)],
  ];
  return steps.map(([step, caption, dueOn]) => {
    const doneAt = done[step] ?? null;
    const status: TrackStatus = doneAt ? 'DONE' : today > dueOn ? 'OVERDUE' : 'DUE';
    return { step, caption, dueOn, doneAt, status };
  });
}
