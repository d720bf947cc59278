import type { JetStreamClient, JetStreamManager, MsgRequest, StoredMsg } from '@nats-io/jetstream';
import { Counter } from 'prom-client';
import { PublicError, REGISTRY_STREAMS, REGISTRY_SUBJECTS } from '@tideline/contracts';
import { isCompareAndSetConflict } from '@tideline/nats';
import { logEvent, type LogEvent } from './log-events.ts';
import { applyEvent, cloneState, emptyState, type ModelState } from './model-state.ts';
import { fromToken, toToken } from './names.ts';

const STREAM = REGISTRY_STREAMS.log.name;

export const casConflicts = new Counter({
  name: 'tideline_registry_cas_conflicts_total',
  help: 'Appends to a model log refused because another change landed first (each is re-decided on the new state)',
});

/** The model changed between reading and appending; the decision must be made again (and the client told to retry, past the attempts). */
export class ConcurrentChangeError extends PublicError {
  constructor(message: string, options?: ErrorOptions) {
    super('CONCURRENT_CHANGE', message, {}, options);
  }
}

export interface Decision<T> {
  /** The entry to append; null leaves the log as it is (an idempotent repeat). */
  event: LogEvent | null;
  result: T;
}

/**
 * Each model's log: one JetStream subject per model, appended only with the
 * subject sequence the decision was made on (compare-and-set). A decision
 * made on a stale state is refused by the server and made again, so two
 * concurrent promotions can never both displace the same champion. Folded
 * states are cached per model and brought up to date from the last sequence
 * they saw, so reads cost one round trip when nothing changed.
 */
export class ModelLog {
  private readonly cache = new Map<string, ModelState>();

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly maxAttempts = 100,
  ) {}

  async read(project: string, model: string): Promise<ModelState> {
    const subject = REGISTRY_SUBJECTS.log(project, toToken(model));
    const last = await this.get({ last_by_subj: subject });
    const cached = this.cache.get(subject);
    if (!last) return emptyState(model);
    if (cached?.sequence === last.seq) return cached;
    const state = cached ? cloneState(cached) : emptyState(model);
    for (let seq = state.sequence + 1; seq <= last.seq; ) {
      // `next_by_subj` is part of the server's message-get API (2.9+); the client's type omits it.
      const msg = seq === last.seq ? last : await this.get({ seq, next_by_subj: subject } as unknown as MsgRequest);
      if (!msg) break;
      applyEvent(state, logEvent.parse(msg.json()), msg.seq);
      seq = msg.seq + 1;
    }
    // A slower reader must not replace a newer state.
    if ((this.cache.get(subject)?.sequence ?? 0) < state.sequence) this.cache.set(subject, state);
    return state;
  }

  /**
   * Reads the model, lets `decide` choose what to append, and appends it at
   * the sequence it read; on a conflict, reads again and asks again.
   * Returns the decision's result and the state after it.
   */
  async transact<T>(
    project: string,
    model: string,
    decide: (state: ModelState, attempt: number) => Promise<Decision<T>> | Decision<T>,
  ): Promise<{ result: T; state: ModelState; sequence: number | null }> {
    for (let attempt = 1; ; attempt++) {
      const state = await this.read(project, model);
      const decision = await decide(state, attempt);
      if (!decision.event) return { result: decision.result, state, sequence: null };
      try {
        const sequence = await this.append(project, model, state.sequence, decision.event);
        return { result: decision.result, state: await this.read(project, model), sequence };
      } catch (err) {
        if (!(err instanceof ConcurrentChangeError) || attempt >= this.maxAttempts) throw err;
        casConflicts.inc();
        // Jitter spreads out writers that keep colliding.
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(attempt, 10)));
      }
    }
  }

  /** Appends `event` only if the model's last entry is still `expected` (0: the model has no log yet). */
  private async append(project: string, model: string, expected: number, event: LogEvent): Promise<number> {
    const subject = REGISTRY_SUBJECTS.log(project, toToken(model));
    try {
      const ack = await this.js.publish(subject, JSON.stringify(event), { expect: { lastSubjectSequence: expected, streamName: STREAM } });
      return ack.seq;
    } catch (err) {
      // `Nats-Expected-Last-Subject-Sequence` no longer matches: someone appended first.
      if (isCompareAndSetConflict(err)) throw new ConcurrentChangeError(`model ${model} changed concurrently`, { cause: err });
      throw err;
    }
  }

  /** Names of the project's models that have a log. */
  async models(project: string): Promise<string[]> {
    const filter = REGISTRY_SUBJECTS.projectLogs(project);
    const info = await this.jsm.streams.info(STREAM, { subjects_filter: filter });
    const prefix = filter.slice(0, -1);
    return Object.keys(info.state.subjects ?? {})
      .map((s) => fromToken(s.slice(prefix.length)))
      .sort();
  }

  private async get(query: MsgRequest): Promise<StoredMsg | null> {
    return this.jsm.streams.getMessage(STREAM, query);
  }
}
