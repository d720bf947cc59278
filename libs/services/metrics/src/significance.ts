import type { Task } from '@tideline/contracts';
import { LABELED_ROWS, PREDICTED_POSITIVE } from '@tideline/store';
import type { MetricName } from './__generated__/resolvers-types.ts';
import { EPS } from './metric-definitions.ts';

/**
 * Significance tests of the slice-metric engine. The counts and sums a test
 * needs are aggregated in ClickHouse (one row per slice or per version, never
 * per prediction); only the closed-form test on those few numbers runs here.
 *
 * Which metrics get a test:
 * - proportions (ACCURACY, POSITIVE_RATE, LABEL_POSITIVE_RATE, binary
 *   PRECISION and RECALL): two-proportion z-test against the rest of the
 *   traffic; McNemar's test for paired versions (same prediction ids);
 * - means of a per-prediction loss (LOG_LOSS, BRIER, MAE; RMSE is tested on
 *   the squared error, its square): Welch's z-test on the per-row losses,
 *   a paired z-test on per-id loss differences for versions (large-sample
 *   normal approximation, like the proportion tests);
 * - every other metric (ROC_AUC, PR_AUC, F1, ECE, R2, MAPE, counts, averaged
 *   multiclass precision / recall): no test, the significance is null. Those
 *   are not means of independent per-row terms, so no cheap exact test exists
 *   in one pass; minSamples is what keeps noisy slices out for them.
 */
export type RowStatistic =
  /** `hit` is a 0/1 expression counted over the rows where `trial` holds. */
  | { kind: 'PROPORTION'; hit: string; trial: string }
  /** `loss` is a per-row Float64 averaged over the rows where `trial` holds. */
  | { kind: 'MEAN'; loss: string; trial: string };

/** The per-row statistic a metric is tested on, or undefined when it has no test (see above). */
export function rowStatistic(metric: MetricName, task: Task): RowStatistic | undefined {
  if (task === 'BINARY') {
    const label = 'assumeNotNull(label_positive)';
    const labeled = LABELED_ROWS.BINARY;
    switch (metric) {
      case 'ACCURACY':
        return { kind: 'PROPORTION', hit: `(${PREDICTED_POSITIVE} = ${label})`, trial: labeled };
      case 'POSITIVE_RATE':
        return { kind: 'PROPORTION', hit: PREDICTED_POSITIVE, trial: labeled };
      case 'LABEL_POSITIVE_RATE':
        return { kind: 'PROPORTION', hit: label, trial: labeled };
      case 'PRECISION':
        return { kind: 'PROPORTION', hit: label, trial: `(${labeled} AND ${PREDICTED_POSITIVE})` };
      case 'RECALL':
        return { kind: 'PROPORTION', hit: PREDICTED_POSITIVE, trial: `(${labeled} AND ${label})` };
      case 'LOG_LOSS': {
        const p = `greatest(least(toFloat64(assumeNotNull(score)), 1 - ${EPS}), ${EPS})`;
        return { kind: 'MEAN', loss: `-if(${label}, log(${p}), log(1 - ${p}))`, trial: labeled };
      }
      case 'BRIER':
        return { kind: 'MEAN', loss: `pow(toFloat64(assumeNotNull(score)) - toFloat64(${label}), 2)`, trial: labeled };
      default:
        return undefined;
    }
  }
  if (task === 'MULTICLASS') {
    const labeled = LABELED_ROWS.MULTICLASS;
    if (metric === 'ACCURACY') return { kind: 'PROPORTION', hit: '(assumeNotNull(predicted_class) = assumeNotNull(label_class))', trial: labeled };
    return undefined;
  }
  const labeled = LABELED_ROWS.REGRESSION;
  const error = 'toFloat64(assumeNotNull(value) - assumeNotNull(label_value))';
  if (metric === 'MAE') return { kind: 'MEAN', loss: `abs(${error})`, trial: labeled };
  if (metric === 'RMSE') return { kind: 'MEAN', loss: `pow(${error}, 2)`, trial: labeled };
  return undefined;
}

/** Complementary error function (Numerical Recipes' erfcc, relative error < 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Two-sided p-value of a standard normal statistic; null when undefined. */
export function normalTwoSided(z: number): number | null {
  if (Number.isNaN(z)) return null;
  if (!Number.isFinite(z)) return 0;
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

export interface TestResult {
  statistic: number;
  pValue: number;
}

/**
 * Two-proportion z-test (pooled variance), two-sided: x1 of n1 versus x2 of
 * n2. Null when a side is empty or the pooled proportion is 0 or 1 (both
 * sides identical: no evidence either way).
 */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): TestResult | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (!(variance > 0)) return null;
  const z = (x1 / n1 - x2 / n2) / Math.sqrt(variance);
  return { statistic: z, pValue: normalTwoSided(z)! };
}

export interface Moments {
  n: number;
  sum: number;
  sumSquares: number;
}

/** Welch's test on two samples' means, with the normal approximation (large samples); null below 2 rows a side or with no variance. */
export function welchZ(a: Moments, b: Moments): TestResult | null {
  if (a.n < 2 || b.n < 2) return null;
  const variance = (m: Moments) => Math.max(0, (m.sumSquares - (m.sum * m.sum) / m.n) / (m.n - 1));
  const se2 = variance(a) / a.n + variance(b) / b.n;
  if (!(se2 > 0)) return null;
  const z = (a.sum / a.n - b.sum / b.n) / Math.sqrt(se2);
  return { statistic: z, pValue: normalTwoSided(z)! };
}

/**
 * McNemar's test on paired outcomes: `b` pairs where only the baseline is
 * right, `c` where only the candidate is. Exact two-sided binomial test below
 * 25 discordant pairs, the chi-square statistic without continuity correction
 * above (statsmodels' `mcnemar(exact=n<25)` choice). Null without discordant pairs.
 */
export function mcnemar(b: number, c: number): TestResult | null {
  const n = b + c;
  if (n === 0) return null;
  if (n < 25) {
    const k = Math.min(b, c);
    let tail = 0;
    let term = Math.pow(0.5, n); // C(n, 0) / 2^n
    for (let i = 0; i <= k; i++) {
      tail += term;
      term = (term * (n - i)) / (i + 1);
    }
    return { statistic: k, pValue: Math.min(1, 2 * tail) };
  }
  const chi2 = ((b - c) * (b - c)) / n;
  // A chi-square with one degree of freedom is a squared standard normal.
  return { statistic: chi2, pValue: normalTwoSided(Math.sqrt(chi2))! };
}

/** Paired z-test on per-pair differences d (mean zero under the null); null below 2 pairs or with no variance. */
export function pairedZ(d: Moments): TestResult | null {
  if (d.n < 2) return null;
  const variance = Math.max(0, (d.sumSquares - (d.sum * d.sum) / d.n) / (d.n - 1));
  if (!(variance > 0)) return null;
  const z = d.sum / d.n / Math.sqrt(variance / d.n);
  return { statistic: z, pValue: normalTwoSided(z)! };
}
