import type { Consumer, JsMsg } from '@nats-io/jetstream';
import { alertEvent, isPublicError } from '@tideline/contracts';
import type { Logger } from '@tideline/runtime';
import { everyInterval } from '../rounds.ts';
import { admit, type AdmissionDeps } from './admission.ts';
import { modelTraffic } from './callees.ts';
import { durationMs } from './durations.ts';
import type { PolicyRecord } from './stores.ts';

export interface TriggerSourceOptions extends AdmissionDeps {
  consumer: Consumer;
  intervalMs: number;
  logger: Logger;
}

/** A fired alert starts a run when its monitor, or its severity, is among the policy's alert triggers. */
async function onAlert(o: TriggerSourceOptions, m: JsMsg): Promise<void> {
  const parsed = alertEvent.safeParse((() => { try { return m.json<unknown>(); } catch { return null; } })());
  if (!parsed.success || parsed.data.type !== 'FIRED' || !m.subject.endsWith(`.${parsed.data.project}`)) return;
  const { project, alert } = parsed.data;
  const record = await o.policies.get(project, alert.model.name);
  const t = record?.policy.triggers.alerts;
  if (!t || !(t.monitors.includes(alert.monitor.id) || t.severities.includes(alert.severity))) return;
  const detail = { alert: alert.id, monitor: alert.monitor.id, monitorName: alert.monitor.name, severity: alert.severity, metric: alert.metric, slice: alert.slice, value: alert.value, threshold: alert.threshold };
  await admit(o, project, alert.model.name, { kind: 'ALERT', detail });
}

/** The schedule and the new-labels count of one policy, checked on the timer. */
async function onTick(o: TriggerSourceOptions, record: PolicyRecord): Promise<void> {
  const { project, policy, state } = record;
  if (!policy.enabled) return;
  const { schedule, newLabels } = policy.triggers;
  if (schedule) {
    const since = state.starts.at(-1) ?? policy.updatedAt;
    if (Date.now() - Date.parse(since) >= durationMs(schedule, 'schedule')) {
      await admit(o, project, policy.model, { kind: 'SCHEDULE', detail: { schedule, since } }, { quietSkip: true });
      return;
    }
  }
  if (newLabels) {
    const traffic = await modelTraffic(o.clients, project, policy.model);
    const arrived = (traffic?.labeledCount ?? 0) - (state.labeledAtLastRun ?? 0);
    if (arrived >= newLabels) await admit(o, project, policy.model, { kind: 'NEW_LABELS', detail: { labelsSinceLastRun: arrived, threshold: newLabels, labeledCount: traffic?.labeledCount } }, { quietSkip: true });
  }
}

/**
 * Feeds the policies their triggers: fired alerts from a durable consumer
 * shared by the loop's replicas (an alert that fired while the loop was
 * down still counts), and the schedule and new-label counts every
 * `intervalMs`.
 */
export async function startTriggerSources(o: TriggerSourceOptions): Promise<{ stop(): Promise<void> }> {
  const messages = await o.consumer.consume({ max_messages: 16 });
  const consuming = (async () => {
    for await (const m of messages) {
      try {
        await onAlert(o, m);
        m.ack();
      } catch (err) {
        if (isPublicError(err)) m.ack();
        else {
          o.logger.warn({ err, seq: m.seq }, 'alert trigger failed; retrying');
          m.nak(Math.min(60_000, 1000 * 2 ** Math.min(m.info.deliveryCount, 6)));
        }
      }
    }
  })().catch((err: unknown) => o.logger.error({ err }, 'loop alert trigger consumer stopped'));

  const timed = everyInterval(
    o.intervalMs,
    async (stopped) => {
      for (const record of await o.policies.all()) {
        if (stopped()) return;
        await onTick(o, record).catch((err: unknown) => o.logger.warn({ err, model: record.policy.model }, 'timed loop trigger failed; next interval tries again'));
      }
    },
    (err) => o.logger.warn({ err }, 'timed loop triggers failed; next interval tries again'),
  );
  return {
    async stop() {
      await timed.stop();
      await messages.close();
      await consuming;
    },
  };
}
