import { setTimeout as sleep } from 'node:timers/promises';
import type { ClickHouseClient } from '@tideline/clickhouse';
import type { Task } from '@tideline/contracts';
import { MODEL_SUMMARY_TABLE, rows } from '@tideline/store';
import type { FoldLeases, Lease } from './fold-lease.ts';
import { folds, foldedRows, foldSeconds } from './fold-metrics.ts';
import { FOLDS_TABLE, foldModel, HOUR_FOLDS_TABLE, WHOLE_FIELD } from './hour-states.ts';
export { statesCanAnswer, statesLayer } from './states-layer.ts';

/** How long a read waits for a fold of what changed before it answers from the rows instead (the fold goes on). */
export const FOLD_WAIT_MS = 10_000;
/** A read waits for a fold of at most this many rows (about 7 s at the 0.45M rows/s a fold of 10M measured here); a larger one goes on in the background. */
export const FOLD_WAIT_ROWS = 3_000_000;
/**
 * Nor for a fold of more than this share of the model's rows: folding
 * costs about 6.5 times reading them (0.45M rows/s against 2.9M rows/s for
 * the bench's question over 10M rows), so a read that waited for a larger
 * fold would answer later than from the rows.
 */
export const FOLD_WAIT_SHARE = 0.15;
/** Folds of up to this many rows are waited for whatever the model's size: they take well under a second. */
export const FOLD_WAIT_FLOOR = 100_000;

/** The rows of a fold a read waits for, on a model of `rowsIn` stored rows. */
export const foldWaitRows = (rowsIn: number) => Math.min(FOLD_WAIT_ROWS, Math.max(FOLD_WAIT_FLOOR, FOLD_WAIT_SHARE * rowsIn));
/** After a fold of a model failed, its reads answer from the rows this long before one tries again. */
export const FOLD_RETRY_MS = 5 * 60_000;

/** One look at a model's fold for a request (HourStates.check): what it can answer, and the store's rows then (copies included). */
export interface FoldCheck {
  state: 'holds' | 'lacks' | 'stale';
  rowsIn: number;
}

/** What a look at the states is about: a model of a task, the field a request groups by (WHOLE_FIELD: none) and its window [fromMs, toMs). */
export interface StatesRequest {
  project: string;
  model: string;
  task: Task;
  field: string;
  fromMs: number;
  toMs: number;
}

/** Most requests whose current fingerprint is remembered (readIfHolds); past it, the oldest is forgotten. */
const MAX_CURRENT_CHECKS = 10_000;

/** What a fold's step returns when another process holds the model's lease. */
const ELSEWHERE = Symbol('folded elsewhere');
/** How often a read waiting for another process's fold looks at its lease. */
const ELSEWHERE_POLL_MS = 100;

/** A fold under way: the rows it will fold (once it knows), and its end. */
interface RunningFold {
  plannedRows: Promise<number>;
  /** True once a fold ended (this process's or another's): the states are worth checking again. */
  done: Promise<boolean>;
}

/**
 * Keeps each model's hour states current: a read finds them current when
 * the store's fingerprint of the model is the one its last fold read; else
 * it starts a fold (one per model, and one at a time, in this process) and
 * waits for it up to `waitMs`. The fold goes on when a read stops waiting.
 */
export class HourStates {
  private readonly folds = new Map<string, RunningFold>();
  private readonly failedAt = new Map<string, number>();
  /** Per request (model, task, field, window): the store's fingerprint at which a check last found the states current for it. */
  private readonly current = new Map<string, number>();
  /** The end of the last fold queued: the next starts after it. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: ClickHouseClient,
    /** Told of a fold that failed; the reads that waited for it answer from the rows. */
    private readonly onFoldError: (err: unknown, model: string) => void,
    /** `leases`: one fold of a model at a time across the processes sharing them (fold-lease.ts); without, in this process. */
    /** `storeLagMs`, `narrowShare`: foldModel's. */
    private readonly options: { waitMs?: number; waitRows?: number; storeLagMs?: number; narrowShare?: number; leases?: FoldLeases } = {},
  ) {}

  /**
   * Whether the states answer a request on `field` over [fromMs, toMs)
   * exactly, as the store is now: folded at the store's current fingerprint,
   * and the field held in every hour of the window. Stale, they are folded
   * first (a fold already running may have begun before the last insert:
   * then one more), each fold waited for up to `waitMs`.
   */
  async canAnswer(request: StatesRequest): Promise<boolean> {
    return (await this.freshness(request)) === 'holds';
  }

  /**
   * The fold of the model as the store is now: 'holds' when current and
   * holding `field` in every hour of the window, 'lacks' when current
   * without it (its folded rows still answer), 'stale' when a read must use
   * the store's rows. Stale, it is folded first, as for canAnswer; with
   * `fold: false` it is only looked at (a read the states cannot answer
   * starts no fold: folds follow the reads the states serve). `checked`: a
   * look the caller just took for the same request (readIfHolds'), taken as
   * the first instead of looking again.
   */
  async freshness(request: StatesRequest, { fold: refold = true, checked }: { fold?: boolean; checked?: FoldCheck } = {}): Promise<'holds' | 'lacks' | 'stale'> {
    for (let folds = 0; ; folds++) {
      const { state, rowsIn } = folds === 0 && checked ? checked : await this.check(request);
      if (state !== 'stale' || folds === 2 || !refold) return state;
      const fold = this.fold(request.project, request.model, request.task);
      // A first fold of a long history (or after a new tag key) takes minutes: meanwhile reads answer from the rows at once.
      const waitMs = this.options.waitMs ?? FOLD_WAIT_MS;
      // A fold queued behind another one's has no plan yet: as good as too large, past the wait.
      const planned = await Promise.race([fold.plannedRows, fold.done.then(() => 0), sleep(waitMs, Infinity)]);
      if (planned > (this.options.waitRows ?? foldWaitRows(rowsIn))) return 'stale';
      const folded = await Promise.race([fold.done, sleep(waitMs, 'waited' as const)]);
      if (folded === 'waited' || !folded) return 'stale';
    }
  }

  /**
   * `read()` of the hour states, kept when they are current and hold `field`
   * in every hour of the window; else dropped (no `answer`), and the caller
   * takes freshness's way, which may fold, handing it the `check` so it does
   * not look twice. Every read of the states carries the store's
   * fingerprint of the model (`fingerprintOf`, STORE_FINGERPRINT): once a
   * check found the states current for a request at a fingerprint, a read
   * that carries the same one is current too (the store is unchanged, and a
   * fold only follows a change), so it is kept without a check; a read that
   * carries another is dropped, and the model checked again. Otherwise the
   * read runs beside one check (in-process chDB mostly runs the two in
   * turn, so what this saves is the client's work around them), and is kept
   * when the check finds the states current at the fingerprint it carried.
   * Figures in this service's README, "Hour states".
   */
  async readIfHolds<T>(request: StatesRequest, read: () => Promise<T>, fingerprintOf: (answer: T) => number | null): Promise<{ answer?: T; check: FoldCheck }> {
    const { project, model, task, field, fromMs, toMs } = request;
    const key = JSON.stringify([project, model, task, field, fromMs, toMs]);
    const answer = read();
    answer.catch(() => {}); // dropped unread when the check fails or finds them stale; else awaited below
    const known = this.current.get(key);
    if (known !== undefined) {
      const found = await answer;
      if (fingerprintOf(found) === known) return { answer: found, check: { state: 'holds', rowsIn: known } };
      this.current.delete(key);
      return { check: await this.check(request) };
    }
    const check = await this.check(request);
    if (check.state !== 'holds') return { check };
    this.current.delete(key);
    this.current.set(key, check.rowsIn);
    if (this.current.size > MAX_CURRENT_CHECKS) this.current.delete(this.current.keys().next().value!);
    const found = await answer;
    // The store changed between the read and the check (an empty answer carries none: nothing to mix).
    const carried = fingerprintOf(found);
    return carried === null || carried === check.rowsIn ? { answer: found, check } : { check };
  }

  /** One read: the model's last fold against the store's fingerprint now (and its rows, copies included), and the hours of the window that lack the field. */
  private async check({ project, model, task, field, fromMs, toMs }: StatesRequest): Promise<FoldCheck> {
    const scope = 'project = {project:String} AND model = {model:String}';
    const [r] = await rows<{ fp: string; task: string; fields: string[]; now: string; missing: string }>(
      this.client,
      `SELECT fingerprint AS fp, task, fields, now,
         (SELECT count() FROM (
            SELECT argMax(fields, fold_version) AS held FROM ${HOUR_FOLDS_TABLE}
            WHERE ${scope} AND hour >= toDateTime(intDiv({from:Int64}, 1000), 'UTC') AND hour < toDateTime(intDiv({to:Int64}, 1000), 'UTC')
            GROUP BY hour)
          WHERE NOT has(held, {field:String})) AS missing
       FROM (SELECT sum(rows_in) AS now FROM ${MODEL_SUMMARY_TABLE} WHERE ${scope}) AS store
       LEFT JOIN (SELECT fingerprint, task, fields FROM ${FOLDS_TABLE} FINAL WHERE ${scope}) AS fold ON true
       SETTINGS join_use_nulls = 1`,
      { project, model, from: fromMs, to: toMs, field },
    );
    const rowsIn = Number(r?.now ?? 0);
    if (!r || r.fp === null || r.fp !== r.now || r.task !== task) return { state: 'stale', rowsIn };
    return { state: field === WHOLE_FIELD || (r.fields.includes(field) && Number(r.missing) === 0) ? 'holds' : 'lacks', rowsIn };
  }

  /**
   * The model's fold lease: null while another process holds it. Without
   * leases, or when NATS fails to answer, the fold runs anyway: a fold is
   * exact whoever runs it, the lease only saves doing it twice.
   */
  private async lease(project: string, model: string): Promise<Lease | null> {
    const none: Lease = { plan: async () => {}, release: async () => {} };
    if (!this.options.leases) return none;
    return this.options.leases.take(project, model).catch(() => none);
  }

  private fold(project: string, model: string, task: Task): RunningFold {
    const key = JSON.stringify([project, model]);
    const running = this.folds.get(key);
    if (running) return running;
    // A fold that failed (a timeout on an hour too large, say) is not tried again for a while: meanwhile every read would pay for it.
    if (Date.now() - (this.failedAt.get(key) ?? -Infinity) < FOLD_RETRY_MS) return { plannedRows: Promise.resolve(0), done: Promise.resolve(false) };
    let onPlan: (rows: number) => void = () => {};
    const plannedRows = new Promise<number>((resolve) => (onPlan = resolve));
    // One fold at a time in a process: each is heavy (both cores at 10M rows), and reads must go on beside it.
    const turn = this.queue.then(async () => {
      const lease = await this.lease(project, model);
      if (!lease) return ELSEWHERE;
      const stopTimer = foldSeconds.startTimer();
      try {
        const plan = (rows: number) => {
          foldedRows.inc(rows);
          onPlan(rows);
          void lease.plan(rows).catch(() => {}); // for other processes deciding whether to wait for this fold
        };
        return await foldModel(this.client, project, model, task, { storeLagMs: this.options.storeLagMs, narrowShare: this.options.narrowShare, onPlan: plan });
      } finally {
        stopTimer();
        await lease.release().catch(() => {}); // else it expires (FOLD_LEASE_TTL_MS)
      }
    });
    // The next fold in this process starts once this one ended, or found another process folding the model.
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    const done = turn
      .then(async (record) => {
        if (record === ELSEWHERE) {
          folds.inc({ outcome: 'elsewhere' });
          // Later reads look at the other's lease afresh (its plan, or its end) rather than join this wait.
          this.forget(key, fold);
          return this.foldedElsewhere(project, model, onPlan);
        }
        this.failedAt.delete(key);
        folds.inc({ outcome: 'ok' });
        return record !== undefined;
      })
      .catch((err: unknown) => {
        this.failedAt.set(key, Date.now());
        folds.inc({ outcome: 'failed' });
        this.onFoldError(err, model);
        return false;
      })
      .finally(() => this.forget(key, fold));
    const fold: RunningFold = { plannedRows, done };
    this.folds.set(key, fold);
    return fold;
  }

  /** Drops a fold from those reads join, unless a later one took its place. */
  private forget(key: string, fold: RunningFold) {
    if (this.folds.get(key) === fold) this.folds.delete(key);
  }

  /**
   * Another process holds the model's lease: its fold is waited for as one
   * of this process's would be (freshness's rule on its planned rows, once
   * it has told them), by polling its lease until it ends (true: look
   * again) or waitMs passed (false).
   */
  private async foldedElsewhere(project: string, model: string, onPlan: (rows: number) => void): Promise<boolean> {
    const deadline = Date.now() + (this.options.waitMs ?? FOLD_WAIT_MS);
    while (Date.now() < deadline) {
      const other = await this.options.leases!.foldElsewhere(project, model).catch(() => null);
      if (!other) return true;
      if (other.rows !== undefined) onPlan(other.rows);
      await sleep(ELSEWHERE_POLL_MS);
    }
    return false;
  }
}
