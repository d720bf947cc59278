/**
 * `tideline watch MODEL`: alerts, loop events and monitors that start or stop
 * failing, live, until Ctrl-C. Each of its three subscriptions is kept open:
 * one the gateway or the network drops is opened again with backoff, and what
 * changed meanwhile is printed then — alerts that fired or resolved (read from
 * `alerts`) and monitors whose outcome changed (from `monitors`). Loop events
 * are not replayed; stderr says so after a drop.
 */
import { AlertLedger, follow, type AlertEventOf } from '@tideline/sdk/transport';
import { expectPositional, parseArgs } from './args.ts';
import { clientFromArgs, type Client } from './client.ts';
import type { Io } from './command.ts';

interface Alert {
  id: string;
  metric: string;
  value: number | null;
  threshold: number;
  severity: string;
  firedAt: string;
  resolvedAt: string | null;
  slice: { field: string; value: string | null }[] | null;
}
interface MonitorEvaluation {
  id: string;
  name: string;
  status: { evaluatedAt: string; outcome: string; error: string | null } | null;
}
interface LoopEvent {
  type: string;
  at: string;
  step: string | null;
  detail: string | null;
  run: { id: string; status: string } | null;
}

const ALERT = 'id metric value threshold severity firedAt resolvedAt slice { field value }';
const MONITOR = 'id name status { evaluatedAt outcome error }';

/** A subscription of `watch`: the lines each event prints, and what to print once the stream is open. */
interface Feed {
  what: string;
  query: string;
  /** The lines an event prints: none when it is not news. */
  lines(data: unknown): string[];
  /** Once the stream is open: at the first opening, what is already known; at a reopening, what changed meanwhile. */
  opened(first: boolean): Promise<string[]>;
}

/** Alerts as lines: each event once, and on a reopening the alerts that fired or resolved meanwhile. */
function alertFeed(client: Client, model: string): Feed {
  const ledger = new AlertLedger<Alert>();
  const list = async (state: 'FIRING' | 'RESOLVED', since?: string) =>
    (
      await client.gql<{ alerts: Alert[] }>(`query($model: String, $state: AlertState, $from: DateTime) { alerts(model: $model, state: $state, from: $from, first: 1000) { ${ALERT} } }`, {
        model,
        state,
        from: since ?? null,
      })
    ).alerts;
  const lines = (events: AlertEventOf<Alert>[]) =>
    events.map(({ type, at, alert: a }) => {
      const slice = a.slice?.map((s) => `${s.field}=${s.value}`).join(',') || 'all traffic';
      return `${at}  alert ${type.padEnd(8)} ${a.severity} ${a.metric} on ${slice}: ${a.value ?? '—'} (threshold ${a.threshold})`;
    });
  return {
    what: 'alerts',
    query: `subscription($model: String) { alertEvents(model: $model) { id type at alert { ${ALERT} } } }`,
    lines: (data) => lines(ledger.fresh((data as { alertEvents: AlertEventOf<Alert> }).alertEvents)),
    // What already fires when watch starts is not news: known, not printed.
    opened: async (first) => (first ? (ledger.know(await list('FIRING')), []) : lines(await ledger.caughtUp(list))),
  };
}

/** A monitor's line when its outcome changes (its first one only when it fails): not one per evaluation. */
function monitorFeed(client: Client, model: string): Feed {
  const outcomes = new Map<string, string>();
  const changed = (m: MonitorEvaluation): string[] => {
    if (!m.status) return [];
    const before = outcomes.get(m.id) ?? 'OK';
    outcomes.set(m.id, m.status.outcome);
    return m.status.outcome === before ? [] : [`${m.status.evaluatedAt}  monitor ${m.status.outcome.padEnd(9)} ${m.name}${m.status.error ? `: ${m.status.error}` : ''}`];
  };
  return {
    what: 'monitors',
    query: `subscription($model: String) { monitorEvaluated(model: $model) { ${MONITOR} } }`,
    lines: (data) => changed((data as { monitorEvaluated: MonitorEvaluation }).monitorEvaluated),
    opened: async (first) =>
      first ? [] : (await client.gql<{ monitors: MonitorEvaluation[] }>(`query($model: String) { monitors(model: $model) { ${MONITOR} } }`, { model })).monitors.flatMap(changed),
  };
}

function loopFeed(io: Io): Feed {
  return {
    what: 'loop events',
    query: 'subscription($model: String) { loopEvents(model: $model) { type at step detail run { id status } } }',
    lines: (data) => {
      const l = (data as { loopEvents: LoopEvent }).loopEvents;
      return [`${l.at}  loop  ${l.type.padEnd(8)} ${l.run ? `run ${l.run.id} ${l.run.status}` : ''}${l.step ? ` step ${l.step}` : ''}${l.detail ? `: ${l.detail}` : ''}`];
    },
    opened: async (first) => {
      if (!first) io.err('watch: loop events sent while disconnected are not shown (`tideline decision MODEL` tells where the loop stands)');
      return [];
    },
  };
}

/** A dropped stream is opened again until Ctrl-C: backoff from 250 ms to 10 s, no limit on attempts. */
const REOPEN = { maxAttempts: Number.POSITIVE_INFINITY, baseMs: 250, maxMs: 10_000 };

export async function watch(args: string[], io: Io) {
  const parsed = parseArgs(args);
  const model = expectPositional(parsed, 'watch', ['model'])[0]!;
  const client = clientFromArgs(parsed, io.env);
  const feeds = [alertFeed(client, model), loopFeed(io), monitorFeed(client, model)];
  let closed = feeds.length;
  let allOpen!: () => void;
  const open = new Promise<void>((resolve) => (allOpen = resolve));
  const print = async (feed: Feed) => {
    let openings = 0;
    // A stream that never opened (a wrong URL, the platform not started) fails the command instead of being retried.
    const neverOpened = new AbortController();
    let startError: Error | undefined;
    const lines = follow(
      (options) => client.subscribe(feed.query, { model }, options),
      async () => {
        const first = openings++ === 0;
        const caughtUp = await feed.opened(first);
        if (!first) io.err(`watch: the ${feed.what} stream is open again`);
        else if (--closed === 0) allOpen();
        return caughtUp;
      },
      (data) => feed.lines(data),
      REOPEN,
      {
        signal: AbortSignal.any([io.signal, neverOpened.signal]),
        onDropped: (err) => {
          if (openings > 0) return io.err(`watch: the ${feed.what} stream ${err ? `dropped (${err.message})` : 'was ended by the gateway'}; opening it again`);
          startError = err ?? new Error(`the gateway ended the ${feed.what} stream before it opened`);
          neverOpened.abort();
        },
      },
    );
    for await (const line of lines) io.out(line);
    if (startError) throw startError;
  };
  const printing = Promise.all(feeds.map(print));
  // A refusal (an unknown key) fails the command before it says it is watching.
  await Promise.race([open, printing]);
  io.err(`watching ${model}: alerts, loop events and monitors that start or stop failing, until Ctrl-C`);
  await printing;
}
