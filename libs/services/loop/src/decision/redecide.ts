import type { Consumer, JsMsg } from '@nats-io/jetstream';
import { alertEvent, isPublicError, modelPromotedEvent } from '@tideline/contracts';
import type { Logger } from '@tideline/runtime';
import { everyInterval } from '../rounds.ts';
import { decide } from './decide.ts';
import { gatherEvidence, type EvidenceClients } from './evidence.ts';
import type { DecisionLedger, DecisionTrigger } from './ledger.ts';
import type { Decision } from './reasons.ts';
import type { DecisionRules } from './rules.ts';

/**
 * One decision per model at a time, and at most one more waiting: triggers
 * that arrive while a decision waits to start join it (it will read the
 * evidence they announce), so a burst of alert events of one model costs
 * two decisions, not one per event.
 */
class Coalescer<T> {
  private readonly tails = new Map<string, { started: boolean; promise: Promise<T> }>();

  run(key: string, work: () => Promise<T>): Promise<T> {
    const tail = this.tails.get(key);
    if (tail && !tail.started) return tail.promise;
    const entry = { started: false, promise: Promise.resolve() as Promise<unknown> as Promise<T> };
    entry.promise = (tail ? tail.promise.then(() => undefined, () => undefined) : Promise.resolve())
      .then(() => {
        entry.started = true;
        return work();
      })
      .finally(() => {
        if (this.tails.get(key) === entry) this.tails.delete(key);
      });
    this.tails.set(key, entry);
    return entry.promise;
  }
}

export interface DecisionsOptions {
  clients: EvidenceClients;
  ledger: DecisionLedger;
  /** The rules for a model: the defaults, with its retraining policy's watch period and label threshold. */
  rules: (project: string, model: string) => Promise<DecisionRules>;
  logger: Logger;
}

/** Decides for a model now and publishes the decision when its action changed. */
export class Decisions {
  private readonly coalescer = new Coalescer<Decision>();

  constructor(private readonly o: DecisionsOptions) {}

  decide(project: string, model: string, trigger: DecisionTrigger): Promise<Decision> {
    return this.coalescer.run(`${project}\u0000${model}`, async () => {
      const rules = await this.o.rules(project, model);
      const decision = decide(await gatherEvidence(this.o.clients, project, model, rules), rules);
      const event = await this.o.ledger.record(project, decision, trigger);
      if (event) this.o.logger.info({ project, model, action: decision.action, previous: event.previousAction, trigger }, 'retraining recommendation changed');
      return decision;
    });
  }
}

/** Retries of a decision that failed (a service down) back off up to a minute. */
const retryDelayMs = (deliveries: number) => Math.min(60_000, 1000 * 2 ** Math.min(deliveries, 6));

/** Which model of which project an event is about; null for a malformed one (or one whose subject names another project). */
function modelOf(m: JsMsg): { project: string; model: string; trigger: DecisionTrigger } | null {
  let raw: unknown;
  try {
    raw = m.json<unknown>();
  } catch {
    return null;
  }
  const parsed = m.subject.startsWith('tideline.alert.') ? alertEvent.safeParse(raw) : modelPromotedEvent.safeParse(raw);
  if (!parsed.success || !m.subject.endsWith(`.${parsed.data.project}`)) return null;
  return { project: parsed.data.project, model: parsed.data.model.name, trigger: m.subject.startsWith('tideline.alert.') ? 'ALERT' : 'PROMOTION' };
}

export interface RedecideOptions {
  decisions: Decisions;
  ledger: DecisionLedger;
  consumers: Consumer[];
  intervalMs: number;
  logger: Logger;
}

/**
 * Decides again when the evidence may have changed: on every alert event and
 * stage change (durable consumers shared by the loop's replicas, so an event
 * that arrived while the loop was down is still read), and every
 * `intervalMs` for every model that has a published decision (labels and
 * traffic change without events). A failed decision is retried with
 * backoff; an event about a model no service knows is dropped.
 */
export async function startRedeciding(o: RedecideOptions): Promise<{ stop(): Promise<void> }> {
  const streams = await Promise.all(o.consumers.map((c) => c.consume({ max_messages: 16 })));
  const handle = async (m: JsMsg) => {
    const about = modelOf(m);
    if (!about) {
      o.logger.error({ subject: m.subject, seq: m.seq }, 'malformed event ignored by the loop');
      return m.ack();
    }
    try {
      await o.decisions.decide(about.project, about.model, about.trigger);
      m.ack();
    } catch (err) {
      if (isPublicError(err)) return m.ack(); // the model is unknown, or its configuration cannot be decided on: nothing to retry
      o.logger.warn({ err, subject: m.subject, seq: m.seq }, 'decision after an event failed; retrying');
      m.nak(retryDelayMs(m.info.deliveryCount));
    }
  };
  const loops = streams.map((messages) =>
    (async () => {
      for await (const m of messages) await handle(m);
    })().catch((err: unknown) => o.logger.error({ err }, 'loop event consumer stopped: decisions follow the timer only until restart')),
  );

  const timed = everyInterval(
    o.intervalMs,
    async (stopped) => {
      for (const { project, model } of await o.ledger.models()) {
        if (stopped()) return;
        await o.decisions.decide(project, model, 'TIMER').catch((err: unknown) => o.logger.warn({ err, project, model }, 'timed decision failed; next interval tries again'));
      }
    },
    (err) => o.logger.warn({ err }, 'timed decisions failed; next interval tries again'),
  );

  return {
    async stop() {
      await timed.stop();
      await Promise.all(streams.map((s) => s.close()));
      await Promise.all(loops);
    },
  };
}
