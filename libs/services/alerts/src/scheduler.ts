import type { JetStreamClient } from '@nats-io/jetstream';
import { ALERT_STREAMS, ALERT_SUBJECTS } from '@tideline/contracts';
import type { Logger } from '@tideline/runtime';
import type { MonitorDefinition } from './monitor-definition.ts';
import { intervalMsOf } from './monitor-input.ts';
import type { MonitorStore } from './monitor-store.ts';

/** The message that asks an evaluator to evaluate one monitor for one tick. */
export interface DueEvaluation {
  project: string;
  id: string;
  /** The interval boundary (epoch ms) this evaluation belongs to. */
  tick: number;
}

/**
 * A due message older than the time budget plus this cannot belong to a
 * running evaluation: its replica died before acking (JetStream hands it on
 * after ack_wait), or it waited behind a full queue. The next tick is then
 * published anyway, so a dead replica does not silence its monitors.
 */
const ORPHAN_GRACE_MS = 5_000;

/** After timeouts a monitor backs off at most this long (or one interval, when that is longer). */
const MAX_BACKOFF_MS = 3_600_000;

/**
 * The first tick at which a monitor that timed out `timeouts` times in a row
 * (the last at `tick`) is evaluated again: the next one after the first
 * timeout, then 2, 4, 8, … intervals later, at most an hour.
 */
export function backoffUntil(tick: number, intervalMs: number, timeouts: number): number {
  return tick + Math.min(intervalMs * 2 ** Math.min(timeouts - 1, 40), Math.max(intervalMs, MAX_BACKOFF_MS));
}

/**
 * Ticks between the monitor's previous evaluation and this one that were
 * not evaluated (coalesced while the previous one still ran, or held back
 * by a backoff). None after a change of the monitor since (a new interval,
 * a pause), whose gap is no skip.
 */
export function ticksSkippedBetween(m: MonitorDefinition, lastTick: number, tick: number): number {
  if (lastTick <= 0 || Date.parse(m.updatedAt) > lastTick) return 0;
  return Math.max(0, Math.floor((tick - lastTick) / intervalMsOf(m)) - 1);
}

/**
 * Every replica runs a scheduler. At each monitor's interval boundary it
 * publishes the evaluation that is due to the work queue, with message id
 * `<project>.<monitor>@<tick>`: whichever replica publishes first, JetStream
 * keeps one message per monitor and tick, and one evaluator takes it.
 *
 * Fairness: a monitor has at most one evaluation queued or running. The work
 * queue keeps a message until it is acked, so while the monitor's previous
 * one is still in the stream the tick is skipped (the next evaluation counts
 * it); a slow monitor then occupies one evaluator slot, never all of them.
 */
export async function startScheduler(options: { monitors: MonitorStore; js: JetStreamClient; logger: Logger; pollMs: number; budgetMs: number }): Promise<{ stop(): Promise<void> }> {
  const jsm = await options.js.jetstreamManager();
  const watched = new Map<string, MonitorDefinition>();
  const scheduled = new Map<string, number>();
  const watch = await options.monitors.watch((key, monitor) => {
    if (monitor) watched.set(key, monitor);
    else {
      watched.delete(key);
      scheduled.delete(key);
    }
  });

  const stillQueued = async (subject: string) => {
    const previous = await jsm.streams.getMessage(ALERT_STREAMS.due.name, { last_by_subj: subject });
    return !!previous && Date.now() - previous.time.getTime() < options.budgetMs + ORPHAN_GRACE_MS;
  };
  const schedule = async (key: string, m: MonitorDefinition, tick: number) => {
    const subject = ALERT_SUBJECTS.due(m.project, m.id);
    if (await stillQueued(subject)) return;
    const message: DueEvaluation = { project: m.project, id: m.id, tick };
    await options.js.publish(subject, JSON.stringify(message), { msgID: `${key}@${tick}` });
  };

  const publishDue = async () => {
    const now = Date.now();
    const due: Promise<unknown>[] = [];
    for (const [key, m] of watched) {
      if (!m.enabled) continue;
      const interval = intervalMsOf(m);
      const tick = Math.floor(now / interval) * interval;
      if ((scheduled.get(key) ?? -1) >= tick) continue;
      scheduled.set(key, tick);
      due.push(
        schedule(key, m, tick).catch((error: unknown) => {
          scheduled.delete(key); // try again at the next poll
          options.logger.warn({ err: error, monitor: m.id }, 'could not schedule a monitor evaluation');
        }),
      );
    }
    await Promise.all(due);
  };
  // One poll at a time; stop() waits for the one in flight, so nothing is published (or fails to be, on a closed connection) after it.
  let polling: Promise<void> | undefined;
  const timer = setInterval(() => {
    polling ??= publishDue().finally(() => (polling = undefined));
  }, options.pollMs);
  return {
    async stop() {
      clearInterval(timer);
      watch.stop();
      await polling;
    },
  };
}
