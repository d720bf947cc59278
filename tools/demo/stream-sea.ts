/**
 * A SEA-style concept switch (Street & Kim 2001): f1, f2, f3 uniform in
 * [0, 10], label f1 + f2 ≤ θ, f3 irrelevant, plus the stream's 5 % label
 * noise. In week 3 θ switches from 10 to 6 on DE only.
 *
 * Why these θs: f1 + f2 has a triangular density on [0, 20], so
 * P(6 < f1 + f2 ≤ 10) = 0.5 − 0.18 = 0.32 of DE's rows change label and v1
 * falls from ~95 % to ~65 % there, far below the monitor's 0.8 on any week of
 * traffic. SEA's original steps (θ 8 → 9 → 7 → 9.5) relabel 8–15 % of rows,
 * which on one slice of three with 5 % noise would be a drift too small to be
 * the test of a retraining loop. θ 10 also keeps the classes balanced before.
 */
import type { DriftStream } from './stream.ts';

export const SEA_THETA = { before: 10, after: 6 } as const;

export function seaStream(theta: { before: number; after: number } = SEA_THETA): DriftStream {
  return {
    name: 'sea',
    drift: `DE's threshold θ switched from ${theta.before} to ${theta.after} (label f1 + f2 ≤ θ)`,
    draw: (random) => ({ f1: 10 * random(), f2: 10 * random(), f3: 10 * random() }),
    concept: ({ f1, f2 }, drifted) => f1! + f2! <= (drifted ? theta.after : theta.before),
    v1Score: ({ f1, f2 }) => 1 / (1 + Math.exp(-1.5 * (theta.before - f1! - f2!))),
    // Both concepts are linear in f1 + f2 with a threshold per country: a logistic model on one-hot countries expresses them exactly.
    training: { family: 'LOGISTIC', params: { epochs: 100, batchSize: 32, learningRate: 0.05, patience: 10 } },
  };
}
