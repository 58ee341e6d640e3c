import { addCalendarDays } from '../../schema/calendar/working-days';

/**
 * The follow-up terms of DOMAIN.md computed here, independently of the hub's own code, so the
 * tests' expectations hold whatever day the suite runs on (UTC, as the hub counts).
 */
export const today = new Date().toISOString().slice(0, 10);

export function plusMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + m - 1 + months;
  const last = new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0)).getUTCDate();
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The lead agency's quarterly report: 15 March, 10 June, 15 September, 5 December. */
export function nextQuarterlyDeadline(after: string): string {
  const year = Number(after.slice(0, 4));
  return [year, year + 1].flatMap((y) => [`${y}-03-15`, `${y}-06-10`, `${y}-09-15`, `${y}-12-05`]).find((d) => d > after)!;
}

export const lastDayOfPreviousMonth = (date: string) => addCalendarDays(`${date.slice(0, 7)}-01`, -1);
export const lastDayOfMonth = (date: string) => addCalendarDays(plusMonths(`${date.slice(0, 7)}-01`, 1), -1);
/** A patronage sheet: by the 10th of the month after the month it reports on. */
export const tenthOfMonthAfter = (date: string) => `${plusMonths(`${date.slice(0, 7)}-01`, 1).slice(0, 7)}-10`;

/** The reporting date a report for a period ending on `date` answers: the first on or after it. */
export const quarterlyDeadlineOnOrAfter = (date: string) => nextQuarterlyDeadline(addCalendarDays(date, -1));
/** The first quarterly report: the first reporting date once a full quarter has passed since the resolution (Myasnikovsky 5.6.5). */
export const firstQuarterlyDeadline = (resolvedOn: string) => quarterlyDeadlineOnOrAfter(plusMonths(resolvedOn, 3));
/** After a report for a period ending `periodTo`: the reporting date after the one it answers, never before the first. */
export function quarterlyDeadlineAfterReport(resolvedOn: string, periodTo: string): string {
  const next = nextQuarterlyDeadline(quarterlyDeadlineOnOrAfter(periodTo));
  const first = firstQuarterlyDeadline(resolvedOn);
  return next > first ? next : first;
}
