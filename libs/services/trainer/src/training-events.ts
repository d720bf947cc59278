import type { NatsConnection } from '@nats-io/transport-node';
import type { JetStreamClient } from '@nats-io/jetstream';
import { GATEWAY_TOPICS, TRAINING_SUBJECTS, gatewaySubject, type TrainingEvent, type TrainingEventType } from '@tideline/contracts';
import type { TrainingRunRecord } from './runs.ts';

/**
 * Tells the world a run changed: JetStream for services
 * (`tideline.training.<type>.<project>`, message id = event id, so a worker
 * that restarts a run does not repeat an event within the stream's window)
 * and the gateway's `trainingEvents` subscribers. Epoch progress goes to
 * subscribers only: it is a view, not a fact anyone acts on.
 */
export class TrainingEvents {
  constructor(
    private readonly connection: NatsConnection,
    private readonly js: JetStreamClient,
  ) {}

  async publish(type: TrainingEventType, run: TrainingRunRecord): Promise<void> {
    const suffix = type === 'PROGRESS' ? `.${run.progress?.epoch ?? 0}` : '';
    const event: TrainingEvent = {
      id: `${run.id}.${type}.${run.attempts}${suffix}`,
      type,
      project: run.project,
      model: { name: run.model },
      run: { id: run.id },
      status: run.status,
      modelVersion: run.modelVersion,
      error: run.error,
      at: new Date().toISOString(),
    };
    const body = JSON.stringify(event);
    if (type !== 'PROGRESS') await this.js.publish(TRAINING_SUBJECTS.event(type, run.project), body, { msgID: event.id });
    this.connection.publish(gatewaySubject(GATEWAY_TOPICS.trainingEvents(run.project)), body);
  }
}
