import { badInput, type SubgraphContext } from '@tideline/graphql';
import type { Resolvers } from './__generated__/resolvers-types.ts';

/** Resolvers of the loop subgraph, typed by the types codegen generates from its schema. */
export function createResolvers(): Resolvers<SubgraphContext> {
  return {
    Query: {
      loopStatus: (_parent, { name }, ctx) => {
        if (!name.trim()) throw badInput('name must not be empty', 'name');
        return { service: 'loop', greeting: `hello, ${name.trim()}`, project: ctx.project };
      },
    },
  };
}
