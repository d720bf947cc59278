import type { Task } from '@tideline/contracts';
import { higherIsBetter, LABELED_ROWS, PREDICTED_POSITIVE } from '@tideline/store';
import type { MetricName } from './__generated__/resolvers-types.ts';
import { meanSql, meanSums, quotient, ratio, total, type Mean, type MetricSums } from './metric-sums.ts';

export type Average = 'MACRO' | 'MICRO' | 'WEIGHTED';

/** What a metric's SQL may depend on besides the row source's columns. */
export interface MetricContext {
  task: Task;
  average: Average;
}

/**
 * A metric computed in ClickHouse: one aggregate expression over the rows of
 * a bucket (or slice), the store's labeled row source (`labeledRows`:
 * columns score, value, predicted_class, probabilities, label_positive,
 * label_class, label_value, labeled, …). Performance metrics aggregate
 * labeled rows only (`…If(…, labeled)`). The caller turns NaN and
 * infinities into null, so an undefined value (no labels, one class only)
 * never reads as a number.
 */
export interface MetricDefinition {
  /** Tasks the metric is defined for. */
  tasks: readonly Task[];
  /** Orders slices worst first: for AUC the lowest, for log loss the highest (the store's metric directions). */
  higherIsBetter: boolean;
  sql(ctx: MetricContext): string;
  /** The metric as sums over its rows where it is additive (metric-sums.ts); undefined for ROC AUC, R², macro averages… */
  sums?(ctx: MetricContext): MetricSums | undefined;
}

const ALL_TASKS: readonly Task[] = ['BINARY', 'MULTICLASS', 'REGRESSION'];
const BINARY: readonly Task[] = ['BINARY'];
const CLASSIFICATION: readonly Task[] = ['BINARY', 'MULTICLASS'];
const REGRESSION: readonly Task[] = ['REGRESSION'];

/**
 * The definitions follow scikit-learn 1.2 (the oracle's README,
 * libs/testing/oracle): threshold 0.5 (BINARY_THRESHOLD, @tideline/store),
 * average precision for PR AUC, ROC AUC with ties counted as half, log loss
 * clipped to [eps, 1 − eps] with eps the float64 machine epsilon then
 * renormalized per row. Where scikit-learn
 * returns 0 with a warning for a quantity that is undefined (no predicted
 * positives, no labels of a class, a constant label for R²), Tideline says
 * null: the expression yields NaN and the caller maps it to null. Per class
 * inside a multiclass average, scikit-learn's zero_division = 0 applies.
 */

/** NaN as a Float64 literal: what an undefined value evaluates to. */
const NAN = 'nan';
/** float64 machine epsilon, scikit-learn 1.2's log-loss clip and MAPE floor. */
export const EPS = '2.220446049250313e-16';

/** Labeled binary rows: performance metrics aggregate these only. */
const BIN = LABELED_ROWS.BINARY;
const Y = 'toFloat64(assumeNotNull(label_positive))';
const S = 'assumeNotNull(score)';
/** Predicted positive at the store's binary threshold. */
const PRED = PREDICTED_POSITIVE;
const LBL = 'assumeNotNull(label_positive)';

const tp = `countIf(${BIN} AND ${PRED} AND ${LBL})`;
const fp = `countIf(${BIN} AND ${PRED} AND NOT ${LBL})`;
const fn = `countIf(${BIN} AND NOT ${PRED} AND ${LBL})`;

/** Labeled regression rows. */
const REG = LABELED_ROWS.REGRESSION;
const ERR = '(assumeNotNull(value) - assumeNotNull(label_value))';

/** Labeled multiclass rows. */
const MC = LABELED_ROWS.MULTICLASS;
const MC_LABEL = 'assumeNotNull(label_class)';
const MC_PRED = 'assumeNotNull(predicted_class)';

/** Per-class counts over labeled rows as Map(String, UInt64): predicted, true (support) and true positives. */
const predictedPerClass = `sumMapIf(map(${MC_PRED}, toUInt64(1)), ${MC})`;
const truePerClass = `sumMapIf(map(${MC_LABEL}, toUInt64(1)), ${MC})`;
const tpPerClass = `sumMapIf(map(${MC_LABEL}, toUInt64(${MC_PRED} = ${MC_LABEL})), ${MC})`;
/** The classes seen in labels or predictions of the labeled rows, as scikit-learn's default `labels`. */
const classes = `arrayDistinct(arrayConcat(mapKeys(${predictedPerClass}), mapKeys(${truePerClass})))`;

type PerClass = 'PRECISION' | 'RECALL' | 'F1';

/** One class's score, zero division → 0 as scikit-learn's default (F1 = 2tp / (predicted + true)). */
function perClass(metric: PerClass, c: string): string {
  const t = `toFloat64(${tpPerClass}[${c}])`;
  const p = `toFloat64(${predictedPerClass}[${c}])`;
  const s = `toFloat64(${truePerClass}[${c}])`;
  if (metric === 'PRECISION') return `if(${p} = 0, 0, ${t} / ${p})`;
  if (metric === 'RECALL') return `if(${s} = 0, 0, ${t} / ${s})`;
  return `if(${p} + ${s} = 0, 0, 2 * ${t} / (${p} + ${s}))`;
}

/**
 * Multiclass precision, recall or F1 with scikit-learn's `average`:
 * MICRO from the global counts, which for single-label multiclass over all
 * classes equals accuracy; MACRO the unweighted mean over the classes seen;
 * WEIGHTED the mean weighted by each class's label count. No labeled rows → NaN.
 */
function multiclassAveraged(metric: PerClass, average: Average): string {
  const none = `countIf(${MC}) = 0`;
  if (average === 'MICRO') return multiclassAccuracy;
  if (average === 'MACRO') return `if(${none}, ${NAN}, arrayAvg(arrayMap(c -> ${perClass(metric, 'c')}, ${classes})))`;
  const support = `toFloat64(${truePerClass}[c])`;
  return `if(${none}, ${NAN}, arraySum(arrayMap(c -> ${support} * ${perClass(metric, 'c')}, ${classes})) / toFloat64(countIf(${MC})))`;
}

const binaryCorrect: Mean = { term: `${PRED} = ${LBL}`, rows: BIN };
const multiclassCorrect: Mean = { term: `${MC_PRED} = ${MC_LABEL}`, rows: MC };
const multiclassAccuracy = meanSql(multiclassCorrect);

/** a clipped to [eps, 1 − eps], as scikit-learn 1.2's log_loss does. */
const clip = (p: string) => `least(greatest(${p}, ${EPS}), 1 - ${EPS})`;
/** Log loss is the mean of the log probabilities, negated. */
const negate = (mean: string) => `-${mean}`;

/**
 * Binary log loss as scikit-learn 1.2: clip the score, form the row
 * [1 − p, p], renormalize it (its sum may differ from 1 by an ulp), take the
 * probability of the label.
 */
const binaryLogLoss: Mean = (() => {
  const p = clip(S);
  return { term: `log(if(${LBL}, ${p}, 1 - ${p}) / ((1 - ${p}) + ${p}))`, rows: BIN, finish: negate };
})();

/**
 * Multiclass log loss over labeled rows that carry probabilities: every
 * probability clipped, the row renormalized by its clipped sum, the true
 * class's share taken; a true class absent from the row counts as
 * probability 0 (clipped to eps, and eps added to the row's sum).
 */
const multiclassLogLoss: Mean = (() => {
  const rows = `(${MC} AND notEmpty(probabilities))`;
  const pTrue = clip(`probabilities[${MC_LABEL}]`);
  const sum = `(arraySum(arrayMap(q -> ${clip('q')}, mapValues(probabilities))) + if(mapContains(probabilities, ${MC_LABEL}), 0, ${EPS}))`;
  return { term: `log(${pTrue} / ${sum})`, rows, finish: negate };
})();

/**
 * ECE with 10 equal-width bins on [0, 1] (1.0 in the last), weighted by the
 * bins' shares: Σ_b n_b/n · |mean score_b − positive rate_b| = Σ_b |Σ_b (score − label)| / n.
 */
const ECE_BIN = `toUInt8(least(floor(${S} * 10), 9))`;
const ece = `(arraySum(arrayMap(g -> abs(g), mapValues(sumMapIf(map(${ECE_BIN}, ${S} - ${Y}), ${BIN})))) / toFloat64(countIf(${BIN})))`;
/** ECE as sums: the labeled count, then each bin's Σ (score − label). */
const eceSums: MetricSums = {
  parts: [`countIf(${BIN})`, ...Array.from({ length: 10 }, (_, b) => `sumIf(${S} - ${Y}, ${BIN} AND ${ECE_BIN} = ${b})`)],
  value: ([n, ...gaps]) => `((${gaps.map((g) => `abs(${g})`).join(' + ')}) / toFloat64(${n}))`,
};

/** Arrays of the labeled binary rows' scores and labels, for the curve metrics. */
const scores = `groupArrayIf(${S}, ${BIN})`;
const labels = `groupArrayIf(toUInt8(${LBL}), ${BIN})`;

type Definition = Omit<MetricDefinition, 'higherIsBetter'>;

/** A mean of a per-row term: its SQL and its sums. */
const averaged = (tasks: readonly Task[], mean: Mean): Definition => ({ tasks, sql: () => meanSql(mean), sums: () => meanSums(mean) });

/**
 * Precision, recall or F1: binary from two counts (additive); multiclass
 * averaged, additive only MICRO (it is the accuracy).
 */
const classifierCounts = (metric: PerClass, a: string, b: string): Definition => ({
  tasks: CLASSIFICATION,
  sql: ({ task, average }) => (task === 'MULTICLASS' ? multiclassAveraged(metric, average) : ratio(a, b)),
  sums: ({ task, average }) => (task !== 'MULTICLASS' ? quotient(a, b) : average === 'MICRO' ? meanSums(multiclassCorrect) : undefined),
});

/** Each metric's tasks and SQL; which way is better is the store's (metric-directions.ts in @tideline/store). */
const DEFINITIONS: Partial<Record<MetricName, Definition>> = {
  COUNT: { tasks: ALL_TASKS, sql: () => 'toFloat64(count())', sums: () => total('count()') },
  LABELED_COUNT: { tasks: ALL_TASKS, sql: () => 'toFloat64(countIf(labeled))', sums: () => total('countIf(labeled)') },

  ACCURACY: {
    tasks: CLASSIFICATION,
    sql: ({ task }) => meanSql(task === 'MULTICLASS' ? multiclassCorrect : binaryCorrect),
    sums: ({ task }) => meanSums(task === 'MULTICLASS' ? multiclassCorrect : binaryCorrect),
  },
  PRECISION: classifierCounts('PRECISION', tp, `${tp} + ${fp}`),
  RECALL: classifierCounts('RECALL', tp, `${tp} + ${fn}`),
  F1: classifierCounts('F1', `2 * ${tp}`, `2 * ${tp} + ${fp} + ${fn}`),
  /** Trapezoidal ROC AUC over distinct thresholds (ties count half, as scikit-learn); NaN with one class only. */
  ROC_AUC: { tasks: BINARY, sql: () => `arrayAUC(${scores}, ${labels})` },
  /** Average precision Σ (R_k − R_{k−1}) · P_k over distinct thresholds; undefined without positive labels. */
  PR_AUC: {
    tasks: BINARY,
    sql: () => `if(countIf(${BIN} AND ${LBL}) = 0, ${NAN}, arrayAUCPR(${scores}, ${labels}))`,
  },
  LOG_LOSS: {
    tasks: CLASSIFICATION,
    sql: ({ task }) => meanSql(task === 'MULTICLASS' ? multiclassLogLoss : binaryLogLoss),
    sums: ({ task }) => meanSums(task === 'MULTICLASS' ? multiclassLogLoss : binaryLogLoss),
  },
  BRIER: averaged(BINARY, { term: `pow(${S} - ${Y}, 2)`, rows: BIN }),
  ECE: { tasks: BINARY, sql: () => ece, sums: () => eceSums },
  /** Share of labeled predictions predicted positive (score ≥ 0.5), comparable with LABEL_POSITIVE_RATE. */
  POSITIVE_RATE: averaged(BINARY, { term: PRED, rows: BIN }),
  LABEL_POSITIVE_RATE: averaged(BINARY, { term: Y, rows: BIN }),

  MAE: averaged(REGRESSION, { term: `abs(${ERR})`, rows: REG }),
  RMSE: averaged(REGRESSION, { term: `pow(${ERR}, 2)`, rows: REG, finish: (mean) => `sqrt(${mean})` }),
  /**
   * 1 − SS_res / SS_tot, SS_tot two-pass over the labels as NumPy does;
   * null when the labels are constant (scikit-learn forces 0 or 1 there).
   */
  R2: {
    tasks: REGRESSION,
    sql: () => {
      const ys = `groupArrayIf(assumeNotNull(label_value), ${REG})`;
      const ssTot = `arraySum(arrayMap(y -> pow(y - arrayAvg(${ys}), 2), ${ys}))`;
      return `if(countIf(${REG}) = 0, ${NAN}, 1 - sumIf(pow(${ERR}, 2), ${REG}) / ${ssTot})`;
    },
  },
  /** |y − ŷ| / max(|y|, eps) averaged, as scikit-learn's mean_absolute_percentage_error. */
  MAPE: averaged(REGRESSION, { term: `abs(${ERR}) / greatest(abs(assumeNotNull(label_value)), ${EPS})`, rows: REG }),
};

/** Every metric the engine computes in SQL; ESTIMATED_* live in estimated-performance.ts. */
export const METRICS: Partial<Record<MetricName, MetricDefinition>> = Object.fromEntries(
  Object.entries(DEFINITIONS).map(([name, definition]) => [name, { ...definition, higherIsBetter: higherIsBetter(name) }]),
);
