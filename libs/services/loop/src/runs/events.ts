import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { GATEWAY_TOPICS, LOOP_RUN_SUBJECTS, gatewaySubject, type LoopRunEvent, type LoopRunEventType } from '@tideline/contracts';
import type { LoopRunRecord } from './run-types.ts';

/**
 * Tells the world a run moved: JetStream for services
 * (`tideline.loop.<type>.<project>`, message id = event id, so a run resumed
 * after a restart does not repeat an event within the stream's window) and
 * the gateway's `loopEvents` subscribers.
 */
export class LoopEvents {
  constructor(
    private readonly connection: NatsConnection,
    private readonly js: JetStreamClient,
  ) {}

  async run(type: LoopRunEventType, run: LoopRunRecord, o: { step?: string; detail?: string | null } = {}): Promise<void> {
    await this.publish({
      id: [run.id, type, o.step].filter(Boolean).join('.'),
      type,
      project: run.project,
      model: { name: run.model },
      run: { id: run.id },
      status: run.status,
      step: o.step ?? null,
      detail: o.detail ?? null,
      at: new Date().toISOString(),
    });
  }

  /** A trigger that started nothing. */
  async skipped(project: string, model: string, id: string, reason: string): Promise<void> {
    await this.publish({ id, type: 'SKIPPED', project, model: { name: model }, run: null, status: null, step: null, detail: reason, at: new Date().toISOString() });
  }

  private async publish(event: LoopRunEvent): Promise<void> {
    const body = JSON.stringify(event);
    await this.js.publish(LOOP_RUN_SUBJECTS.event(event.type, event.project), body, { msgID: event.id });
    this.connection.publish(gatewaySubject(GATEWAY_TOPICS.loopEvents(event.project)), body);
  }
}
