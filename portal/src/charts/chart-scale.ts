/**
 * The arithmetic of the portal's charts, free of JSX and DOM so it is tested on its own: an axis
 * that starts at zero and ends at a round number (1, 2 or 5 times a power of ten), whole-number
 * ticks for counts, and the pixel position of a value.
 */
export interface AxisScale {
  /** The top of the axis: at least the largest value, never 0. */
  max: number;
  step: number;
  ticks: number[];
}

const MULTIPLIERS = [1, 2, 5, 10];

/** A round step so that `max` fits in at most `maxTicks` intervals; counts never get a fractional step. */
export function niceStep(max: number, maxTicks = 5): number {
  if (!(max > 0)) return 1;
  const raw = max / Math.max(1, maxTicks);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = MULTIPLIERS.map((m) => m * power).find((candidate) => candidate >= raw) ?? 10 * power;
  return Math.max(1, step);
}

export function axisScale(values: readonly number[], maxTicks = 5): AxisScale {
  const largest = Math.max(0, ...values.filter((v) => Number.isFinite(v)));
  const step = niceStep(largest, maxTicks);
  const max = Math.max(step, Math.ceil(largest / step) * step);
  const ticks: number[] = [];
  for (let tick = 0; tick <= max; tick += step) ticks.push(tick);
  return { max, step, ticks };
}

/** Pixel offset from the axis' origin: 0 at zero, `length` at the top; negative values clamp to 0. */
export function position(value: number, scale: Pick<AxisScale, 'max'>, length: number): number {
  if (!(value > 0)) return 0;
  return Math.min(length, (value / scale.max) * length);
}

/** One row of figures per category (month, indicator), one column per series. */
export interface ChartData {
  categories: readonly string[];
  series: readonly ChartSeries[];
}

export interface ChartSeries {
  key: string;
  label: string;
  values: readonly number[];
}

export function allValues(data: ChartData): number[] {
  return data.series.flatMap((s) => s.values);
}

/** Colours told apart also by people with the common colour-vision deficiencies (Okabe-Ito). */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#F0E442'];

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length];
}
