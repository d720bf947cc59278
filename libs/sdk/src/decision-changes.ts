import type { RetrainingDecisionQuery } from './__generated__/graphql.ts';
import { sleep } from './retry-delay.ts';
import type { SubscriptionOptions } from './subscription.ts';

export type RetrainingDecision = RetrainingDecisionQuery['retrainingDecision'];

export interface DecisionChangesOptions extends SubscriptionOptions {
  /** How often to ask for the decision. @default 30000 */
  intervalMs?: number;
}

/** What makes a decision a change: what a downstream system would act on. */
const gist = (d: RetrainingDecision) => JSON.stringify([d.action, d.candidate, d.rollbackTo, d.reasons.map((r) => r.code)]);

/**
 * The model's retraining decision each time its action, candidate, rollback
 * target or reason codes change, the first one included. The API has no
 * subscription for decisions (they are published on NATS for services), so
 * this asks `retrainingDecision` every `intervalMs`; each ask also makes the
 * loop service decide again. Ends when the signal aborts; a failed ask throws.
 */
export async function* pollDecisionChanges(
  decide: () => Promise<RetrainingDecision>,
  options: DecisionChangesOptions = {},
): AsyncGenerator<RetrainingDecision, void, undefined> {
  const intervalMs = options.intervalMs ?? 30_000;
  let last: string | undefined;
  while (!options.signal?.aborted) {
    const decision = await decide();
    if (gist(decision) !== last) {
      last = gist(decision);
      yield decision;
    }
    await sleep(intervalMs, options.signal);
  }
}
