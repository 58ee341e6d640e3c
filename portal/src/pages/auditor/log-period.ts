import type { RegionTimeZone } from '../../format/time-zones';

/**
 * The instant a calendar day begins on the region's clock, as the access log's `from`/`to`
 * (the log keeps instants; the auditor thinks in days of the region he checks).
 */
export function dayStartInstant(date: string, zone: RegionTimeZone): string {
  const [y, m, d] = date.split('-').map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: zone.iana, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(utcMidnight))
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return new Date(utcMidnight - (wall - utcMidnight)).toISOString();
}

/** The log's filter for days `from`..`to` inclusive: `to` is exclusive in the log, so the next day's start. */
export function periodFilter(from: string, to: string, zone: RegionTimeZone): { from?: string; to?: string } {
  const next = (date: string) => {
    const [y, m, d] = date.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  };
  return { ...(from ? { from: dayStartInstant(from, zone) } : {}), ...(to ? { to: dayStartInstant(next(to), zone) } : {}) };
}
