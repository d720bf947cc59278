import type { AlertEventsSubscription, AlertsQuery } from './__generated__/graphql.ts';
import { follow, type FollowRetry } from './follow.ts';
import type { SubscriptionOptions } from './subscription.ts';

/** One alert firing or resolving: `id` is `<alert id>.FIRED` or `.RESOLVED`, `at` when it happened. */
export type AlertChange = AlertEventsSubscription['alertEvents'];
type Alert = AlertsQuery['alerts'][number];

export interface AlertChangesDeps {
  subscribe(options: SubscriptionOptions): AsyncGenerator<AlertChange, void, undefined>;
  /** The model's alerts in `state` (fired at or after `since`), newest first, up to the API's 1,000. */
  list(state: 'FIRING' | 'RESOLVED', since?: string): Promise<Alert[]>;
  retry: FollowRetry;
}

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
 * fires or resolves, kept open (`follow`): after a stream is opened again the
 * firing alerts are read again: one that fired meanwhile is yielded FIRED,
 * one yielded FIRED that no longer fires RESOLVED. Each event is yielded
 * once, whether pushed or read back; a RESOLVED only for an alert yielded
 * FIRED.
 */
export function alertChanges(deps: AlertChangesDeps, options: SubscriptionOptions = {}): AsyncGenerator<AlertChange, void, undefined> {
  const ledger = new AlertLedger<Alert>();
  return follow(deps.subscribe, () => ledger.caughtUp(deps.list), (event) => ledger.fresh(event) as AlertChange[], deps.retry, options);
}
