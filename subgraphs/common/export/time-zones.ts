/**
 * The time zone an export prints local times in. A datetime column's heading names the zone, so a
 * reader never has to guess whether 09:30 is Vladivostok's or Moscow's. Neither region observes
 * daylight saving time (since 2014), so the offset in the caption is exact all year.
 */
export interface ExportTimeZone {
  /** IANA name, for Intl. */
  iana: string;
  /** How the heading names it, Russian. */
  caption: string;
}

export const VLADIVOSTOK_TIME: ExportTimeZone = { iana: 'Asia/Vladivostok', caption: 'владивостокское время, UTC+10' };
export const MOSCOW_TIME: ExportTimeZone = { iana: 'Europe/Moscow', caption: 'московское время, UTC+3' };

/**
 * By region code: the first two digits of an OKTMO are the region's (05 Primorsky krai, 88 Mari El).
 * A region added to the organisation registry gets its zone here; until then its exports print
 * Moscow time and their headings say so.
 */
const BY_REGION: Record<string, ExportTimeZone> = {
  '05': VLADIVOSTOK_TIME,
  '88': MOSCOW_TIME,
};

/** The zone of a municipality (OKTMO); Moscow time, named as such, for a region not listed. */
export function timeZoneOfMunicipality(oktmo: string | null | undefined): ExportTimeZone {
  return (oktmo && BY_REGION[oktmo.slice(0, 2)]) || MOSCOW_TIME;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** What a clock in the zone showed at that instant. */
export function wallTime(instant: Date, zone: ExportTimeZone): WallTime {
  let format = formatters.get(zone.iana);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone.iana, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(zone.iana, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}
