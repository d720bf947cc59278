import type { JetStreamClient } from '@nats-io/jetstream';
import { boundedCommand, type ClickHouseClient, type QueryBound } from '@tideline/clickhouse';
import { CURATION_SUBJECTS, datasetCreatedEvent, isClientErrorCode } from '@tideline/contracts';
import { PublicError, SubgraphRequestError, type SubgraphClient } from '@tideline/graphql';
import type { Logger } from '@tideline/runtime';
import { rows } from '@tideline/store';
import { dropSnapshot, snapshotInsert, snapshotStats, SPLITS, type SnapshotStats } from './curate.ts';
import { checkDatasetInput, type CurateDatasetInput, type DatasetSpec } from './dataset-inputs.ts';
import { ProtectedSlicesDocument, RegisterDatasetDocument, type SliceFilterInput } from './__generated__/registry-operations.ts';

export const DATASETS_TABLE = 'curation_datasets';

/** A curated dataset as the curation service knows it (the registry holds its registration). */
export interface DatasetRecord extends SnapshotStats {
  id: string;
  model: string;
  spec: Omit<DatasetSpec, 'windows'> & { windows: { from: string; to: string }[] };
  createdAt: Date;
  createdBy: string | null;
}

interface DatasetRow {
  id: string;
  model: string;
  spec: string;
  row_count: string;
  content_hash: string;
  splits: string;
  class_balance: string;
  slice_counts: string;
  created_at_ms: string;
  created_by: string | null;
}

const fromRow = (r: DatasetRow): DatasetRecord => ({
  id: r.id,
  model: r.model,
  spec: JSON.parse(r.spec) as DatasetRecord['spec'],
  rowCount: Number(r.row_count),
  contentHash: r.content_hash,
  splits: JSON.parse(r.splits) as SnapshotStats['splits'],
  classBalance: JSON.parse(r.class_balance) as SnapshotStats['classBalance'],
  sliceCounts: JSON.parse(r.slice_counts) as SnapshotStats['sliceCounts'],
  createdAt: new Date(Number(r.created_at_ms)),
  createdBy: r.created_by,
});

const SELECT_DATASET = `SELECT id, model, spec, row_count, content_hash, splits, class_balance, slice_counts, toUnixTimestamp64Milli(created_at) AS created_at_ms, created_by FROM ${DATASETS_TABLE} FINAL`;

/** The Dataset entity as this subgraph resolves it: the key, and the curation record when curation made it. */
export interface DatasetEntity {
  id: string;
  curation: DatasetRecord | null;
}

export interface DatasetDeps {
  client: ClickHouseClient;
  registry: SubgraphClient;
  js: JetStreamClient;
  logger: Logger;
  maxRows: number;
  /** The time bound of the snapshot's copy (CURATION_SNAPSHOT_TIMEOUT_MS). */
  snapshotBound: QueryBound;
}

/**
 * Frozen training datasets: the rows are copied into ClickHouse with their
 * features and labels as they are at creation, registered in the registry
 * (so lineage points at them), announced on `tideline.dataset.created.<project>`,
 * and never changed after. A failure before the registration took (the
 * copy stopped at its time bound included) removes the copied rows: a
 * dataset exists whole or not at all.
 */
export class Datasets {
  constructor(private readonly deps: DatasetDeps) {}

  async create(project: string, actor: string | null, input: CurateDatasetInput): Promise<DatasetRecord> {
    const { client, registry } = this.deps;
    const spec = await checkDatasetInput(client, project, input, { maxRows: this.deps.maxRows }, () => this.protectedFields(project, input.model));
    if (await this.get(project, spec.id)) throw new PublicError('DATASET_EXISTS', `dataset '${spec.id}' exists; datasets are immutable, choose another id`, { field: 'input.id' });
    const insert = await snapshotInsert(client, project, spec);
    let stats: SnapshotStats;
    try {
      // A copy ClickHouse stopped at its bound keeps the blocks it had written: the catch below removes them.
      await boundedCommand(client, insert, this.deps.snapshotBound);
      stats = await snapshotStats(client, project, spec);
      if (stats.rowCount === 0) throw new PublicError('TOO_FEW_LABELED_ROWS', `model '${spec.model}' has no labeled rows in input.windows${spec.slice ? ' and input.slice' : ''}`, { field: 'input.windows' });
      const empty = stats.splits.filter((s) => spec.splits[s.split as (typeof SPLITS)[number]] > 0 && s.rowCount === 0);
      if (empty.length) {
        throw new PublicError(
          'TOO_FEW_LABELED_ROWS',
          `${stats.rowCount} labeled rows leave the ${empty.map((s) => s.split).join(' and ')} split empty; widen input.windows or change input.splits`,
          { field: 'input.splits', rowCount: stats.rowCount },
        );
      }
      const hull = { from: new Date(Math.min(...spec.windows.map((w) => w.fromMs))), to: new Date(Math.max(...spec.windows.map((w) => w.toMs))) };
      const query = JSON.stringify(specJson(spec));
      await registry
        .request(project, RegisterDatasetDocument, {
          input: {
            id: spec.id,
            contentHash: stats.contentHash,
            rowCount: stats.rowCount,
            description: spec.description,
            source: {
              model: spec.model,
              modelVersion: spec.modelVersion,
              window: { from: hull.from.toISOString(), to: hull.to.toISOString() },
              slice: spec.slice as SliceFilterInput | null,
              strategy: spec.strategy,
              query,
            },
          },
        })
        .catch((err: unknown) => {
          // The registry's own client errors (DATASET_EXISTS, …) mean something to the caller; anything else stays internal.
          if (err instanceof SubgraphRequestError && isClientErrorCode(err.code)) throw new PublicError(err.code, `registering the dataset: ${err.message}`, { field: err.field ? `input.${err.field.replace(/^input\./, '')}` : 'input' }, { cause: err });
          throw err;
        });
    } catch (err) {
      await dropSnapshot(client, project, spec.id).catch((dropErr: unknown) => this.deps.logger.error({ err: dropErr, dataset: spec.id }, 'snapshot rows of a failed dataset not removed'));
      throw err;
    }
    const record: DatasetRecord = { id: spec.id, model: spec.model, spec: specJson(spec), ...stats, createdAt: new Date(), createdBy: actor };
    await client.insert({
      table: DATASETS_TABLE,
      format: 'JSONEachRow',
      values: [
        {
          project,
          model: record.model,
          id: record.id,
          spec: JSON.stringify(record.spec),
          row_count: record.rowCount,
          content_hash: record.contentHash,
          splits: JSON.stringify(record.splits),
          class_balance: JSON.stringify(record.classBalance),
          slice_counts: JSON.stringify(record.sliceCounts),
          created_at: record.createdAt.getTime(),
          created_by: actor,
        },
      ],
    });
    await this.announce(project, record);
    return record;
  }

  async get(project: string, id: string): Promise<DatasetRecord | null> {
    const found = await rows<DatasetRow>(this.deps.client, `${SELECT_DATASET} WHERE project = {project:String} AND id = {id:String}`, { project, id });
    return found[0] ? fromRow(found[0]) : null;
  }

  async list(project: string, model: string): Promise<DatasetRecord[]> {
    const found = await rows<DatasetRow>(this.deps.client, `${SELECT_DATASET} WHERE project = {project:String} AND model = {model:String} ORDER BY created_at DESC, id`, { project, model });
    return found.map(fromRow);
  }

  /** The model's protected slices as fields (`tags.country=BR` → `tags.country`), from the registry; none when it is not registered. */
  private async protectedFields(project: string, model: string): Promise<string[]> {
    const answer = await this.deps.registry.request(project, ProtectedSlicesDocument, { name: model });
    const slices = answer.registeredModel?.registration?.protectedSlices ?? [];
    return [...new Set(slices.map((s) => s.split('=')[0]!))];
  }

  /** The dataset exists (registered, rows frozen) whatever happens here: a failed publish is logged, as the registry does. */
  private async announce(project: string, record: DatasetRecord): Promise<void> {
    const count = (split: string) => record.splits.find((s) => s.split === split)?.rowCount ?? 0;
    const event = datasetCreatedEvent.parse({
      id: `${record.id}.CREATED`,
      project,
      model: { name: record.model },
      datasetId: record.id,
      contentHash: record.contentHash,
      rowCount: record.rowCount,
      splits: { train: count('train'), validation: count('validation'), test: count('test') },
      timestamp: record.createdAt.toISOString(),
    });
    try {
      await this.deps.js.publish(CURATION_SUBJECTS.datasetCreated(project), JSON.stringify(event), { msgID: event.id });
    } catch (err) {
      this.deps.logger.error({ err, dataset: record.id }, 'dataset.created not published; the dataset is registered');
    }
  }
}

function specJson(spec: DatasetSpec): DatasetRecord['spec'] {
  return { ...spec, windows: spec.windows.map((w) => ({ from: new Date(w.fromMs).toISOString(), to: new Date(w.toMs).toISOString() })) };
}
