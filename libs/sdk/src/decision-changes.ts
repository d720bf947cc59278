import type { RetrainingDecisionChangedSubscription, RetrainingDecisionQuery } from './__generated__/graphql.ts';
import { follow, type FollowRetry } from './follow.ts';
import type { SubscriptionOptions } from './subscription.ts';

export type RetrainingDecision = RetrainingDecisionQuery['retrainingDecision'];
/** One change of a model's published retraining decision: `previousAction` (null for its first), the new `decision`, what made the loop decide (`trigger`), `at`. */
export type RetrainingDecisionChange = RetrainingDecisionChangedSubscription['retrainingDecisionChanged'];
/** `decisionChanges` takes a subscription's options (it no longer polls: `intervalMs` is gone). */
export type DecisionChangesOptions = SubscriptionOptions;

/**
 * The model's retraining decision now, then each time its published action
 * changes, from the `retrainingDecisionChanged` subscription (no polling),
 * kept open (`follow`). The decision is asked once the subscription is open,
 * so no change falls between the two; after a stream is opened again it is
 * asked again and yielded when its action differs from the last one yielded
 * (a change made while the stream was down arrives that way, once). A change
 * whose action is the one just yielded (the answer already showed it) is not
 * yielded twice. Ends when the signal aborts; a failed ask throws its error.
 */
export function decisionChanges(
  subscribe: (options: SubscriptionOptions) => AsyncGenerator<RetrainingDecisionChange, void, undefined>,
  current: () => Promise<RetrainingDecision>,
  retry: FollowRetry,
  options: DecisionChangesOptions = {},
): AsyncGenerator<RetrainingDecision, void, undefined> {
  let last: string | null = null;
  const next = (decision: RetrainingDecision) => {
    if (decision.action === last) return [];
    last = decision.action;
    return [decision];
  };
  return follow(subscribe, async () => next(await current()), (change) => next(change.decision), retry, options);
}
