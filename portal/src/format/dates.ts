import { DAYS, YEARS, plural } from './plural';
import { RegionTimeZone } from './time-zones';

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date (LocalDate, YYYY-MM-DD) as DD.MM.YYYY; never shifted by any time zone. */
export function formatDate(localDate: string | null | undefined): string {
  if (!localDate) return '—';
  const match = LOCAL_DATE.exec(localDate.slice(0, 10));
  if (!match) return localDate;
  return `${match[3]}.${match[2]}.${match[1]}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: Date, zone: RegionTimeZone): Record<string, string> {
  let format = formatters.get(zone.iana);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone.iana, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(zone.iana, format);
  }
  return Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
}

/** An instant (DateTime) as DD.MM.YYYY HH:MM on the clock of the region's zone. */
export function formatDateTime(instant: string | null | undefined, zone: RegionTimeZone): string {
  if (!instant) return '—';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  const p = wallClock(date, zone);
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}`;
}

/** Today's calendar date (YYYY-MM-DD) in the region's zone: near midnight, Vladivostok is a day ahead of Moscow. */
export function todayIn(zone: RegionTimeZone, now: Date = new Date()): string {
  const p = wallClock(now, zone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Full years between a birth date and a day (both YYYY-MM-DD): the birthday itself counts. */
export function fullYears(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  let years = y - by;
  if (m < bm || (m === bm && d < bd)) years -= 1;
  return years;
}

/** "11 лет", "2 года". */
export function formatAge(years: number | null | undefined): string {
  return years === null || years === undefined ? '—' : plural(years, YEARS);
}

/** Calendar days from one date to another (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const utc = (s: string) => {
    const [y, m, d] = s.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** "5 дней назад" for what arrived earlier, "сегодня" for today. */
export function formatDaysAgo(from: string, today: string): string {
  const days = daysBetween(from, today);
  if (days <= 0) return 'сегодня';
  return `${plural(days, DAYS)} назад`;
}
