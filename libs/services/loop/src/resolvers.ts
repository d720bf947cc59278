import { MODEL_NAME_PATTERN } from '@tideline/contracts';
import { badInput, type SubgraphContext } from '@tideline/graphql';
import type { Resolvers } from './__generated__/resolvers-types.ts';
import type { DecisionLedger } from './decision/ledger.ts';
import type { Decisions } from './decision/redecide.ts';
import type { ActionDeps } from './runs/actions.ts';
import { runResolvers } from './runs/resolvers.ts';

/** Resolvers of the loop subgraph, typed by the types codegen generates from its schema. */
export function createResolvers(o: { decisions: Decisions; ledger: DecisionLedger; runs: ActionDeps }): Resolvers<SubgraphContext> {
  const runs = runResolvers(o.runs);
  return {
    ...runs,
    Query: {
      ...runs.Query,
      retrainingDecision: (_parent, { model }, { project }) => {
        if (!MODEL_NAME_PATTERN.test(model)) throw badInput("model must be 1 to 128 letters, digits, '_', '.' or '-', starting with a letter or digit", 'model');
        // Asking decides now, and publishes the answer too if its action changed: the API and the events never disagree.
        return o.decisions.decide(project, model, 'QUERY');
      },
    },
    RetrainingDecisionChange: {
      // The gateway serves retrainingDecisionChanged from the ledger's NATS payload and asks here only for fields it lacked.
      __resolveReference: (ref, { project }) => o.ledger.change(project, ref.id),
    },
  };
}
