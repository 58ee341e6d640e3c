import { ExportTimeZone, MOSCOW_TIME, wallTime } from './time-zones';

/**
 * An export's columns, declared once and used by both its CSV and its XLSX: the key (the row's
 * property, unless `value` computes the cell), the Russian heading, the type, and captions for
 * enumeration codes. The same declaration gives the same cells in both formats.
 */
export type ColumnType = 'text' | 'number' | 'date' | 'datetime' | 'boolean';

export interface ExportColumn<R = Record<string, unknown>> {
  key: string;
  /** Russian, in the seed's wording where the seed has a form. */
  heading: string;
  type: ColumnType;
  /** The cell from the row; without it, `row[key]`. */
  value?: (row: R) => unknown;
  /** Russian captions of enumeration codes (a code without a caption is printed as it is); a list is joined with ", ". */
  captions?: Readonly<Record<string, string>>;
  /** Width in characters (XLSX); computed from the content when absent. */
  width?: number;
}

/** One table of an export; datetime columns are printed in `timeZone` (Moscow time when absent), named in their heading. */
export interface ExportTable<R = Record<string, unknown>> {
  columns: ReadonlyArray<ExportColumn<R>>;
  rows: readonly R[];
  timeZone?: ExportTimeZone;
}

/** A cell resolved from its column: what both writers print. Dates carry the wall-clock time as a UTC Date (how spreadsheets store them). */
export type ResolvedCell = null | { kind: 'text'; text: string } | { kind: 'number'; value: number } | { kind: 'date'; date: Date; text: string } | { kind: 'datetime'; date: Date; text: string };

export function headingOf<R>(column: ExportColumn<R>, zone: ExportTimeZone | undefined): string {
  return column.type === 'datetime' ? `${column.heading} (${(zone ?? MOSCOW_TIME).caption})` : column.heading;
}

export function resolveCell<R>(column: ExportColumn<R>, row: R, zone: ExportTimeZone | undefined): ResolvedCell {
  const raw = column.value ? column.value(row) : (row as Record<string, unknown>)[column.key];
  if (raw === null || raw === undefined || raw === '') return null;
  switch (column.type) {
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) ? { kind: 'number', value: raw } : text(column, raw);
    case 'date':
      return dateCell(raw, zone) ?? text(column, raw);
    case 'datetime':
      return dateTimeCell(raw, zone ?? MOSCOW_TIME) ?? text(column, raw);
    case 'boolean':
      return typeof raw === 'boolean' ? { kind: 'text', text: raw ? 'да' : 'нет' } : text(column, raw);
    default:
      return text(column, raw);
  }
}

function text<R>(column: ExportColumn<R>, raw: unknown): ResolvedCell {
  const caption = (code: unknown) => {
    const key = String(code);
    return column.captions && Object.prototype.hasOwnProperty.call(column.captions, key) ? column.captions[key] : key;
  };
  const value = Array.isArray(raw) ? raw.map(caption).join(', ') : caption(raw);
  return value === '' ? null : { kind: 'text', text: value };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A calendar date: "YYYY-MM-DD" (as the hub stores dates), or a Date read in the zone. */
function dateCell(raw: unknown, zone: ExportTimeZone | undefined): ResolvedCell | undefined {
  let y: number, m: number, d: number;
  if (typeof raw === 'string') {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
    if (!match) return undefined;
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if (raw instanceof Date && !Number.isNaN(raw.getTime())) {
    ({ year: y, month: m, day: d } = wallTime(raw, zone ?? MOSCOW_TIME));
  } else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return undefined;
  return { kind: 'date', date, text: `${pad(d)}.${pad(m)}.${pad(y, 4)}` };
}

/** An instant (a Date, or an ISO 8601 string with its offset), as a clock in the zone showed it. */
function dateTimeCell(raw: unknown, zone: ExportTimeZone): ResolvedCell | undefined {
  const instant = raw instanceof Date ? raw : typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(raw) ? new Date(raw) : null;
  if (!instant || Number.isNaN(instant.getTime())) return undefined;
  const w = wallTime(instant, zone);
  return {
    kind: 'datetime',
    date: new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)),
    text: `${pad(w.day)}.${pad(w.month)}.${pad(w.year, 4)} ${pad(w.hour)}:${pad(w.minute)}`,
  };
}
