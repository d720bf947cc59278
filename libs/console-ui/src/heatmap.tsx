import { formatNumber } from './format.ts';

export interface HeatCell {
  row: string;
  col: string;
  value: number | null;
  count: number;
}

/**
 * A colour from worst (t = 0, red) through yellow to best (t = 1, blue), as
 * HSL; the cell's text is black or white, whichever contrasts more with it,
 * so every cell reads at ≥ 4.5:1 in the light and the dark scheme alike (the
 * cells carry their own background, not the page's).
 */
export function heatColor(t: number): { background: string; color: string } {
  const clamped = Math.min(1, Math.max(0, t));
  const [h, s, l] = [8 + clamped * 202, 0.7, 0.45 + 0.1 * Math.sin(Math.PI * clamped)];
  const [r, g, b] = hslToRgb(h, s, l);
  const luminance = relativeLuminance(r, g, b);
  // Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05).
  const color = (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '#000000' : '#ffffff';
  return { background: `rgb(${r}, ${g}, ${b})`, color };
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return [f(0), f(8), f(4)].map((v) => Math.round(v * 255)) as [number, number, number];
}

function relativeLuminance(...rgb: [number, number, number]): number {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/**
 * A metric per (row value, column value) as a table: each cell coloured on
 * the shown values' range (worst red, best blue, by the metric's direction),
 * with its value and sample count, focusable, and its full reading in an
 * accessible label; cells without predictions stay empty.
 */
export function Heatmap({ caption, metric, rowField, colField, rows, cols, cells, lowerIsBetter, testId }: {
  caption: string;
  metric: string;
  rowField: string;
  colField: string;
  rows: readonly string[];
  cols: readonly string[];
  cells: ReadonlyMap<string, HeatCell>;
  lowerIsBetter: boolean;
  testId?: string;
}) {
  const known = [...cells.values()].map((c) => c.value).filter((v): v is number => v !== null);
  const [min, max] = [Math.min(...known), Math.max(...known)];
  const goodness = (v: number) => (max === min ? 0.5 : lowerIsBetter ? (max - v) / (max - min) : (v - min) / (max - min));
  const [worst, best] = lowerIsBetter ? [max, min] : [min, max];
  return (
    <div class="table-wrap heatmap" role="region" aria-label={caption} tabIndex={0}>
      <table data-testid={testId}>
        <caption>
          {caption}
          {known.length > 0 && (
            <span class="heat-legend">
              worst {formatNumber(worst)} <span class="heat-scale" aria-hidden="true" style={{ backgroundImage: `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map((t) => heatColor(t).background).join(', ')})` }} /> best{' '}
              {formatNumber(best)}
            </span>
          )}
        </caption>
        <thead>
          <tr>
            <th scope="col">
              {rowField} \ {colField}
            </th>
            {cols.map((c) => (
              <th scope="col" class="num">{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r}>
              <th scope="row">{r}</th>
              {cols.map((c) => {
                const cell = cells.get(heatKey(r, c));
                if (!cell) return <td class="num muted" data-row={r} data-col={c} aria-label={`${rowField}=${r}, ${colField}=${c}: no predictions`}>·</td>;
                const style = cell.value === null ? undefined : heatColor(goodness(cell.value));
                return (
                  <td
                    class="num heat-cell"
                    tabIndex={0}
                    style={style}
                    data-row={r}
                    data-col={c}
                    aria-label={`${rowField}=${r}, ${colField}=${c}: ${metric} ${formatNumber(cell.value)}, ${formatNumber(cell.count)} predictions`}
                  >
                    <span class="heat-value">{formatNumber(cell.value)}</span>
                    <small>n={formatNumber(cell.count)}</small>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const heatKey = (row: string, col: string) => `${row}\u0000${col}`;
