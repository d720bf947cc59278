import type { Task } from '@tideline/contracts';
import { LABELED_ROWS } from '@tideline/store';
import { HOUR_MS } from './hour-states.ts';
import type { SliceScope, RequestedMetric } from './slice-sql.ts';

/**
 * Score histograms in the hour states (metrics migration 005; README "Hour
 * states", "Approximate ROC AUC"): per state of a binary model, its labeled
 * rows counted per score bin, positives and negatives apart, only the bins
 * holding a row. Hour states hold ROC AUC as a value per hour, which does not
 * add up across hours; the histograms do, so an opt-in approximate ROC AUC
 * over longer buckets (or a whole multi-hour window) is read from the states
 * with a bound on its error, instead of every row's score.
 *
 * The bins are [k/B, (k+1)/B) on the score, the first open below and the
 * last open above. B is a power of two, so score · B is exact and the edges
 * are exactly k/B; the bin is floor(score · B) clamped, monotone in the
 * score, so a positive and a negative in different bins are ordered as
 * their scores are, exactly. A pair sharing a bin counts 0.5 (scikit-learn's
 * rule for equal scores): its true share is between 0 and 1, so the AUC is
 * within 0.5 · Σ_b pos_b · neg_b / (P · N) of the exact one.
 */
/**
 * 256 bins: a bound of at most 1.3e-3 on bench:metrics' data (errors about
 * a hundredth of it), for under 1 KB a state row; 1024 bins would cut the
 * bound to 3.3e-4 for 3.4 times the bytes and 2.7 times the read (README,
 * table measured by `npm run bench:score-bins`).
 */
export const SCORE_BINS = 256;

const BINARY_ROWS = LABELED_ROWS.BINARY;
const bin = `toUInt16(least(greatest(floor(assumeNotNull(score) * ${SCORE_BINS}), 0), ${SCORE_BINS - 1}))`;
const positive = 'assumeNotNull(label_positive)';

/**
 * The fold's columns of a state (histogram_bins, score_bins, bin_positives,
 * bin_negatives) as SQL over the rows it aggregates; other tasks hold none
 * (histogram_bins 0, never read).
 */
export function histogramColumns(task: Task): string[] {
  if (task !== 'BINARY') return ['toUInt16(0)', 'CAST([] AS Array(UInt16))', 'CAST([] AS Array(UInt32))', 'CAST([] AS Array(UInt32))'];
  // Each row counted in one of 256 fixed counters per class (-Resample on the bin), the bins holding none dropped once per state:
  // the fold costs 8 % more CPU with them, against 90 % for sumMap([bin], …), which builds arrays for every row (README, "Approximate ROC AUC").
  const counts = (label: string) => `countIfResample(0, ${SCORE_BINS}, 1)(${BINARY_ROWS} AND ${label}, ${bin})`;
  const [pos, neg] = [counts(positive), counts(`NOT ${positive}`)];
  const held = (column: string) => `arrayFilter((c, p, n) -> p + n > 0, ${column}, ${pos}, ${neg})`;
  return [`toUInt16(${SCORE_BINS})`, held(`range(toUInt16(${SCORE_BINS}))`), `arrayMap(c -> toUInt32(c), ${held(pos)})`, `arrayMap(c -> toUInt32(c), ${held(neg)})`];
}

/** Whether a metric of a request is answered from the states' histograms: ROC AUC of a binary model, asked approximate, over buckets (or a window) longer than the hour a state's value covers. */
export function fromHistograms(scope: Pick<SliceScope, 'approximate' | 'task' | 'buckets' | 'average'>, metric: Pick<RequestedMetric, 'name'>): boolean {
  return !!scope.approximate && scope.task === 'BINARY' && metric.name === 'ROC_AUC' && scope.average === 'MACRO' && scope.buckets.stepMs > HOUR_MS;
}

/** The states' histograms of a group summed: (bins sorted, positives, negatives), as Float64 counts (their products would overflow UInt64 sums). */
export const HISTOGRAM_SUM = 'sumMap(score_bins, arrayMap(n -> toFloat64(n), bin_positives), arrayMap(n -> toFloat64(n), bin_negatives))';

/**
 * ROC AUC and its error bound from a summed histogram `h` (HISTOGRAM_SUM):
 * each positive counts the negatives in lower bins, and half those in its
 * own; both NaN when a class is missing (the caller makes them null).
 */
export function histogramAuc(h: string): { value: string; bound: string } {
  const [pos, neg] = [`tupleElement(${h}, 2)`, `tupleElement(${h}, 3)`];
  const pairs = `(arraySum(${pos}) * arraySum(${neg}))`;
  const negativesBelow = `arrayMap((c, n) -> c - n, arrayCumSum(${neg}), ${neg})`;
  return {
    value: `(arraySum(arrayMap((p, below, n) -> p * (below + n / 2), ${pos}, ${negativesBelow}, ${neg})) / ${pairs})`,
    bound: `(arraySum(arrayMap((p, n) -> p * n, ${pos}, ${neg})) / 2 / ${pairs})`,
  };
}

/** True when every state a group read was folded with this bin layout: states folded before migration 005 (0) hold no histogram. */
export const HISTOGRAMS_HELD = `min(histogram_bins = ${SCORE_BINS})`;
