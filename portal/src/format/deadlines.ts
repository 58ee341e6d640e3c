/**
 * How much time is left until a term the hub set (the check's due date, a programme row's): the
 * date itself always comes from the hub's answer; here only the working days before it are
 * counted, on the same production calendar the hub counts on.
 */
export interface ProductionCalendar {
  /** MM-DD of the holidays of Labour Code art. 112, every year. */
  holidays: readonly string[];
  years: Record<string, { daysOff?: readonly string[]; workingWeekends?: readonly string[] }>;
}

export function isWorkingDay(date: string, calendar: ProductionCalendar): boolean {
  const year = calendar.years[date.slice(0, 4)];
  if (year?.workingWeekends?.includes(date)) return true;
  if (year?.daysOff?.includes(date)) return false;
  if (calendar.holidays.includes(date.slice(5))) return false;
  const [y, m, d] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Working days after today up to and including the due date; 0 when due today, -1 when past. */
export function workingDaysLeft(today: string, dueOn: string, calendar: ProductionCalendar): number {
  if (dueOn < today) return -1;
  let count = 0;
  for (let day = nextDay(today); day <= dueOn; day = nextDay(day)) if (isWorkingDay(day, calendar)) count++;
  return count;
}

/** "осталось 3 раб. дн.", "срок сегодня", "просрочено". */
export function formatDaysLeft(today: string, dueOn: string | null | undefined, calendar: ProductionCalendar): string {
  if (!dueOn) return '—';
  const left = workingDaysLeft(today, dueOn, calendar);
  if (left < 0) return 'просрочено';
  if (left === 0) return 'срок сегодня';
  return `осталось ${left} раб. дн.`;
}
