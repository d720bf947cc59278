/**
 * `tideline watch MODEL`: alerts, loop events and monitors that start or stop
 * failing, live, until Ctrl-C. Each of its three subscriptions is kept open:
 * one the gateway or the network drops is opened again with backoff, and what
 * changed meanwhile is printed then — alerts that fired or resolved (read from
 * `alerts`) and monitors whose outcome changed (from `monitors`). Loop events
 * are not replayed; stderr says so after a drop.
 */
import { AlertLedger, backoffMs, sleep, TidelineError, type AlertEventOf } from '@tideline/sdk/transport';
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
/** A subscription of `watch`: what to print of each event, and what changed while it was down. */
interface Feed {
  what: string;
  query: string;
  print(data: unknown): void;
  catchUp(): Promise<void>;
}

/** Alerts as lines: each event once, and on a reconnection the alerts that fired or resolved meanwhile. */
function alertFeed(client: Client, model: string, io: Io): Feed & { seed(): Promise<void> } {
  const ledger = new AlertLedger<Alert>();
  const list = async (state: 'FIRING' | 'RESOLVED', since?: string) =>
    (
      await client.gql<{ alerts: Alert[] }>(`query($model: String, $state: AlertState, $from: DateTime) { alerts(model: $model, state: $state, from: $from, first: 1000) { ${ALERT} } }`, {
        model,
        state,
        from: since ?? null,
      })
    ).alerts;
  const print = (events: AlertEventOf<Alert>[]) => {
    for (const { type, at, alert: a } of events) {
      const slice = a.slice?.map((s) => `${s.field}=${s.value}`).join(',') || 'all traffic';
      io.out(`${at}  alert ${type.padEnd(8)} ${a.severity} ${a.metric} on ${slice}: ${a.value ?? '—'} (threshold ${a.threshold})`);
    }
  };
  return {
    what: 'alerts',
    query: `subscription($model: String) { alertEvents(model: $model) { id type at alert { ${ALERT} } } }`,
    print: (data) => print(ledger.fresh((data as { alertEvents: AlertEventOf<Alert> }).alertEvents)),
    // What already fires when watch starts is not news: known, not printed.
    seed: async () => ledger.know(await list('FIRING')),
    catchUp: async () => print(await ledger.caughtUp(list)),
  };
}

/** A monitor's line when its outcome changes (its first one only when it fails): not one per evaluation. */
function monitorFeed(client: Client, model: string, io: Io): Feed {
  const outcomes = new Map<string, string>();
  const print = (m: MonitorEvaluation) => {
    if (!m.status) return;
    if (m.status.outcome !== (outcomes.get(m.id) ?? 'OK')) {
      io.out(`${m.status.evaluatedAt}  monitor ${m.status.outcome.padEnd(9)} ${m.name}${m.status.error ? `: ${m.status.error}` : ''}`);
    }
    outcomes.set(m.id, m.status.outcome);
  };
  return {
    what: 'monitors',
    query: `subscription($model: String) { monitorEvaluated(model: $model) { ${MONITOR} } }`,
    print: (data) => print((data as { monitorEvaluated: MonitorEvaluation }).monitorEvaluated),
    catchUp: async () => (await client.gql<{ monitors: MonitorEvaluation[] }>(`query($model: String) { monitors(model: $model) { ${MONITOR} } }`, { model })).monitors.forEach(print),
  };
}

function loopFeed(io: Io): Feed {
  return {
    what: 'loop events',
    query: 'subscription($model: String) { loopEvents(model: $model) { type at step detail run { id status } } }',
    print: (data) => {
      const l = (data as { loopEvents: LoopEvent }).loopEvents;
      io.out(`${l.at}  loop  ${l.type.padEnd(8)} ${l.run ? `run ${l.run.id} ${l.run.status}` : ''}${l.step ? ` step ${l.step}` : ''}${l.detail ? `: ${l.detail}` : ''}`);
    },
    catchUp: async () => io.err('watch: loop events sent while disconnected are not shown (`tideline decision MODEL` tells where the loop stands)'),
  };
}

/** What a dropped stream, a gateway restarting or unreachable, ends with: worth opening again. Anything else (a bad key) ends watch. */
const transient = (err: unknown) =>
  err instanceof TidelineError && (['SUBSCRIPTION_CLOSED', 'NETWORK_ERROR'].includes(err.code) || err.status === 429 || (err.status !== null && err.status >= 502));

/** Prints `feed`'s events from `events`, and opens the subscription again (then catches up) each time it drops, until Ctrl-C. */
async function keepPrinting(client: Client, model: string, io: Io, feed: Feed, first: AsyncGenerator<unknown>) {
  let events = first;
  for (;;) {
    try {
      for await (const data of events) feed.print(data);
      if (io.signal.aborted) return;
      io.err(`watch: the gateway ended the ${feed.what} stream; opening it again`);
    } catch (err) {
      if (io.signal.aborted) return;
      if (!transient(err)) throw err;
      io.err(`watch: the ${feed.what} stream dropped (${(err as Error).message}); opening it again`);
    }
    for (let attempt = 1; ; attempt++) {
      await sleep(backoffMs(attempt, 250, 10_000), io.signal);
      if (io.signal.aborted) return;
      try {
        events = await client.subscribe(feed.query, { model }, io.signal);
        await feed.catchUp();
        io.err(`watch: the ${feed.what} stream is open again`);
        break;
      } catch (err) {
        if (io.signal.aborted) return;
        if (!transient(err)) throw err;
      }
    }
  }
}

export async function watch(args: string[], io: Io) {
  const parsed = parseArgs(args);
  const model = expectPositional(parsed, 'watch', ['model'])[0]!;
  const client = clientFromArgs(parsed, io.env);
  const alerts = alertFeed(client, model, io);
  const feeds = [alerts, loopFeed(io), monitorFeed(client, model, io)];
  // Opened first, so nothing falls between them and what is read as already known.
  const opened = await Promise.all(feeds.map((feed) => client.subscribe(feed.query, { model }, io.signal)));
  await alerts.seed();
  io.err(`watching ${model}: alerts, loop events and monitors that start or stop failing, until Ctrl-C`);
  await Promise.all(feeds.map((feed, i) => keepPrinting(client, model, io, feed, opened[i]!)));
}
