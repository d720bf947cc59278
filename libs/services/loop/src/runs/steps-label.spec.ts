import { describe, expect, it } from 'vitest';
import { labelingOf } from './policy.ts';
import type { LoopRunRecord } from './run-types.ts';
import { labelsNeeded, withLabelShortfall } from './steps-label.ts';

describe('labelsNeeded', () => {
  it('is ceil(waitFor × picks), without floating-point surprises', () => {
    expect(labelsNeeded(0.07, 100)).toBe(7); // 0.07 × 100 is 7.000000000000001 in floating point
    expect(labelsNeeded(0.14, 150)).toBe(21); // 21.000000000000004
    expect(labelsNeeded(0.9, 60)).toBe(54);
    expect(labelsNeeded(0.9, 61)).toBe(55); // 54.9 rounds up: at least the share asked for
    expect(labelsNeeded(1, 60)).toBe(60);
    expect(labelsNeeded(0, 60)).toBe(0);
    expect(labelsNeeded(0.5, 0)).toBe(0);
  });
});

describe('labelingOf', () => {
  it('reads a policy stored before the label step waited as waitFor 0', () => {
    const stored = { labeling: { strategy: 'RANDOM', budget: 10, window: '7d' } } as never;
    expect(labelingOf(stored)).toEqual({ strategy: 'RANDOM', budget: 10, window: '7d', waitFor: 0, maxWait: '24h', onTimeout: 'PROCEED' });
    expect(labelingOf({ labeling: null })).toBeNull();
  });
});

describe('withLabelShortfall', () => {
  const output = { requestId: 'r1', picks: 60, waitFor: 0.9, labelsNeeded: 54, labeledCount: 12, maxWait: '2s', deadline: '2026-12-01T00:00:02.000Z', waitedMs: 2100 };
  const run = (timedOut: boolean) => ({ steps: [{ name: 'label', output: { ...output, timedOut } }] }) as unknown as LoopRunRecord;
  const promote = { action: 'PROMOTE' as const, reasons: [{ code: 'GATE_PASSED', message: 'passed', evidence: {} }] };

  it('adds LABEL_WAIT_TIMED_OUT, once, to the decision of a run that went on with fewer labels', () => {
    const noted = withLabelShortfall(run(true), promote)!;
    expect(noted.reasons.map((r) => r.code)).toEqual(['GATE_PASSED', 'LABEL_WAIT_TIMED_OUT']);
    expect(noted.reasons[1]!.evidence).toEqual({ requestId: 'r1', picks: 60, waitFor: 0.9, labelsNeeded: 54, labeledCount: 12, maxWait: '2s', deadline: output.deadline, waitedMs: 2100 });
    expect(noted.reasons[1]!.message).toContain('12 of the 60 rows request r1 picked were labeled within maxWait 2s; 54 were needed');
    expect(withLabelShortfall(run(true), noted)).toEqual(noted);
  });

  it('leaves a decision alone when the labels arrived, and no decision stays none', () => {
    expect(withLabelShortfall(run(false), promote)).toBe(promote);
    expect(withLabelShortfall(run(true), null)).toBeNull();
    expect(withLabelShortfall({ steps: [] } as unknown as LoopRunRecord, promote)).toBe(promote);
  });
});
