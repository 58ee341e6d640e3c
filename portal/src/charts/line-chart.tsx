import { allValues, axisScale, ChartData, seriesColour } from './chart-scale';
import { Axes, ChartFrame, MARGIN, PLOT_WIDTH, yOf } from './chart-frame';

/** One line per series over the categories (months), with a marker at each figure. */
export function LineChart({ title, description, data, unit }: { title: string; description: string; data: ChartData; unit: string }) {
  const scale = axisScale(allValues(data));
  const n = data.categories.length;
  const xOf = (index: number) => MARGIN.left + (n <= 1 ? PLOT_WIDTH / 2 : (PLOT_WIDTH * index) / (n - 1));
  return (
    <ChartFrame title={title} description={description} data={data} unit={unit}>
      <Axes scale={scale} categories={data.categories} xOf={xOf} />
      {data.series.map((s, j) => (
        <g key={s.key} stroke={seriesColour(j)} fill={seriesColour(j)}>
          <polyline fill="none" strokeWidth={2} strokeDasharray={j % 2 === 1 ? '6 3' : undefined} points={data.categories.map((_, i) => `${xOf(i)},${yOf(s.values[i] ?? 0, scale)}`).join(' ')} />
          {data.categories.map((category, i) => (
            <circle key={category} cx={xOf(i)} cy={yOf(s.values[i] ?? 0, scale)} r={3.5}>
              <title>{`${category}, ${s.label}: ${s.values[i] ?? 0}`}</title>
            </circle>
          ))}
        </g>
      ))}
    </ChartFrame>
  );
}
