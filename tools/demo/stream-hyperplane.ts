/**
 * The rotating hyperplane (Hulten et al. 2001, in two dimensions): churn when
 * x1 > 0, x1 and x2 uniform in [-2, 2]. In week 3 DE's hyperplane turns by
 * `rotation` radians about the origin: π flips its rule (the demo's, churn
 * when x1 < 0); 2π/3 relabels the rows between the two planes, 120/180 = two
 * thirds of DE's rows, which takes v1 to about 35 % on DE.
 */
import type { DriftStream } from './stream.ts';

export function hyperplaneStream(rotation: number): DriftStream {
  return {
    name: 'hyperplane',
    drift: `DE's churn rule turned by ${Math.round((rotation * 180) / Math.PI)}°`,
    draw: (random) => ({ x1: 4 * random() - 2, x2: 4 * random() - 2 }),
    concept: ({ x1, x2 }, drifted) => (drifted ? Math.cos(rotation) * x1! + Math.sin(rotation) * x2! : x1!) > 0,
    v1Score: ({ x1 }) => 1 / (1 + Math.exp(-3 * x1!)),
    // DE's plane has its own slope after the turn: a logistic model on one-hot countries (one slope for all) cannot express it.
    training: { family: 'MLP', params: { epochs: 60, hidden: [16], batchSize: 32, learningRate: 0.02, patience: 8 } },
  };
}
