import { useId, type ReactNode } from 'react';
import { AxisScale, ChartData, position, seriesColour } from './chart-scale';
import './charts.css';

export const WIDTH = 720;
export const HEIGHT = 280;
export const MARGIN = { top: 12, right: 32, bottom: 36, left: 44 };
export const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
export const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;

/** The y coordinate of a value inside the plot. */
export function yOf(value: number, scale: AxisScale): number {
  return MARGIN.top + PLOT_HEIGHT - position(value, scale, PLOT_HEIGHT);
}

/** Gridlines with their numbers, and the categories under the x axis. */
export function Axes({ scale, categories, xOf }: { scale: AxisScale; categories: readonly string[]; xOf: (index: number) => number }) {
  return (
    <g aria-hidden="true" fontSize="11" fill="#57606a">
      {scale.ticks.map((tick) => (
        <g key={tick}>
          <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={yOf(tick, scale)} y2={yOf(tick, scale)} stroke="#d0d7de" />
          <text x={MARGIN.left - 6} y={yOf(tick, scale) + 4} textAnchor="end">
            {tick}
          </text>
        </g>
      ))}
      {categories.map((c, i) => (
        <text key={c} x={xOf(i)} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle">
          {c}
        </text>
      ))}
    </g>
  );
}

/**
 * What every chart shares: a figure whose SVG names itself (`<title>`, `<desc>`, aria-labelledby),
 * a legend, and the same numbers as a table beneath for whoever does not see the picture.
 */
export function ChartFrame({ title, description, data, unit, children }: { title: string; description: string; data: ChartData; unit: string; children: ReactNode }) {
  const id = useId();
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} style={{ maxWidth: WIDTH }}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {children}
      </svg>
      <ul className="chart-legend" aria-label="Условные обозначения">
        {data.series.map((s, i) => (
          <li key={s.key}>
            <span className="swatch" style={{ background: seriesColour(i) }} aria-hidden="true" /> {s.label}
          </li>
        ))}
      </ul>
      <table className="chart-table">
        <caption>
          {title}: числа ({unit})
        </caption>
        <thead>
          <tr>
            <th scope="col">—</th>
            {data.series.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.categories.map((c, row) => (
            <tr key={c}>
              <th scope="row">{c}</th>
              {data.series.map((s) => (
                <td key={s.key} className="number">
                  {s.values[row] ?? 0}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
