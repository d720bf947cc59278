import { defineService } from '@tideline/service';
import { createResolvers } from './resolvers.ts';

/** the trainer service */
export const trainerModule = defineService({
  name: 'trainer',
  doc: 'the trainer service',
  source: import.meta.url,
  subgraph: true,
  async start() {
    return { resolvers: createResolvers() };
  },
});
