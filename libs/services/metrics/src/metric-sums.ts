/**
 * Additive metrics as sums: a few aggregates whose sums over the buckets of a
 * window are their values over the window (counts, float sums), and the
 * metric as an expression of them. A window's value then follows from its
 * buckets' rows without aggregating its rows again: sliceMetrics' whole
 * windows (slice-sql.ts). Over the same rows, the value of the parts equals
 * the metric's SQL up to float rounding (metric-sums.spec.ts checks every
 * additive metric of every task).
 */
export interface MetricSums {
  /** SQL aggregates over the row source, each summable across buckets. */
  parts: readonly string[];
  /** The metric (Float64, NaN where undefined) from the expressions holding the parts' values, in order. */
  value(parts: readonly string[]): string;
}

/** a / b in Float64: 0 / 0 is NaN, hence null. */
export const ratio = (a: string, b: string) => `(toFloat64(${a}) / toFloat64(${b}))`;

/** A count: its value is its sum. */
export const total = (count: string): MetricSums => ({ parts: [count], value: ([n]) => `toFloat64(${n})` });

/** a / b of two counts (binary precision, recall, F1), each summed apart. */
export const quotient = (a: string, b: string): MetricSums => ({ parts: [a, b], value: ([x, y]) => ratio(x!, y!) });

/** The mean of a per-row term over some rows, then `finish`ed (a sign, a square root). */
export interface Mean {
  term: string;
  rows: string;
  finish?: (mean: string) => string;
}

const asIs = (mean: string) => mean;

/** The mean in one aggregate, as the engine computes a bucket's value. */
export const meanSql = ({ term, rows, finish = asIs }: Mean) => finish(`avgIf(toFloat64(${term}), ${rows})`);

/** The same mean as its sum and count. */
export const meanSums = ({ term, rows, finish = asIs }: Mean): MetricSums => ({
  parts: [`sumIf(toFloat64(${term}), ${rows})`, `countIf(${rows})`],
  value: ([sum, count]) => finish(ratio(sum!, count!)),
});
