import { direction, type EvaluationMetric } from '@tideline/store';
import type { Evaluation, EvaluationValue, GateCheck, GateEvidence, ModelConfig } from './log-events.ts';

/** Differences this small are rounding, not evidence (0.82 − 0.80 is 0.0199999… in floating point). */
const TOLERANCE = 1e-9;

export interface GateInput {
  config: ModelConfig;
  source: GateEvidence['source'];
  champion: { version: string; evaluation: Evaluation | null };
  challenger: { version: string; evaluation: Evaluation | null };
}

/** `tags.country=BR,tags.device=ios` → its fields, in order. */
const sliceFields = (slice: string) => slice.split(',').map((part) => part.slice(0, part.indexOf('=') < 0 ? part.length : part.indexOf('=')));

/** A slice is protected when named exactly, or when it is one value of a protected field (`tags.country` protects `tags.country=BR`). */
export function isProtected(slice: string, protectedSlices: readonly string[]): boolean {
  if (protectedSlices.includes(slice)) return true;
  const fields = sliceFields(slice);
  return fields.length === 1 && protectedSlices.includes(fields[0]!);
}

const lookup = (evaluation: Evaluation | null, slice: string | null, metric: EvaluationMetric): EvaluationValue | undefined =>
  evaluation?.values.find((v) => v.slice === slice && v.metric === metric);

const fmt = (n: number | null) => (n === null ? 'undefined' : Number(n.toPrecision(4)).toString());

/**
 * The promotion gate, a pure function of two evaluations: the challenger must
 * beat the champion on the primary metric (whole traffic) by at least δ, and
 * must not be worse than the champion by more than ε on any protected slice.
 * A value resting on fewer than `minSamples` samples is not judged: for the
 * primary metric that fails the gate (no evidence of improvement); for a slice
 * it is recorded and skipped (too noisy to block on). A protected slice the
 * champion was judged on but the challenger was not evaluated on fails.
 */
export function evaluateGate(input: GateInput): GateEvidence {
  const { config } = input;
  const { minImprovement, maxSliceRegression, minSamples } = config.gate;
  const metric = config.primaryMetric;
  const dir = direction(metric);
  const failures: string[] = [];

  const check = (slice: string | null, threshold: number, strict: boolean): GateCheck => {
    const a = lookup(input.champion.evaluation, slice, metric);
    const b = lookup(input.challenger.evaluation, slice, metric);
    const base = {
      slice,
      metric,
      championValue: a?.value ?? null,
      challengerValue: b?.value ?? null,
      championSamples: a?.sampleCount ?? 0,
      challengerSamples: b?.sampleCount ?? 0,
      threshold,
    };
    const improvement = a?.value != null && b?.value != null ? dir * (b.value - a.value) : null;
    const where = slice ?? 'the whole traffic';
    if (!a || !b) {
      // Strict (the primary metric), or a slice the champion was judged on that the challenger skipped.
      const missingChallenger = !!a && !b && a.sampleCount >= minSamples;
      if (strict || missingChallenger) failures.push(`${metric} on ${where}: not evaluated for ${!b ? `challenger ${input.challenger.version}` : `champion ${input.champion.version}`}`);
      return { ...base, improvement: null, outcome: 'NOT_EVALUATED' };
    }
    if (a.sampleCount < minSamples || b.sampleCount < minSamples) {
      if (strict) failures.push(`${metric} on ${where}: ${Math.min(a.sampleCount, b.sampleCount)} samples, fewer than minSamples ${minSamples}`);
      return { ...base, improvement, outcome: 'INSUFFICIENT_SAMPLES' };
    }
    if (improvement === null) {
      if (strict) failures.push(`${metric} on ${where}: undefined (${fmt(a.value)} vs ${fmt(b.value)})`);
      return { ...base, improvement, outcome: 'NOT_EVALUATED' };
    }
    if (improvement + TOLERANCE >= threshold) return { ...base, improvement, outcome: 'PASSED' };
    failures.push(
      strict
        ? `${metric} on ${where}: ${fmt(b.value)} vs champion ${fmt(a.value)}, improvement ${fmt(improvement)} below δ = ${threshold}`
        : `${metric} on ${where}: ${fmt(b.value)} vs champion ${fmt(a.value)}, worse by ${fmt(-improvement)}, more than ε = ${-threshold}`,
    );
    return { ...base, improvement, outcome: 'FAILED' };
  };

  const primary = check(null, minImprovement, true);
  const slices = new Set<string>();
  for (const evaluation of [input.champion.evaluation, input.challenger.evaluation]) {
    for (const v of evaluation?.values ?? []) if (v.slice !== null && v.metric === metric && isProtected(v.slice, config.protectedSlices)) slices.add(v.slice);
  }
  // Slices named exactly are reported even when no evaluation covers them.
  for (const named of config.protectedSlices) if (named.includes('=')) slices.add(named);
  const sliceChecks = [...slices].sort().map((slice) => check(slice, -maxSliceRegression, false));

  return {
    passed: failures.length === 0,
    source: input.source,
    champion: input.champion.version,
    challenger: input.challenger.version,
    championEvaluation: input.champion.evaluation?.id ?? null,
    challengerEvaluation: input.challenger.evaluation?.id ?? null,
    gate: config.gate,
    primary,
    slices: sliceChecks,
    failures,
  };
}
