import type { KV } from '@nats-io/kv';
import { z } from 'zod';
import { PublicError, badInput } from '@tideline/graphql';
import { bucketKeys, isCompareAndSetConflict } from '@tideline/nats';
import { checkDatasetId, checkModelName, checkSha256, checkVersionName, fromToken, toToken } from './names.ts';

export const datasetRecord = z.object({
  id: z.string(),
  /** sha256 of the rows, as whoever built the snapshot computed it. */
  contentHash: z.string(),
  rowCount: z.number().int().nullable(),
  description: z.string().nullable(),
  createdAt: z.string(),
  registeredBy: z.string().nullable(),
  /** Where the rows came from: predictions of `model` (and version) in `window`, filtered by `slice`. */
  source: z.object({
    model: z.string().nullable(),
    modelVersion: z.string().nullable(),
    window: z.object({ from: z.string(), to: z.string() }).nullable(),
    slice: z.unknown(),
    strategy: z.string().nullable(),
    query: z.string().nullable(),
  }),
});
export type DatasetRecord = z.infer<typeof datasetRecord>;

export interface DatasetInput {
  id: string;
  contentHash: string;
  rowCount?: number | null;
  description?: string | null;
  createdAt?: Date | null;
  source?: {
    model?: string | null;
    modelVersion?: string | null;
    window?: { from: Date; to: Date } | null;
    slice?: unknown;
    strategy?: string | null;
    query?: string | null;
  } | null;
}

const key = (project: string, id: string) => `${project}.${toToken(id)}`;
const { registeredBy: _ignored, ...comparable } = datasetRecord.shape;
const sameContent = z.object(comparable);

/**
 * Dataset snapshots and the reverse index "versions trained on a dataset",
 * in NATS KV. Datasets are immutable: registering the same id again with the
 * same content is a no-op, with other content DATASET_EXISTS. The index is
 * written before the version's log entry, so a crash between the two leaves
 * at worst an entry pointing at a version that does not exist, which readers
 * skip; never a version missing from its dataset's list.
 */
export class Datasets {
  constructor(
    private readonly records: KV,
    private readonly index: KV,
  ) {}

  async register(project: string, input: DatasetInput, actor: string | null, field = 'input'): Promise<DatasetRecord> {
    const source = input.source ?? {};
    if (input.rowCount != null && input.rowCount < 0) throw badInput(`${field}.rowCount must not be negative`, `${field}.rowCount`);
    const window = source.window ?? null;
    if (window && !(window.from < window.to)) throw badInput(`${field}.source.window.from must be before window.to`, `${field}.source.window`);
    const record: DatasetRecord = {
      id: checkDatasetId(input.id, `${field}.id`),
      contentHash: checkSha256(input.contentHash, `${field}.contentHash`),
      rowCount: input.rowCount ?? null,
      description: input.description ?? null,
      createdAt: (input.createdAt ?? new Date()).toISOString(),
      registeredBy: actor,
      source: {
        model: source.model == null ? null : checkModelName(source.model, `${field}.source.model`),
        modelVersion: source.modelVersion == null ? null : checkVersionName(source.modelVersion, `${field}.source.modelVersion`),
        window: window && { from: window.from.toISOString(), to: window.to.toISOString() },
        slice: source.slice ?? null,
        strategy: source.strategy ?? null,
        query: source.query ?? null,
      },
    };
    try {
      await this.records.create(key(project, record.id), JSON.stringify(record));
      return record;
    } catch (err) {
      if (!isCompareAndSetConflict(err)) throw err;
      const existing = await this.get(project, record.id);
      if (!existing) throw err;
      // Without a createdAt of its own, a repeat means the same snapshot.
      const repeat = { ...record, createdAt: input.createdAt ? record.createdAt : existing.createdAt };
      if (JSON.stringify(sameContent.parse(existing)) === JSON.stringify(sameContent.parse(repeat))) return existing;
      throw new PublicError('DATASET_EXISTS', `dataset '${record.id}' exists with other content; datasets are immutable, register a new id`, { field: `${field}.id` });
    }
  }

  async get(project: string, id: string): Promise<DatasetRecord | null> {
    const entry = await this.records.get(key(project, id));
    return entry && entry.operation === 'PUT' ? datasetRecord.parse(entry.json()) : null;
  }

  async linkVersion(project: string, datasetId: string, model: string, version: string): Promise<void> {
    await this.index.put(`${key(project, datasetId)}.${toToken(model)}.${toToken(version)}`, '');
  }

  /** (model, version) pairs indexed under the dataset; callers check each against the model's log. */
  async versionsOf(project: string, datasetId: string): Promise<{ model: string; version: string }[]> {
    const prefix = `${key(project, datasetId)}.`;
    const found: { model: string; version: string }[] = [];
    for (const k of await bucketKeys(this.index, `${prefix}>`)) {
      const [model, version] = k.slice(prefix.length).split('.');
      if (model && version) found.push({ model: fromToken(model), version: fromToken(version) });
    }
    return found.sort((a, b) => a.model.localeCompare(b.model) || a.version.localeCompare(b.version));
  }
}
