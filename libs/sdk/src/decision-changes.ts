import type { RetrainingDecisionChangedSubscription, RetrainingDecisionQuery } from './__generated__/graphql.ts';
import type { SubscriptionOptions } from './subscription.ts';

export type RetrainingDecision = RetrainingDecisionQuery['retrainingDecision'];
/** One change of a model's published retraining decision: `previousAction` (null for its first), the new `decision`, what made the loop decide (`trigger`), `at`. */
export type RetrainingDecisionChange = RetrainingDecisionChangedSubscription['retrainingDecisionChanged'];
/** `decisionChanges` takes a subscription's options (it no longer polls: `intervalMs` is gone). */
export type DecisionChangesOptions = SubscriptionOptions;

/**
 * The model's retraining decision now, then each time its published action
 * changes, from the `retrainingDecisionChanged` subscription (no polling).
 * The current decision is asked once the subscription is open, so no change
 * falls between the two; a change the answer already shows (the loop
 * published it while answering) is not yielded twice. Ends when the signal
 * aborts; a subscription the server or network ends throws
 * `SUBSCRIPTION_CLOSED`, and a failed ask throws its error.
 */
export async function* decisionChanges(
  subscribe: (options: SubscriptionOptions) => AsyncGenerator<RetrainingDecisionChange, void, undefined>,
  current: () => Promise<RetrainingDecision>,
  options: DecisionChangesOptions = {},
): AsyncGenerator<RetrainingDecision, void, undefined> {
  let opened = () => {};
  const open = new Promise<'open'>((resolve) => (opened = () => resolve('open')));
  // Leaving early must end the subscription's pending read too (an async generator's return waits for it otherwise).
  const leave = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, leave.signal]) : leave.signal;
  const changes = subscribe({ signal, onOpen: () => (options.onOpen?.(), opened()) });
  let pending = changes.next();
  try {
    // The subscription may end (an abort, a refusal) before it opens: then there is nothing to yield.
    const first = await Promise.race([open, pending]);
    if (first !== 'open') {
      if (first.done) return;
      pending = Promise.resolve(first);
    }
    const now = await current();
    let last = now.action;
    yield now;
    for (;;) {
      const next = await pending;
      if (next.done) return;
      // Changes alternate actions: one with the action just yielded is the change the answer already showed.
      if (next.value.decision.action !== last) {
        last = next.value.decision.action;
        yield next.value.decision;
      }
      pending = changes.next();
    }
  } finally {
    leave.abort();
    await pending.catch(() => undefined);
    await changes.return();
  }
}
