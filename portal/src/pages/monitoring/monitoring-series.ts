/**
 * The monitoring report month by month, turned into the charts' series; pure, so it is tested on
 * its own. The hub counts; here the months' figures are only laid side by side.
 */
import type { ChartData } from '../../charts/chart-scale';

export interface ReportMonth {
  /** YYYY-MM */
  month: string;
  from: string;
  to: string;
  caption: string;
}

export interface MonthFigures {
  month: ReportMonth;
  rows: ReadonlyArray<{ code: string; caption: string; value?: number | null; messages?: number | null }>;
  sources: ReadonlyArray<{ sourceKind: string; caption: string; messages: number; minors: number }>;
}

const MONTH_CAPTIONS = ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Every month from `from` to `to` (YYYY-MM, inclusive); at most `limit`, the latest kept. */
export function monthsBetween(from: string, to: string, limit = 24): ReportMonth[] {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  const months: ReportMonth[] = [];
  let [y, m] = [fy, fm];
  while (y < ty || (y === ty && m <= tm)) {
    const mm = String(m).padStart(2, '0');
    months.push({ month: `${y}-${mm}`, from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(lastDay(y, m)).padStart(2, '0')}`, caption: `${MONTH_CAPTIONS[m - 1]} ${y}` });
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return months.slice(-limit);
}

/** The last `count` months up to the month of `today` (YYYY-MM-DD). */
export function lastMonths(today: string, count: number): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number);
  const start = new Date(Date.UTC(y, m - 1 - (count - 1), 1));
  return { from: start.toISOString().slice(0, 7), to: today.slice(0, 7) };
}

/**
 * Messages by source, one series per source that had any message in the period (most first); the
 * sources beyond `keep` are summed as «прочие», so the chart stays readable and no message is lost.
 */
export function messagesBySource(months: readonly MonthFigures[], keep = 5): ChartData {
  const totals = new Map<string, { caption: string; total: number }>();
  for (const m of months) {
    for (const s of m.sources) {
      const seen = totals.get(s.sourceKind) ?? { caption: s.caption, total: 0 };
      seen.total += s.messages;
      totals.set(s.sourceKind, seen);
    }
  }
  const ranked = [...totals.entries()].filter(([, t]) => t.total > 0).sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]));
  const shown = ranked.slice(0, keep);
  const rest = new Set(ranked.slice(keep).map(([kind]) => kind));
  const messagesOf = (m: MonthFigures, kind: string) => m.sources.find((s) => s.sourceKind === kind)?.messages ?? 0;
  const series = shown.map(([kind, t]) => ({ key: kind, label: t.caption, values: months.map((m) => messagesOf(m, kind)) }));
  if (rest.size > 0) {
    series.push({ key: 'OTHERS', label: 'прочие источники', values: months.map((m) => m.sources.filter((s) => rest.has(s.sourceKind)).reduce((sum, s) => sum + s.messages, 0)) });
  }
  return { categories: months.map((m) => m.month.caption), series };
}

/** Report rows of checks and of the conclusions' findings (Primorsky appendix 4, rows 2 and 3.1-3.3). */
export const CHECK_ROWS = [
  { code: '2', label: 'проведено проверок' },
  { code: '3.1', label: 'благоприятная обстановка' },
  { code: '3.2', label: 'ранняя стадия неблагополучия' },
  { code: '3.3', label: 'социально опасное положение' },
] as const;

export function checksAndConclusions(months: readonly MonthFigures[]): ChartData {
  return {
    categories: months.map((m) => m.month.caption),
    series: CHECK_ROWS.map((r) => ({ key: r.code, label: r.label, values: months.map((m) => m.rows.find((row) => row.code === r.code)?.value ?? 0) })),
  };
}
