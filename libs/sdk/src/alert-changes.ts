import type { AlertEventsSubscription, AlertsQuery } from './__generated__/graphql.ts';
import { TidelineError } from './errors.ts';
import { backoffMs, sleep } from './retry-delay.ts';
import type { SubscriptionOptions } from './subscription.ts';

/** One alert firing or resolving: `id` is `<alert id>.FIRED` or `.RESOLVED`, `at` when it happened. */
export type AlertChange = AlertEventsSubscription['alertEvents'];
type Alert = AlertsQuery['alerts'][number];

export interface AlertChangesDeps {
  subscribe(options: SubscriptionOptions): AsyncGenerator<AlertChange, void, undefined>;
  /** The model's alerts in `state` (fired at or after `since`), newest first, up to the API's 1,000. */
  list(state: 'FIRING' | 'RESOLVED', since?: string): Promise<Alert[]>;
  /** Consecutive failed attempts to open the stream again before the last error is thrown, and the backoff between them. */
  retry: { maxAttempts: number; baseMs: number; maxMs: number };
}

/** What a stream the gateway or the network dropped ends with: worth opening again. Anything else (a bad key) is thrown. */
const dropped = (err: unknown) =>
  err instanceof TidelineError && (err.code === 'SUBSCRIPTION_CLOSED' || err.code === 'NETWORK_ERROR' || err.status === 429 || (err.status ?? 0) >= 502);

interface AlertFacts {
  id: string;
  firedAt: string;
  resolvedAt?: string | null;
}
/** An alert event over any selection of an alert's fields that has these. */
export interface AlertEventOf<A extends AlertFacts> {
  id: string;
  type: 'FIRED' | 'RESOLVED';
  at: string;
  alert: A;
}

/**
 * What a follower of alerts has reported: the event ids it yielded (each
 * once) and the alerts it knows to be firing. Shared by `alertChanges` and
 * the CLI's `watch`, which differ only in how they print and reconnect.
 */
export class AlertLedger<A extends AlertFacts> {
  private readonly seen = new Set<string>();
  private readonly firing = new Map<string, A>();

  /** `[event]`, unless it was yielded already or resolves an alert never reported firing. */
  fresh(event: AlertEventOf<A>): AlertEventOf<A>[] {
    if (this.seen.has(event.id)) return [];
    this.seen.add(event.id);
    if (this.seen.size > 10_000) this.seen.delete(this.seen.values().next().value!);
    if (event.type === 'FIRED') this.firing.set(event.alert.id, event.alert);
    else if (!this.firing.delete(event.alert.id)) return [];
    return [event];
  }

  /** Alerts known to be firing without being yielded (for a follower to which what already fires is not news). */
  know(alerts: readonly A[]): void {
    for (const a of alerts) this.firing.set(a.id, a);
  }

  /**
   * After the stream (re)opened: the firing alerts (`list`, newest first, up to
   * 1,000) not yet known, as FIRED events oldest first, then RESOLVED for those
   * known that no longer fire, read among those resolved since they fired.
   */
  async caughtUp(list: (state: 'FIRING' | 'RESOLVED', since?: string) => Promise<A[]>): Promise<AlertEventOf<A>[]> {
    const now = await list('FIRING');
    const events = [...now].reverse().flatMap((a) => (this.firing.has(a.id) ? [] : this.fresh(eventOf('FIRED', a))));
    const gone = [...this.firing.values()].filter((a) => !now.some((n) => n.id === a.id));
    if (gone.length === 0) return events;
    const resolved = await list('RESOLVED', gone.map((a) => a.firedAt).sort()[0]);
    for (const a of gone) {
      const found = resolved.find((r) => r.id === a.id);
      if (found) events.push(...this.fresh(eventOf('RESOLVED', found)));
      else this.firing.delete(a.id); // past the last 1,000 resolved since: no longer followed
    }
    return events;
  }
}

const eventOf = <A extends AlertFacts>(type: 'FIRED' | 'RESOLVED', alert: A): AlertEventOf<A> => ({
  id: `${alert.id}.${type}`,
  type,
  at: type === 'FIRED' ? alert.firedAt : alert.resolvedAt!,
  alert,
});

/**
 * The alerts firing now (as FIRED events, oldest first), then each alert that
 * fires or resolves, kept open: a stream that drops is opened again with
 * backoff, and the firing alerts read again: one that fired meanwhile is
 * yielded FIRED, one yielded FIRED that no longer fires RESOLVED. Each event
 * is yielded once, whether pushed or read back; a RESOLVED only for an alert
 * yielded FIRED. Ends when the signal aborts; `onOpen` is called at each
 * opening.
 */
export async function* alertChanges(deps: AlertChangesDeps, options: SubscriptionOptions = {}): AsyncGenerator<AlertChange, void, undefined> {
  const ledger = new AlertLedger<Alert>();
  for (let failures = 0; !options.signal?.aborted; await sleep(backoffMs(failures, deps.retry.baseMs, deps.retry.maxMs), options.signal)) {
    let opened = () => {};
    const open = new Promise<'open'>((resolve) => (opened = () => resolve('open')));
    // Leaving early must end the subscription's pending read too (an async generator's return waits for it otherwise).
    const leave = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, leave.signal]) : leave.signal;
    const events = deps.subscribe({ signal, onOpen: () => (options.onOpen?.(), opened()) });
    // Marked handled at once: a drop while the alerts are read is thrown where `pending` is awaited, not as unhandled.
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
      // Read once the stream is open, so nothing falls between the two.
      const now = await ledger.caughtUp(deps.list);
      failures = 0;
      yield* now;
      for (let next = await pending; !next.done; next = await pending) {
        pending = nextEvent();
        yield* ledger.fresh(next.value) as AlertChange[];
      }
      // Completed by the gateway (it is stopping): opened again like a drop.
    } catch (err) {
      if (options.signal?.aborted) return;
      if (!dropped(err) || ++failures >= deps.retry.maxAttempts) throw err;
    } finally {
      leave.abort();
      await pending.catch(() => undefined);
      await events.return();
    }
  }
}
