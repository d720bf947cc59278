import type { JetStreamClient } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { GATEWAY_TOPICS, LOOP_SUBJECTS, gatewaySubject, retrainingRecommendedEvent, type RetrainingAction, type RetrainingRecommendedEvent } from '@tideline/contracts';
import { bucketKeys, isCompareAndSetConflict } from '@tideline/nats';
import type { Decision } from './reasons.ts';

export type DecisionTrigger = RetrainingRecommendedEvent['trigger'];

/** What the ledger keeps per model: the last published decision. */
export interface PublishedDecision {
  project: string;
  model: string;
  action: RetrainingAction;
  eventId: string;
  decision: Decision;
  publishedAt: string;
  /** The published event's other fields, so `retrainingDecisionChanged` can be rebuilt from the record (absent in records written before). */
  previousAction?: RetrainingAction | null;
  trigger?: DecisionTrigger;
}

/** Model names may contain dots (a key separator): one base64url token per name, as the registry encodes them. */
export const token = (model: string) => Buffer.from(model, 'utf8').toString('base64url');
export const fromToken = (t: string) => Buffer.from(t, 'base64url').toString('utf8');

/**
 * Each model's last published decision, in NATS KV (`<project>.<model
 * token>`), and the `tideline.retraining.recommended.<project>` event
 * published when a new decision's action differs from it (the model's first
 * decision included). The event id derives from the KV revision the change
 * was decided on, so two replicas (or a retry after a crash between the
 * publish and the KV write) deciding the same change publish one event
 * within the stream's duplicate window; the KV write is a compare-and-set,
 * and the loser of a race decides against the winner's record again. The
 * gateway's `retrainingDecisionChanged` subscribers are told only once the
 * compare-and-set won, so replicas racing on one change push it once.
 */
export class DecisionLedger {
  constructor(
    private readonly kv: KV,
    private readonly js: JetStreamClient,
    private readonly connection: NatsConnection,
  ) {}

  private key = (project: string, model: string) => `${project}.${token(model)}`;

  async last(project: string, model: string): Promise<PublishedDecision | null> {
    const entry = await this.kv.get(this.key(project, model));
    return entry && entry.operation === 'PUT' ? entry.json<PublishedDecision>() : null;
  }

  /** Publishes `decision` if its action changed; returns the event, or null when the action is the one already published. */
  async record(project: string, decision: Decision, trigger: DecisionTrigger): Promise<RetrainingRecommendedEvent | null> {
    const key = this.key(project, decision.model);
    for (let attempt = 0; ; attempt++) {
      const entry = await this.kv.get(key);
      const previous = entry && entry.operation === 'PUT' ? entry.json<PublishedDecision>() : null;
      if (previous?.action === decision.action) return null;
      const revision = entry?.revision ?? 0;
      const event = retrainingRecommendedEvent.parse({
        id: `${token(decision.model)}.${revision}.${decision.action}`,
        project,
        model: { name: decision.model },
        previousAction: previous?.action ?? null,
        decision,
        trigger,
        at: new Date().toISOString(),
      });
      await this.js.publish(LOOP_SUBJECTS.recommended(project), JSON.stringify(event), { msgID: event.id });
      const record: PublishedDecision = { project, model: decision.model, action: decision.action, eventId: event.id, decision, publishedAt: event.at, previousAction: event.previousAction, trigger };
      try {
        if (entry) await this.kv.update(key, JSON.stringify(record), revision);
        else await this.kv.create(key, JSON.stringify(record));
      } catch (err) {
        if (!isCompareAndSetConflict(err) || attempt >= 3) throw err;
        continue;
      }
      this.connection.publish(gatewaySubject(GATEWAY_TOPICS.retrainingDecisions(project)), JSON.stringify(event));
      return event;
    }
  }

  /** The change event `eventId` names, while it is still the model's last one (the gateway asks for fields a subscriber wants that its payload lacked). */
  async change(project: string, eventId: string): Promise<RetrainingRecommendedEvent | null> {
    const model = fromToken(eventId.split('.')[0] ?? '');
    const last = await this.last(project, model);
    if (!last || last.eventId !== eventId || last.trigger === undefined || last.previousAction === undefined) return null;
    return { id: eventId, project, model: { name: model }, previousAction: last.previousAction, decision: last.decision, trigger: last.trigger, at: last.publishedAt };
  }

  /** Every model that has a published decision: the ones the timer decides again. */
  async models(): Promise<{ project: string; model: string }[]> {
    const found: { project: string; model: string }[] = [];
    for (const key of await bucketKeys(this.kv)) {
      const dot = key.lastIndexOf('.');
      found.push({ project: key.slice(0, dot), model: fromToken(key.slice(dot + 1)) });
    }
    return found;
  }
}
