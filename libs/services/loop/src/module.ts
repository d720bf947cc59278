import { defineService } from '@tideline/service';
import { createResolvers } from './resolvers.ts';

/** the continual-learning loop: the retraining decision (retrain, promote, roll back or hold) from the evidence the platform holds */
export const loopModule = defineService({
  name: 'loop',
  doc: 'the continual-learning loop: the retraining decision (retrain, promote, roll back or hold) from the evidence the platform holds',
  source: import.meta.url,
  subgraph: true,
  async start() {
    return { resolvers: createResolvers() };
  },
});
