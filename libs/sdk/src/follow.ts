import { TidelineError } from './errors.ts';
import { backoffMs, sleep } from './retry-delay.ts';
import type { SubscriptionOptions } from './subscription.ts';

/** How a follower opens its stream again: consecutive failed attempts before the last error is thrown, and the backoff between them. */
export interface FollowRetry {
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

export interface FollowOptions extends SubscriptionOptions {
  /** Called when the stream drops (with the error) or the gateway completes it (without), before it is opened again. */
  onDropped?: (error?: TidelineError) => void;
}

/** What a stream the gateway or the network dropped ends with: worth opening again. Anything else (a bad key) is thrown. */
const dropped = (err: unknown) =>
  err instanceof TidelineError && (err.code === 'SUBSCRIPTION_CLOSED' || err.code === 'NETWORK_ERROR' || err.status === 429 || (err.status ?? 0) >= 502);

/**
 * A subscription kept open: after each opening, what `opened()` returns (the
 * state now, read once the stream is open so nothing falls between the two),
 * then for each event what `received` returns. A stream that drops (or that
 * the gateway completes, as it does when stopping) is opened again with
 * backoff; after `retry.maxAttempts` failures in a row the last error is
 * thrown, and an error no retry can mend at once. Ends when the signal
 * aborts; `onOpen` is called at each opening.
 */
export async function* follow<E, T>(
  subscribe: (options: SubscriptionOptions) => AsyncGenerator<E, void, undefined>,
  opened: () => Promise<T[]>,
  received: (event: E) => T[],
  retry: FollowRetry,
  options: FollowOptions = {},
): AsyncGenerator<T, void, undefined> {
  for (let failures = 0; !options.signal?.aborted; await sleep(backoffMs(failures, retry.baseMs, retry.maxMs), options.signal)) {
    let markOpen = () => {};
    const open = new Promise<'open'>((resolve) => (markOpen = () => resolve('open')));
    // Leaving early must end the subscription's pending read too (an async generator's return waits for it otherwise).
    const leave = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, leave.signal]) : leave.signal;
    const events = subscribe({ signal, onOpen: () => (options.onOpen?.(), markOpen()) });
    // Marked handled at once: a drop while `opened()` reads is thrown where `pending` is awaited, not as unhandled.
    const nextEvent = () => {
      const read = events.next();
      read.catch(() => undefined);
      return read;
    };
    let pending = nextEvent();
    try {
      const first = await Promise.race([open, pending]);
      if (first !== 'open') {
        if (first.done) return; // aborted before it opened
        pending = Promise.resolve(first);
      }
      const now = await opened();
      failures = 0;
      yield* now;
      for (let next = await pending; !next.done; next = await pending) {
        pending = nextEvent();
        yield* received(next.value);
      }
      if (options.signal?.aborted) return;
      options.onDropped?.();
    } catch (err) {
      if (options.signal?.aborted) return;
      if (!dropped(err) || ++failures >= retry.maxAttempts) throw err;
      options.onDropped?.(err as TidelineError);
    } finally {
      leave.abort();
      await pending.catch(() => undefined);
      await events.return();
    }
  }
}
