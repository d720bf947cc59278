import type { JetStreamClient } from '@nats-io/jetstream';
import { ALERT_SUBJECTS } from '@tideline/contracts';
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
 * Every replica runs a scheduler. At each monitor's interval boundary it
 * publishes the evaluation that is due to the work queue, with message id
 * `<project>.<monitor>@<tick>`: whichever replica publishes first, JetStream
 * keeps one message per monitor and tick, and one evaluator takes it.
 */
export async function startScheduler(options: { monitors: MonitorStore; js: JetStreamClient; logger: Logger; pollMs: number }): Promise<{ stop(): void }> {
  const watched = new Map<string, MonitorDefinition>();
  const scheduled = new Map<string, number>();
  const watch = await options.monitors.watch((key, monitor) => {
    if (monitor) watched.set(key, monitor);
    else {
      watched.delete(key);
      scheduled.delete(key);
    }
  });

  let busy = false;
  const publishDue = async () => {
    if (busy) return;
    busy = true;
    try {
      const now = Date.now();
      const due: Promise<unknown>[] = [];
      for (const [key, m] of watched) {
        if (!m.enabled) continue;
        const interval = intervalMsOf(m);
        const tick = Math.floor(now / interval) * interval;
        if ((scheduled.get(key) ?? -1) >= tick) continue;
        scheduled.set(key, tick);
        const message: DueEvaluation = { project: m.project, id: m.id, tick };
        due.push(
          options.js.publish(ALERT_SUBJECTS.due(m.project, m.id), JSON.stringify(message), { msgID: `${key}@${tick}` }).catch((error: unknown) => {
            scheduled.delete(key); // try again at the next poll
            options.logger.warn({ err: error, monitor: m.id }, 'could not schedule a monitor evaluation');
          }),
        );
      }
      await Promise.all(due);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void publishDue(), options.pollMs);
  return {
    stop() {
      clearInterval(timer);
      watch.stop();
    },
  };
}
