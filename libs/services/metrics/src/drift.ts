import { badInput, PublicError } from '@tideline/graphql';
import { checkWindow, type SliceFilter } from '@tideline/store';
import type { DriftMethod, DriftVerdict, DriftVerdictRule, EffectSizeMethod, QueryResolvers } from './__generated__/resolvers-types.ts';
import { BINNED_MAX_FEATURES, binnedStats } from './drift-binned.ts';
import { numericStats } from './drift-numeric.ts';
import { categoricalStats, resolveFeatures, type DriftScope, type FeatureKind, type FeatureRef } from './drift-sql.ts';
import { DEFAULT_EFFECT_SIZE_THRESHOLD, effectSizeOf, isDrifted, verdictRule } from './drift-verdict.ts';
import { checkFieldsExist, type QueryDeps } from './inputs.ts';
import { benjaminiHochberg, chiSquareSf, ksPValue } from './statistics.ts';

export const NUMERIC_METHODS: readonly DriftMethod[] = ['PSI', 'KS', 'WASSERSTEIN'];
export const CATEGORICAL_METHODS: readonly DriftMethod[] = ['JENSEN_SHANNON', 'CHI2'];
const methodsFor = (kind: FeatureKind) => (kind === 'numeric' ? NUMERIC_METHODS : CATEGORICAL_METHODS);

/**
 * Default thresholds of each method's own rule. PSI 0.2 is the customary
 * "significant shift"; KS and CHI2 test at 5 %; JS distance 0.1;
 * Wasserstein is in the feature's units, so its default is 0.1 reference
 * standard deviations. The effect-size rule's is in drift-verdict.ts.
 */
/** Features a report may name: its cost is linear in them, its memory bounded by batches (drift-numeric.ts). */
export const MAX_REPORT_FEATURES = 1_000;

export const DEFAULT_THRESHOLDS = { PSI: 0.2, KS: 0.05, CHI2: 0.05, JENSEN_SHANNON: 0.1, WASSERSTEIN_STD: 0.1 } as const;

export interface DriftOutcome {
  feature: string;
  method: DriftMethod;
  statistic: number | null;
  errorBound: number | null;
  pValue: number | null;
  adjustedPValue: number | null;
  effectSize: number | null;
  effectSizeMethod: EffectSizeMethod;
  verdictRule: DriftVerdictRule;
  threshold: number | null;
  drifted: boolean;
  referenceCount: number;
  currentCount: number;
}

/** How a request decides: the mode, each method's own threshold, the effect-size threshold. */
interface Decision {
  verdict: DriftVerdict;
  thresholds: Partial<Record<DriftMethod, number>>;
  effectSizeThreshold: number;
  /** Numeric statistics from bins, with error bounds (drift-binned.ts). */
  approximate: boolean;
}

interface DriftRequest {
  model: string;
  /** Absent: the model's stored reference window. */
  reference?: { from: Date; to: Date } | null;
  current: { from: Date; to: Date };
  slice?: unknown;
}

/** Statistics of every (feature, method) pair, numeric and categorical features each in one query. */
async function computeDrift(
  deps: QueryDeps,
  scope: DriftScope,
  pairs: { feature: FeatureRef; method: DriftMethod }[],
  { verdict, thresholds, effectSizeThreshold, approximate }: Decision,
  maxValuesPerQuery: number,
): Promise<DriftOutcome[]> {
  const numeric = [...new Set(pairs.filter((p) => p.feature.kind === 'numeric').map((p) => p.feature))];
  const categorical = [...new Set(pairs.filter((p) => p.feature.kind === 'categorical').map((p) => p.feature))];
  const [nStats, cStats] = await Promise.all([
    // Wider requests are answered exactly: faster there (drift-binned.ts), and an exact answer is within any bound.
    approximate && numeric.length <= BINNED_MAX_FEATURES ? binnedStats(deps.client, scope, numeric) : numericStats(deps.client, scope, numeric, maxValuesPerQuery),
    categoricalStats(deps.client, scope, categorical),
  ]);
  return pairs.map(({ feature, method }): DriftOutcome => {
    let statistic: number | null;
    let pValue: number | null = null;
    let threshold: number | null = thresholds[method] ?? null;
    let errorBound = 0;
    let stats: typeof nStats[number] | typeof cStats[number];
    if (feature.kind === 'numeric') {
      const s = nStats[numeric.indexOf(feature)]!;
      stats = s;
      if (method === 'KS') {
        statistic = s.ks;
        errorBound = s.bounds?.ks ?? 0;
        pValue = statistic === null ? null : ksPValue(statistic, s.n1, s.n2);
      } else if (method === 'PSI') {
        statistic = s.psi;
        errorBound = s.bounds?.psi ?? 0;
      } else {
        statistic = s.wasserstein;
        errorBound = s.bounds?.wasserstein ?? 0;
        if (threshold === null && s.refStd !== null) threshold = DEFAULT_THRESHOLDS.WASSERSTEIN_STD * s.refStd;
      }
    } else {
      const s = cStats[categorical.indexOf(feature)]!;
      stats = s;
      if (method === 'CHI2') {
        statistic = s.chi2;
        pValue = statistic === null ? null : s.categories < 2 ? 1 : chiSquareSf(statistic, s.categories - 1);
      } else {
        statistic = s.jensenShannon;
      }
    }
    if (threshold === null && method !== 'WASSERSTEIN') threshold = DEFAULT_THRESHOLDS[method];
    const rule = verdictRule(method, verdict, stats.n1, stats.n2);
    if (rule === 'EFFECT_SIZE') threshold = effectSizeThreshold;
    const { effectSize, effectSizeMethod } = effectSizeOf(method, stats);
    return {
      feature: feature.name,
      method,
      statistic,
      errorBound: statistic === null ? null : errorBound,
      pValue,
      adjustedPValue: pValue,
      // Undefined with the statistic (an empty window), like the p-value.
      effectSize: statistic === null ? null : effectSize,
      effectSizeMethod,
      verdictRule: rule,
      threshold,
      drifted: false,
      referenceCount: stats.n1,
      currentCount: stats.n2,
    };
  });
}

/** The decision, by the outcome's rule (drift-verdict.ts), on the p-value after any correction. */
const decide = (o: DriftOutcome): DriftOutcome => ({ ...o, drifted: isDrifted(o) });

const decision = (
  verdict: DriftVerdict | null | undefined,
  thresholds: Decision['thresholds'],
  effectSizeThreshold: number | null | undefined,
  approximate: boolean | null | undefined,
): Decision => ({
  verdict: verdict ?? 'AUTO',
  approximate: approximate ?? false,
  thresholds,
  effectSizeThreshold: effectSizeThreshold === null || effectSizeThreshold === undefined ? DEFAULT_EFFECT_SIZE_THRESHOLD : checkThreshold(effectSizeThreshold, 'effectSizeThreshold'),
});

async function scopeOf(deps: QueryDeps, project: string, args: DriftRequest): Promise<DriftScope> {
  const current = checkWindow(args.current, 'current');
  const reference = await deps.references.resolve(project, args.model, args.reference);
  const task = await deps.task(project, args.model);
  await checkFieldsExist(deps, project, args.model, { slice: args.slice });
  return { project, model: args.model, task, reference, current, slice: args.slice as SliceFilter | null | undefined };
}

const checkThreshold = (t: number, field: string) => {
  if (!Number.isFinite(t) || t < 0) throw badInput('a threshold must be a finite number ≥ 0', field);
  return t;
};

/**
 * `drift` (one feature, one method) and `driftReport` (many, with a p-value correction).
 * `maxValuesPerQuery`: most feature values one exact numeric query holds (METRICS_DRIFT_MAX_VALUES); wider reports go in batches.
 */
export function driftQueries(deps: QueryDeps, maxValuesPerQuery: number): Pick<QueryResolvers, 'drift' | 'driftReport'> {
  return {
    drift: async (_, args, { project }) => {
      const scope = await scopeOf(deps, project, args);
      const [feature] = await resolveFeatures(deps.client, scope, [args.feature], () => 'feature');
      if (!methodsFor(feature!.kind).includes(args.method)) {
        throw new PublicError(
          'METHOD_NOT_APPLICABLE',
          `method ${args.method} does not apply to ${feature!.kind} feature '${args.feature}'; use ${methodsFor(feature!.kind).join(', ')}`,
          { field: 'method' },
        );
      }
      const thresholds = args.threshold === null || args.threshold === undefined ? {} : { [args.method]: checkThreshold(args.threshold, 'threshold') };
      const [outcome] = await computeDrift(deps, scope, [{ feature: feature!, method: args.method }], decision(args.verdict, thresholds, args.effectSizeThreshold, args.approximate), maxValuesPerQuery);
      return decide(outcome!);
    },
    driftReport: async (_, args, { project }) => {
      if (args.features.length === 0) throw badInput('features must name at least one feature', 'features');
      if (args.features.length > MAX_REPORT_FEATURES) throw badInput(`at most ${MAX_REPORT_FEATURES} features per report`, 'features');
      const scope = await scopeOf(deps, project, args);
      const features = await resolveFeatures(deps.client, scope, [...new Set(args.features)], (i) => `features[${i}]`);
      const methods = args.methods && args.methods.length > 0 ? [...new Set(args.methods)] : [...NUMERIC_METHODS, ...CATEGORICAL_METHODS];
      const thresholds: Partial<Record<DriftMethod, number>> = {};
      (args.thresholds ?? []).forEach((t, i) => (thresholds[t.method] = checkThreshold(t.threshold, `thresholds[${i}].threshold`)));
      const pairs = features.flatMap((feature) => methods.filter((m) => methodsFor(feature.kind).includes(m)).map((method) => ({ feature, method })));
      const outcomes = await computeDrift(deps, scope, pairs, decision(args.verdict, thresholds, args.effectSizeThreshold, args.approximate), maxValuesPerQuery);
      if (args.correction === 'BENJAMINI_HOCHBERG') {
        const adjusted = benjaminiHochberg(outcomes.map((o) => o.pValue));
        outcomes.forEach((o, i) => (o.adjustedPValue = adjusted[i] ?? null));
      }
      return outcomes.map(decide);
    },
  };
}
