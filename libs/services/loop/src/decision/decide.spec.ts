import { describe, expect, it } from 'vitest';
import { decide } from './decide.ts';
import type { AlertEvidence, ChallengerEvidence, Comparison, Evidence } from './evidence-types.ts';
import { REASON_CODES, type ReasonCode } from './reasons.ts';
import { DEFAULT_RULES, decisionRules } from './rules.ts';

const NOW = '2026-03-10T00:00:00.000Z';
const HOUR = 3_600_000;
const at = (hoursBefore: number) => new Date(Date.parse(NOW) - hoursBefore * HOUR).toISOString();

/** A healthy champion: 0.9 accuracy on 1000 labels against a 0.9 reference, 800 labels since training, nothing firing. */
function evidence(over: Partial<Evidence> = {}): Evidence {
  return {
    model: 'churn',
    decidedAt: NOW,
    window: { from: at(168), to: NOW },
    champion: 'v1',
    gate: { minImprovement: 0.01, maxSliceRegression: 0.02, minSamples: 100 },
    openAlerts: [],
    performance: {
      metric: 'ACCURACY',
      metricSource: 'REGISTRATION',
      version: 'v1',
      predictionCount: 5000,
      current: { value: 0.9, labeledCount: 1000 },
      reference: { value: 0.9, labeledCount: 1000, window: { from: at(336), to: at(168) }, source: 'PRECEDING' },
      estimate: null,
      estimateUnavailable: 'the window has labels enough',
      slices: [{ field: 'tags.country', value: 'BR', current: { value: 0.9, labeledCount: 400 }, reference: { value: 0.9, labeledCount: 400 } }],
    },
    labels: { since: at(500), sinceSource: 'TRAINING_RUN', count: 800 },
    challengers: [],
    lastPromotion: null,
    ...over,
  };
}

const alert = (over: Partial<AlertEvidence> = {}): AlertEvidence => ({
  id: 'a1',
  monitorName: 'accuracy by country',
  kind: 'METRIC',
  metric: 'ACCURACY',
  slice: [{ field: 'tags.country', value: 'BR' }],
  value: 0.6,
  threshold: 0.8,
  severity: 'WARNING',
  state: 'FIRING',
  firedAt: at(2),
  ...over,
});

const comparison = (over: Partial<Comparison> = {}): Comparison => ({
  metric: 'ACCURACY',
  test: 'MCNEMAR',
  baselineValue: 0.8,
  candidateValue: 0.9,
  difference: 0.1,
  pValue: 0.001,
  pairedCount: 500,
  labeledPairedCount: 500,
  ...over,
});

const challenger = (over: Partial<ChallengerEvidence> = {}, primary: Partial<Comparison> = {}): ChallengerEvidence => {
  const c = comparison(primary);
  return { version: 'v2', stage: 'CANDIDATE', primary: c, significance: c, slices: [{ slice: 'tags.country=BR', comparison: comparison({ difference: 0.05 }) }], ...over };
};

const codes = (e: Evidence, rules = DEFAULT_RULES) => decide(e, rules).reasons.map((r) => r.code);
const seen = new Set<ReasonCode>();
const expectCodes = (e: Evidence, expected: ReasonCode[], rules = DEFAULT_RULES) => {
  const got = codes(e, rules);
  expected.forEach((c) => seen.add(c));
  expect(got).toEqual(expected);
};

describe('decide: HOLD', () => {
  it('is HEALTHY with nothing firing and no drop, confident as a measured figure', () => {
    const d = decide(evidence(), DEFAULT_RULES);
    expect(d).toMatchObject({ action: 'HOLD', confidence: 0.8, candidate: null, rollbackTo: null, basedOn: { labeledCount: 1000, estimated: false } });
    expectCodes(evidence(), ['HEALTHY']);
    expect(d.reasons[0]!.evidence).toMatchObject({ metric: 'ACCURACY', value: 0.9, referenceValue: 0.9, estimated: false });
  });

  it('is INSUFFICIENT_EVIDENCE, confidence 0, with too few labels and no estimate, or no traffic', () => {
    const few = evidence({ performance: { ...evidence().performance, current: { value: 0.5, labeledCount: 99 }, estimateUnavailable: 'no calibrated reference' } });
    const d = decide(few, DEFAULT_RULES);
    expect(d).toMatchObject({ action: 'HOLD', confidence: 0, basedOn: { labeledCount: 99, estimated: false } });
    expectCodes(few, ['INSUFFICIENT_EVIDENCE']);
    expect(d.reasons[0]!.evidence).toMatchObject({ labeledCount: 99, minLabeled: 100, estimateUnavailable: 'no calibrated reference' });
    // Exactly minLabeled labels are enough to judge.
    expectCodes(evidence({ performance: { ...evidence().performance, current: { value: 0.9, labeledCount: 100 } } }), ['HEALTHY']);
    const none = evidence({ performance: { ...evidence().performance, predictionCount: 0, current: { value: null, labeledCount: 0 } } });
    expect(decide(none, DEFAULT_RULES).reasons[0]!.message).toMatch(/no predictions of v1 in the window/);
  });

  it('judges an estimate where labels are missing, and says the basis is estimated', () => {
    const e = evidence({ performance: { ...evidence().performance, current: { value: null, labeledCount: 3 }, estimate: 0.88, estimateUnavailable: null } });
    const d = decide(e, DEFAULT_RULES);
    expect(d).toMatchObject({ action: 'HOLD', confidence: 0.6, basedOn: { labeledCount: 3, estimated: true } });
    expect(d.reasons[0]).toMatchObject({ code: 'HEALTHY', evidence: { estimated: true, value: 0.88 } });
  });

  it('holds for NOT_ENOUGH_NEW_LABELS when a trigger fires with fewer than minNewLabels labels since training', () => {
    const e = evidence({ openAlerts: [alert()], labels: { since: at(10), sinceSource: 'TRAINING_RUN', count: 499 } });
    const d = decide(e, DEFAULT_RULES);
    expect(d.action).toBe('HOLD');
    expectCodes(e, ['NOT_ENOUGH_NEW_LABELS', 'PERFORMANCE_ALERT']);
    expect(d.reasons[0]!.evidence).toMatchObject({ labeledSinceTraining: 499, minNewLabels: 500, sinceSource: 'TRAINING_RUN' });
    // The policy's own threshold applies.
    expect(decide(e, decisionRules({ minNewLabels: 499 })).action).toBe('RETRAIN');
  });

  it('holds on a DATA_QUALITY_ALERT rather than retrain on broken inputs', () => {
    const dq = alert({ id: 'dq', kind: 'DATA_QUALITY', metric: 'NULL_RATE(features.x1)', value: 0.4, threshold: 0.1 });
    expectCodes(evidence({ openAlerts: [dq, alert()] }), ['DATA_QUALITY_ALERT', 'PERFORMANCE_ALERT']);
    expect(decide(evidence({ openAlerts: [dq, alert()] }), DEFAULT_RULES).action).toBe('HOLD');
    expectCodes(evidence({ openAlerts: [dq] }), ['DATA_QUALITY_ALERT']);
  });
});

describe('decide: RETRAIN', () => {
  it('on a firing performance monitor with enough new labels (exactly minNewLabels)', () => {
    const e = evidence({ openAlerts: [alert({ severity: 'CRITICAL' })], labels: { since: at(10), sinceSource: 'DATASET_WINDOW', count: 500 } });
    const d = decide(e, DEFAULT_RULES);
    expect(d).toMatchObject({ action: 'RETRAIN', confidence: 0.95 });
    expectCodes(e, ['PERFORMANCE_ALERT', 'NEW_LABELS']);
    expect(d.reasons[0]!.evidence).toMatchObject({ alerts: [{ id: 'a1', kind: 'METRIC', slice: [{ field: 'tags.country', value: 'BR' }], severity: 'CRITICAL' }] });
  });

  it('on drift and estimated-performance monitors, combining independent signals', () => {
    const e = evidence({ openAlerts: [alert({ id: 'd', kind: 'DRIFT', metric: 'PSI(features.x1)', severity: 'INFO' }), alert({ id: 'e', kind: 'ESTIMATED', metric: 'ESTIMATED_ACCURACY' })] });
    expectCodes(e, ['ESTIMATED_PERFORMANCE_ALERT', 'DRIFT_ALERT', 'NEW_LABELS']);
    // 1 − (1 − 0.8)(1 − 0.6)
    expect(decide(e, DEFAULT_RULES).confidence).toBeCloseTo(0.92, 10);
  });

  it('on a realized drop of maxDrop or more, overall and on a protected slice', () => {
    const p = evidence().performance;
    const drop = (value: number) => evidence({ performance: { ...p, current: { value, labeledCount: 1000 } } });
    expectCodes(drop(0.85), ['PERFORMANCE_DROP', 'NEW_LABELS']);
    expect(decide(drop(0.85), DEFAULT_RULES).reasons[0]!.evidence).toMatchObject({ drop: expect.closeTo(0.05, 9), referenceValue: 0.9, maxDrop: 0.05 });
    expectCodes(drop(0.8501), ['HEALTHY']);
    const slice = evidence({ performance: { ...p, slices: [{ field: 'tags.country', value: 'BR', current: { value: 0.7, labeledCount: 100 }, reference: { value: 0.9, labeledCount: 400 } }] } });
    expectCodes(slice, ['SLICE_PERFORMANCE_DROP', 'NEW_LABELS']);
    // A slice with too few labels is not judged.
    const thin = evidence({ performance: { ...p, slices: [{ field: 'tags.country', value: 'BR', current: { value: 0.1, labeledCount: 99 }, reference: { value: 0.9, labeledCount: 400 } }] } });
    expectCodes(thin, ['HEALTHY']);
  });

  it('on a lower-is-better metric, a rise is the drop', () => {
    const p = evidence().performance;
    const e = evidence({ performance: { ...p, metric: 'LOG_LOSS', current: { value: 0.5, labeledCount: 1000 }, reference: { ...p.reference!, value: 0.4 }, slices: [] } });
    expectCodes(e, ['PERFORMANCE_DROP', 'NEW_LABELS']);
  });

  it('on an estimated drop when labels are missing, saying the basis is estimated', () => {
    const e = evidence({ performance: { ...evidence().performance, current: { value: null, labeledCount: 10 }, estimate: 0.7, estimateUnavailable: null } });
    const d = decide(e, DEFAULT_RULES);
    expect(d).toMatchObject({ action: 'RETRAIN', confidence: 0.6, basedOn: { estimated: true } });
    expectCodes(e, ['ESTIMATED_PERFORMANCE_DROP', 'NEW_LABELS']);
  });
});

describe('decide: PROMOTE', () => {
  it('a challenger better by δ with p < 0.05 on minSamples labeled pairs and no slice worse than ε', () => {
    const e = evidence({ challengers: [challenger({}, { labeledPairedCount: 100 })] });
    const d = decide(e, DEFAULT_RULES);
    expect(d).toMatchObject({ action: 'PROMOTE', candidate: 'v2', confidence: 0.999 });
    expectCodes(e, ['CHALLENGER_BETTER']);
    expect(d.reasons[0]!.evidence).toMatchObject({ challenger: 'v2', champion: 'v1', primary: { improvement: 0.1, labeledPairedCount: 100 }, slices: [{ slice: 'tags.country=BR', outcome: 'PASSED' }] });
  });

  it('refuses one pair short of minSamples, p = 0.05 exactly, and an improvement under δ', () => {
    expectCodes(evidence({ challengers: [challenger({}, { labeledPairedCount: 99 })] }), ['HEALTHY', 'CHALLENGER_TOO_FEW_PAIRS']);
    expectCodes(evidence({ challengers: [challenger({}, { pValue: 0.05 })] }), ['HEALTHY', 'CHALLENGER_NOT_SIGNIFICANT']);
    expect(decide(evidence({ challengers: [challenger({}, { pValue: 0.0499 })] }), DEFAULT_RULES).action).toBe('PROMOTE');
    expectCodes(evidence({ challengers: [challenger({}, { difference: 0.0099 })] }), ['HEALTHY', 'CHALLENGER_NOT_BETTER']);
    // δ exactly, in floating point (0.82 − 0.81 is not quite 0.01).
    expect(decide(evidence({ challengers: [challenger({}, { difference: 0.82 - 0.81 })] }), DEFAULT_RULES).action).toBe('PROMOTE');
  });

  it('refuses a challenger worse than ε on a protected slice, and accepts ε exactly', () => {
    const on = (difference: number, labeledPairedCount = 200) => evidence({ challengers: [challenger({ slices: [{ slice: 'tags.country=DE', comparison: comparison({ difference, labeledPairedCount }) }] })] });
    expectCodes(on(-0.0201), ['HEALTHY', 'CHALLENGER_SLICE_REGRESSION']);
    expect(decide(on(-0.02), DEFAULT_RULES).action).toBe('PROMOTE');
    // A slice with too few pairs is not judged (as the registry's gate).
    expect(decide(on(-0.5, 99), DEFAULT_RULES).reasons[0]!.evidence).toMatchObject({ slices: [{ outcome: 'INSUFFICIENT_SAMPLES' }] });
  });

  it('uses the rules gate when the model is not registered, and the best of several challengers', () => {
    const e = evidence({ gate: null, challengers: [challenger({ version: 'v2' }, { difference: 0.005 }), challenger({ version: 'v3' }, { difference: 0.03 })] });
    expect(decide(e, DEFAULT_RULES)).toMatchObject({ action: 'PROMOTE', candidate: 'v3' });
    expect(decide(e, decisionRules({ gate: { minImprovement: 0.05 } })).action).toBe('HOLD');
  });

  it('outranks RETRAIN: a better challenger is the answer to a firing monitor', () => {
    const e = evidence({ openAlerts: [alert()], challengers: [challenger()] });
    expect(decide(e, DEFAULT_RULES).action).toBe('PROMOTE');
  });
});

describe('decide: ROLLBACK', () => {
  const promoted = (alerts: AlertEvidence[], over: Partial<Evidence['lastPromotion'] & object> = {}) =>
    evidence({ champion: 'v2', openAlerts: alerts.filter((a) => a.state === 'FIRING'), lastPromotion: { version: 'v2', promotedAt: at(5), previousChampion: 'v1', rollback: false, alertsSince: alerts, ...over } });

  it('when a monitor fires within the watch period after a promotion, to the previous champion', () => {
    const e = promoted([alert({ firedAt: at(1), severity: 'CRITICAL' })]);
    const d = decide(e, DEFAULT_RULES);
    expect(d).toMatchObject({ action: 'ROLLBACK', rollbackTo: 'v1', confidence: 0.95 });
    expectCodes(e, ['WATCH_PERIOD_ALERT']);
    expect(d.reasons[0]!.evidence).toMatchObject({ promotedVersion: 'v2', previousChampion: 'v1', alerts: [{ id: 'a1' }] });
  });

  it('outranks PROMOTE and ignores data-quality monitors and alerts from before the promotion', () => {
    expect(decide({ ...promoted([alert({ firedAt: at(1) })]), challengers: [challenger({ version: 'v3' })] }, DEFAULT_RULES).action).toBe('ROLLBACK');
    expect(decide(promoted([alert({ firedAt: at(1), kind: 'DATA_QUALITY' })]), DEFAULT_RULES).action).toBe('HOLD');
    expect(decide(promoted([alert({ firedAt: at(6) })]), DEFAULT_RULES).action).not.toBe('ROLLBACK');
    // Alerts carry their window's end to the second: one of the promotion's own second counts, one of the second before does not.
    const inSecond = (firedAt: string, promotedAt: string) => decide({ ...promoted([alert({ firedAt })]), lastPromotion: { ...promoted([]).lastPromotion!, promotedAt, alertsSince: [alert({ firedAt })] } }, DEFAULT_RULES).action;
    expect(inSecond('2026-03-09T20:00:00.000Z', '2026-03-09T20:00:00.700Z')).toBe('ROLLBACK');
    expect(inSecond('2026-03-09T19:59:59.000Z', '2026-03-09T20:00:00.700Z')).not.toBe('ROLLBACK');
  });

  it('after the watch period, only for an alert fired in it and still firing; never without a previous champion or after a rollback', () => {
    const rules = decisionRules({ watchPeriodMs: 4 * HOUR });
    expect(decide(promoted([alert({ firedAt: at(2) })]), rules).action).toBe('ROLLBACK');
    expect(decide(promoted([alert({ firedAt: at(2), state: 'RESOLVED' })]), rules).action).not.toBe('ROLLBACK');
    expect(decide(promoted([alert({ firedAt: at(0.5) })]), rules).action).not.toBe('ROLLBACK');
    expect(decide(promoted([alert({ firedAt: at(1) })], { previousChampion: null }), DEFAULT_RULES).action).toBe('RETRAIN');
    expect(decide(promoted([alert({ firedAt: at(1) })], { rollback: true }), DEFAULT_RULES).action).toBe('RETRAIN');
  });
});

it('every reason code is produced by some case above', () => {
  expect([...seen].sort()).toEqual([...REASON_CODES].sort());
});
