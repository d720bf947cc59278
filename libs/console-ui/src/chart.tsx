import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** A CSS color; dashed lines for estimates. */
  color: string;
  dashed?: boolean;
}

/**
 * A time series chart on uPlot: canvas, ~50 kB unminified, and it draws
 * hundreds of thousands of points in milliseconds, so a long window at
 * minute granularity stays usable. `times` are epoch milliseconds.
 */
export function TimeChart({ title, times, series, height = 260 }: { title: string; times: number[]; series: ChartSeries[]; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current!;
    // A canvas knows no CSS variables: resolve the theme's colors once per draw.
    const css = getComputedStyle(el);
    const color = (c: string) => (c.startsWith('var(') ? css.getPropertyValue(c.slice(4, -1)).trim() : c);
    const axis = { stroke: css.color, grid: { stroke: '#8883' } };
    const plot = new uPlot(
      {
        width: Math.max(320, el.clientWidth),
        height,
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: color(s.color), width: 2, dash: s.dashed ? [6, 4] : undefined, spanGaps: false }))],
        axes: [axis, axis],
        scales: { x: { time: true } },
      },
      [times.map((t) => t / 1000), ...series.map((s) => s.values)],
      el,
    );
    const resize = () => plot.setSize({ width: Math.max(320, el.clientWidth), height });
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      plot.destroy();
    };
  }, [times, series, height]);
  return <figure class="chart" aria-label={title} role="img" ref={box} />;
}

/** A tiny line (a slice's metric per bucket) as inline SVG: a table of them stays cheap. */
export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return <span class="muted">—</span>;
  const [min, max] = [Math.min(...known), Math.max(...known)];
  const y = (v: number) => 18 - (max === min ? 8 : ((v - min) / (max - min)) * 16);
  const points = values.map((v, i) => (v === null ? null : `${(i / (values.length - 1)) * 78 + 1},${y(v)}`)).filter(Boolean);
  return (
    <svg class="spark" width="80" height="20" role="img" aria-label={label}>
      <polyline points={points.join(' ')} fill="none" stroke="currentColor" stroke-width="1.5" />
    </svg>
  );
}

/** Two distributions over the same bins (reference behind, current in front), as SVG bars. */
export function Histogram({ label, edges, reference, current }: { label: string; edges: number[]; reference: number[]; current: number[] }) {
  const share = (counts: number[]) => {
    const total = counts.reduce((a, b) => a + b, 0) || 1;
    return counts.map((c) => c / total);
  };
  const [ref, cur] = [share(reference), share(current)];
  const top = Math.max(...ref, ...cur, 0.01);
  const width = 240 / Math.max(1, ref.length);
  return (
    <svg class="histogram" width="240" height="80" role="img" aria-label={`${label}: reference and current distributions from ${edges[0]?.toFixed(2)} to ${edges.at(-1)?.toFixed(2)}`}>
      {ref.map((r, i) => (
        <rect x={i * width} y={80 - (r / top) * 78} width={width - 1} height={(r / top) * 78} class="ref" />
      ))}
      {cur.map((c, i) => (
        <rect x={i * width + width / 4} y={80 - (c / top) * 78} width={width / 2} height={(c / top) * 78} class="cur" />
      ))}
    </svg>
  );
}
