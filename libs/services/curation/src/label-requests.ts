import { createHash, randomBytes } from 'node:crypto';
import type { ClickHouseClient } from '@tideline/clickhouse';
import type { Task } from '@tideline/contracts';
import { PublicError, badInput, type SubgraphClient } from '@tideline/graphql';
import { checkWindow, labeledRows, rows } from '@tideline/store';
import type { LabelBudgets } from './budget.ts';
import type { CurationConfig } from './config.ts';
import { checkInt, checkModel, checkModelVersion, compileSlice, taskOfModel } from './inputs.ts';
import { PICKS_TABLE, REQUESTS_TABLE } from './picked-rows.ts';
import type { AllocationEntry, Pick } from './select.ts';
import { checkStrategy, runStrategy, type LabelStrategy } from './strategies.ts';

export interface RequestLabelsInput {
  model: string;
  window: { from: Date; to: Date };
  slice?: unknown;
  modelVersion?: string | null;
  strategy: LabelStrategy;
  budget: number;
  controlShare?: number | null;
  seed?: number | null;
  stratifyBy?: string | null;
  alerts?: readonly string[] | null;
}

/** What a request is served with besides ClickHouse. */
export interface RequestServices {
  metrics: SubgraphClient;
  alerts: SubgraphClient;
}

/** A labeling request as stored (the GraphQL LabelRequest's source). */
export interface LabelRequestRecord {
  project: string;
  id: string;
  model: string;
  task: Task;
  strategy: LabelStrategy;
  budget: number;
  controlShare: number;
  seed: number;
  window: { from: Date; to: Date };
  slice: unknown;
  modelVersion: string | null;
  stratifyBy: string | null;
  activeCount: number;
  controlCount: number;
  candidates: number;
  allocation: AllocationEntry[];
  createdAt: Date;
  createdBy: string | null;
}

const requestId = () => `lr_${Date.now().toString(36).padStart(9, '0')}${randomBytes(6).toString('hex')}`;
/** The batch's seeded shuffle: both arms interleaved, so labelers working down the queue label a uniform mix. */
const shuffleKey = (seed: number, id: string) => createHash('sha256').update(`${seed}\u0000${id}`).digest('hex');

interface RequestRow {
  project: string;
  model: string;
  id: string;
  task: Task;
  strategy: LabelStrategy;
  budget: number;
  control_share: number;
  seed: string;
  window_from_ms: string;
  window_to_ms: string;
  model_version: string | null;
  slice: string;
  stratify_by: string | null;
  active_count: number;
  control_count: number;
  candidates: string;
  allocation: string;
  created_at_ms: string;
  created_by: string | null;
}

const fromRow = (r: RequestRow): LabelRequestRecord => ({
  project: r.project,
  id: r.id,
  model: r.model,
  task: r.task,
  strategy: r.strategy,
  budget: r.budget,
  controlShare: r.control_share,
  seed: Number(r.seed),
  window: { from: new Date(Number(r.window_from_ms)), to: new Date(Number(r.window_to_ms)) },
  slice: r.slice ? JSON.parse(r.slice) : null,
  modelVersion: r.model_version,
  stratifyBy: r.stratify_by,
  activeCount: r.active_count,
  controlCount: r.control_count,
  candidates: Number(r.candidates),
  allocation: JSON.parse(r.allocation) as AllocationEntry[],
  createdAt: new Date(Number(r.created_at_ms)),
  createdBy: r.created_by,
});

const SELECT_REQUEST = `SELECT project, model, id, task, strategy, budget, control_share, seed, toUnixTimestamp64Milli(window_from) AS window_from_ms,
  toUnixTimestamp64Milli(window_to) AS window_to_ms, model_version, slice, stratify_by, active_count, control_count, candidates, allocation,
  toUnixTimestamp64Milli(created_at) AS created_at_ms, created_by FROM ${REQUESTS_TABLE}`;

/**
 * Labeling requests: each picks `budget` unlabeled predictions of a window
 * (never one queued or labeled before), `controlShare` of them uniformly at
 * random as the control arm, charges them to the model's label budget, and
 * queues them. Requests of one model run one at a time in this process, so
 * two never pick the same row or overdraw the budget together; replicas of
 * the service would need a shared lock for that (not built: one curation
 * replica serves a project's labeling, which is interactive and light).
 */
export class LabelRequests {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    private readonly client: ClickHouseClient,
    private readonly budgets: LabelBudgets,
    private readonly config: CurationConfig,
    private readonly services: RequestServices,
  ) {}

  async request(project: string, actor: string | null, input: RequestLabelsInput): Promise<LabelRequestRecord> {
    const model = checkModel(input.model, 'input.model');
    const window = checkWindow(input.window, 'input.window');
    const modelVersion = checkModelVersion(input.modelVersion, 'input.modelVersion');
    const budget = checkInt(input.budget, 'input.budget', 1, this.config.maxBatch, 'CURATION_MAX_BATCH');
    const controlShare = input.controlShare ?? 0.1;
    if (!(controlShare >= 0 && controlShare <= 0.5)) throw badInput(`input.controlShare must be from 0 to 0.5; got ${controlShare}`, 'input.controlShare');
    const seed = checkInt(input.seed ?? 0, 'input.seed', -(2 ** 31), 2 ** 31 - 1);
    const task = await taskOfModel(this.client, project, model, 'input.model');
    checkStrategy(input.strategy, task, input);
    const slice = await compileSlice(this.client, project, model, task, input.slice ?? null, 'input.slice');
    const controlN = Math.round(budget * controlShare);
    if (input.alerts && input.alerts.length > 100) throw badInput('input.alerts takes at most 100 alerts', 'input.alerts');

    return this.serialized(`${project}\u0000${model}`, async () => {
      const ledger = await this.budgets.get(project, model);
      if (budget > ledger.remaining) {
        throw new PublicError(
          'BUDGET_EXCEEDED',
          `input.budget ${budget} is over what model '${model}' has left: ${ledger.remaining} of ${ledger.granted} labels in the period ${ledger.periodStart.toISOString()} to ${ledger.periodEnd.toISOString()} (setLabelBudget grants more)`,
          { field: 'input.budget', remaining: ledger.remaining },
        );
      }
      const source = labeledRows({ project, model, window, modelVersion });
      const candidates = {
        sql: `SELECT * FROM (${source.sql}) WHERE NOT labeled AND ${slice.sql}
              AND id NOT IN (SELECT prediction_id FROM ${PICKS_TABLE} WHERE project = {project:String} AND model = {model:String})`,
        params: { ...source.params, ...slice.params },
      };
      const anchors = {
        sql: `SELECT * FROM (${source.sql}) WHERE ${slice.sql}
              AND (labeled OR id IN (SELECT prediction_id FROM ${PICKS_TABLE} WHERE project = {project:String} AND model = {model:String}))`,
        params: { ...source.params, ...slice.params },
      };
      const selection = await runStrategy(input.strategy, {
        client: this.client,
        project,
        model,
        task,
        window: input.window,
        slice: input.slice ?? null,
        modelVersion,
        source: candidates,
        anchors,
        seed,
        activeN: budget - controlN,
        controlN,
        stratifyBy: input.stratifyBy ?? null,
        alerts: input.alerts ?? null,
        poolMax: this.config.diversityPool,
        metrics: this.services.metrics,
        alertsService: this.services.alerts,
      });
      if (selection.candidates === 0) {
        throw new PublicError('NO_CANDIDATES', `model '${model}' has no unlabeled predictions left to pick in input.window${input.slice ? ' and input.slice' : ''} (rows already queued or labeled are never picked again)`, { field: 'input.window' });
      }
      const record: LabelRequestRecord = {
        project,
        id: requestId(),
        model,
        task,
        strategy: input.strategy,
        budget,
        controlShare,
        seed,
        window: input.window,
        slice: input.slice ?? null,
        modelVersion,
        stratifyBy: input.stratifyBy ?? null,
        activeCount: selection.picks.filter((p) => p.arm === 'ACTIVE').length,
        controlCount: selection.picks.filter((p) => p.arm === 'CONTROL').length,
        candidates: selection.candidates,
        allocation: selection.allocation,
        createdAt: new Date(),
        createdBy: actor,
      };
      await this.store(record, selection.picks);
      return record;
    });
  }

  async get(project: string, id: string): Promise<LabelRequestRecord | null> {
    const found = await rows<RequestRow>(this.client, `${SELECT_REQUEST} WHERE project = {project:String} AND id = {id:String} LIMIT 1`, { project, id });
    return found[0] ? fromRow(found[0]) : null;
  }

  async list(project: string, model: string, first: number): Promise<LabelRequestRecord[]> {
    const found = await rows<RequestRow>(
      this.client,
      `${SELECT_REQUEST} WHERE project = {project:String} AND model = {model:String} ORDER BY id DESC LIMIT {first:UInt32}`,
      { project, model, first },
    );
    return found.map(fromRow);
  }

  /** Picks first, then the request (the ledger): a crash in between leaves rows excluded but not charged, never charged twice. */
  private async store(record: LabelRequestRecord, picks: Pick[]): Promise<void> {
    const ranked = picks.map((p) => ({ p, key: shuffleKey(record.seed, p.id) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const createdAt = record.createdAt.getTime();
    if (ranked.length) {
      await this.client.insert({
        table: PICKS_TABLE,
        format: 'JSONEachRow',
        values: ranked.map(({ p }, rank) => ({
          project: record.project,
          model: record.model,
          prediction_id: p.id,
          model_version: p.modelVersion,
          request_id: record.id,
          arm: p.arm,
          strategy: record.strategy,
          rank,
          score: p.score,
          reason: p.reason,
          created_at: createdAt,
        })),
      });
    }
    await this.client.insert({
      table: REQUESTS_TABLE,
      format: 'JSONEachRow',
      values: [
        {
          project: record.project,
          model: record.model,
          id: record.id,
          task: record.task,
          strategy: record.strategy,
          budget: record.budget,
          control_share: record.controlShare,
          seed: record.seed,
          window_from: record.window.from.getTime(),
          window_to: record.window.to.getTime(),
          model_version: record.modelVersion,
          slice: record.slice == null ? '' : JSON.stringify(record.slice),
          stratify_by: record.stratifyBy,
          active_count: record.activeCount,
          control_count: record.controlCount,
          candidates: record.candidates,
          allocation: JSON.stringify(record.allocation),
          created_at: createdAt,
          created_by: record.createdBy,
        },
      ],
    });
  }

  private async serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.locks.get(key) ?? Promise.resolve();
    const run = before.then(work, work);
    const settled = run.catch(() => undefined);
    this.locks.set(key, settled);
    try {
      return await run;
    } finally {
      if (this.locks.get(key) === settled) this.locks.delete(key);
    }
  }
}
