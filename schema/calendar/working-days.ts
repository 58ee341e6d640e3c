import calendarData from './production-calendar.json';

/**
 * Deadlines in working days (рабочие дни) on the Russian production calendar: weekends and public
 * holidays are not working days, moved days off are, and a Saturday the government made a
 * working day is one. The calendar is data (production-calendar.json); a year it does not cover is
 * refused rather than guessed.
 */
interface YearRules {
  status: 'decree' | 'statutory';
  /** The government decree the year's transfers come from (null: Labour Code art. 112 only). */
  decree: string | null;
  daysOff: string[];
  workingWeekends: string[];
}

const calendar = calendarData as { holidays: string[]; years: Record<string, YearRules> };
const holidays = new Set(calendar.holidays);

/** The years the calendar covers, oldest first. */
export const CALENDAR_YEARS: readonly number[] = Object.keys(calendar.years)
  .map(Number)
  .sort((a, b) => a - b);

export class CalendarError extends Error {}

/**
 * A date whose year the calendar does not hold. Guessing would give a wrong deadline without
 * anyone noticing, so the computation stops and says which year to add and where (README,
 * «Производственный календарь»). Callers turn it into a field error before anything is stored.
 */
export class CalendarYearUnknownError extends CalendarError {
  readonly code = 'CALENDAR_YEAR_UNKNOWN';
  constructor(
    readonly year: number,
    readonly date: string,
  ) {
    super(
      `производственный календарь не содержит ${year} год (известны ${CALENDAR_YEARS[0]}–${CALENDAR_YEARS[CALENDAR_YEARS.length - 1]}): ` +
        `внесите ${year} год в schema/calendar/production-calendar.json по постановлению Правительства РФ «О переносе выходных дней в ${year} году» ` +
        `(нерабочие праздничные дни по ст. 112 ТК РФ и переносы выходных из постановления; порядок — README, раздел «Производственный календарь»)`,
    );
  }
}

function yearOf(date: string): YearRules {
  const rules = calendar.years[date.slice(0, 4)];
  if (!rules) throw new CalendarYearUnknownError(Number(date.slice(0, 4)), date);
  return rules;
}

/** The decree a year's transfers come from, or null for a year by the Labour Code only. */
export function decreeOf(year: number): string | null {
  return calendar.years[String(year)]?.decree ?? null;
}

export function isWorkingDay(date: string): boolean {
  const rules = yearOf(date);
  if (rules.workingWeekends.includes(date)) return true;
  if (rules.daysOff.includes(date) || holidays.has(date.slice(5))) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The date by which something due "within N working days" of `from` must be done: the N-th
 * working day after `from` (the day of the event itself does not count).
 */
export function addWorkingDays(from: string, days: number): string {
  if (!Number.isInteger(days) || days < 0) throw new CalendarError(`Число рабочих дней должно быть целым неотрицательным: ${days}`);
  let date = from;
  let left = days;
  while (left > 0) {
    date = nextDay(date);
    if (isWorkingDay(date)) left--;
  }
  return date;
}

/** Calendar-day deadlines (the court claim's "7 days") next to working-day ones. */
export function addCalendarDays(from: string, days: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Working days from `from` (exclusive) to `to` (inclusive): how late an overdue item is. */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let date = nextDay(from); date <= to; date = nextDay(date)) if (isWorkingDay(date)) count++;
  return count;
}

/**
 * A working day by Labour Code art. 112 alone: weekends and the fixed holidays are off, and a
 * holiday outside the New Year holidays that falls on a weekend moves to the next Monday. The
 * government's transfers are not known: the way a "statutory" year of the file is counted.
 */
function isStatutoryWorkingDay(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = d.getUTCDay();
  if (weekday === 0 || weekday === 6 || holidays.has(date.slice(5))) return false;
  if (weekday !== 1) return true;
  const movedHere = [1, 2].some((back) => {
    const prior = new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
    return holidays.has(prior.slice(5)) && prior.slice(5, 7) !== '01';
  });
  return !movedHere;
}

/**
 * For lists that must not fail as a whole (due items): the deadline on the calendar; where the
 * calendar lacks a year, counted by art. 112 alone (as a year without its decree is) and marked
 * provisional with the reason, so the item is still shown with a date instead of the query failing.
 * Paths that store a date refuse an unknown year instead (calendar-guard.ts).
 */
export function workingDeadline(from: string, days: number): { dueOn: string; provisional: CalendarYearUnknownError | null } {
  try {
    return { dueOn: addWorkingDays(from, days), provisional: null };
  } catch (e) {
    if (!(e instanceof CalendarYearUnknownError)) throw e;
    let date = from;
    for (let left = days; left > 0;) {
      date = nextDay(date);
      const known = calendar.years[date.slice(0, 4)] ? isWorkingDay(date) : isStatutoryWorkingDay(date);
      if (known) left--;
    }
    return { dueOn: date, provisional: e };
  }
}

/** The due date of a listed item: never throws for a year the calendar lacks (see workingDeadline). */
export function dueAfterWorkingDays(from: string, days: number): string {
  return workingDeadline(from, days).dueOn;
}
