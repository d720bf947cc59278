import type { NatsConnection } from '@nats-io/transport-node';
import type { JetStreamClient } from '@nats-io/jetstream';
import { ALERT_SUBJECTS, GATEWAY_TOPICS, gatewaySubject, type AlertEvent } from '@tideline/contracts';
import type { AlertStore } from './alert-store.ts';

/**
 * Delivers decided alert events: to the store (alert history), to JetStream
 * for services (`tideline.alert.fired|resolved.<project>`, message id = event
 * id, so a repeat within the stream's window is dropped) and to the gateway's
 * subscribers. At least once: after a crash the evaluator delivers its outbox
 * again, and every consumer can drop a repeated event id. Also announces each
 * evaluation to the gateway (`evaluated`).
 */
export class AlertPublisher {
  constructor(
    private readonly store: AlertStore,
    private readonly connection: NatsConnection,
    private readonly js: JetStreamClient,
  ) {}

  async deliver(events: readonly AlertEvent[]): Promise<void> {
    if (!events.length) return;
    await this.store.write(events.map((e) => e.alert));
    for (const event of events) {
      const subject = event.type === 'FIRED' ? ALERT_SUBJECTS.fired(event.project) : ALERT_SUBJECTS.resolved(event.project);
      const body = JSON.stringify(event);
      await this.js.publish(subject, body, { msgID: event.id });
      this.connection.publish(gatewaySubject(GATEWAY_TOPICS.alertEvents(event.project)), body);
    }
  }

  /**
   * Tells the gateway's `monitorEvaluated` subscribers that a monitor's
   * status changed: its key and model only, the gateway reads the rest. Most
   * evaluations fire no alert, and a failed one (ERROR, TIMED_OUT) never does,
   * so without this a page showing the status would go stale.
   */
  evaluated(monitor: { project: string; id: string; model: string }): void {
    this.connection.publish(gatewaySubject(GATEWAY_TOPICS.monitorEvaluations(monitor.project)), JSON.stringify({ id: monitor.id, model: { name: monitor.model } }));
  }
}
