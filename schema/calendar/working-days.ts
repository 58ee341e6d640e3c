import calendarData from './production-calendar.json';

/**
 * Deadlines in working days (рабочие дни) on the Russian production calendar: weekends and public
 * holidays are not working days, moved days off are, and a Saturday the government made a
 * working day is one. The calendar is data (production-calendar.json); a year it does not cover is
 * refused rather than guessed.
 */
interface YearRules {
  status: 'decree' | 'statutory';
  daysOff: string[];
  workingWeekends: string[];
}

const calendar = calendarData as { holidays: string[]; years: Record<string, YearRules> };
const holidays = new Set(calendar.holidays);

export class CalendarError extends Error {}

function yearOf(date: string): YearRules {
  const rules = calendar.years[date.slice(0, 4)];
  if (!rules) throw new CalendarError(`Производственный календарь не содержит ${date.slice(0, 4)} год`);
  return rules;
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
