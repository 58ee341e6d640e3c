import { allValues, axisScale, ChartData, position, seriesColour } from './chart-scale';
import { Axes, ChartFrame, MARGIN, PLOT_HEIGHT, PLOT_WIDTH, yOf } from './chart-frame';

/** Grouped bars: one group per category, one bar per series; each bar names its figure on hover and to screen readers through the table. */
export function BarChart({ title, description, data, unit }: { title: string; description: string; data: ChartData; unit: string }) {
  const scale = axisScale(allValues(data));
  const band = PLOT_WIDTH / Math.max(1, data.categories.length);
  const barWidth = Math.max(2, (band * 0.8) / Math.max(1, data.series.length));
  const xOf = (index: number) => MARGIN.left + band * index + band / 2;
  return (
    <ChartFrame title={title} description={description} data={data} unit={unit}>
      <Axes scale={scale} categories={data.categories} xOf={xOf} />
      {data.categories.map((category, i) =>
        data.series.map((s, j) => {
          const value = s.values[i] ?? 0;
          const height = position(value, scale, PLOT_HEIGHT);
          return (
            <rect key={`${category}-${s.key}`} x={MARGIN.left + band * i + band * 0.1 + barWidth * j} y={yOf(value, scale)} width={barWidth} height={height} fill={seriesColour(j)}>
              <title>{`${category}, ${s.label}: ${value}`}</title>
            </rect>
          );
        }),
      )}
    </ChartFrame>
  );
}
