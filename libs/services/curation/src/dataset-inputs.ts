import type { ClickHouseClient } from '@tideline/clickhouse';
import type { Task } from '@tideline/contracts';
import { badInput, PublicError } from '@tideline/graphql';
import { DURATION_FORMAT, parseDuration } from '@tideline/runtime';
import { checkWindow, type Window } from '@tideline/store';
import { checkInt, checkModel, checkModelVersion, compileSlice, groupKeySql, taskOfModel } from './inputs.ts';

export type DatasetStrategy = 'ALL' | 'RANDOM' | 'RECENT' | 'LABEL_REQUESTS';
export type DatasetBalance = 'NONE' | 'UNDERSAMPLE';

export interface CurateDatasetInput {
  id?: string | null;
  model: string;
  windows: { from: Date; to: Date }[];
  slice?: unknown;
  modelVersion?: string | null;
  strategy?: DatasetStrategy | null;
  maxRows?: number | null;
  balance?: DatasetBalance | null;
  recencyHalfLife?: string | null;
  upweight?: { slice?: unknown; factor: number }[] | null;
  splits?: { train?: number | null; validation?: number | null; test?: number | null } | null;
  stratifyBy?: string[] | null;
  seed?: number | null;
  description?: string | null;
}

/** The request, checked and normalized: what the dataset records as its spec, and what the SQL is built from. */
export interface DatasetSpec {
  id: string;
  model: string;
  task: Task;
  windows: Window[];
  slice: unknown;
  modelVersion: string | null;
  strategy: DatasetStrategy;
  maxRows: number;
  balance: DatasetBalance;
  recencyHalfLife: string | null;
  recencyHalfLifeMs: number | null;
  upweight: { slice: unknown; factor: number }[];
  splits: { train: number; validation: number; test: number };
  stratifyBy: string[];
  seed: number;
  description: string | null;
}

const DATASET_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
export const MAX_WINDOWS = 20;
export const MAX_UPWEIGHTS = 20;

/** Milliseconds of a duration (the platform's one grammar, @tideline/runtime); anything else is refused, naming `field`. */
function durationMs(text: string, field: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw badInput(`${field} must be a duration such as 7d, 12h or 30m (${DURATION_FORMAT}); got '${text.slice(0, 40)}'`, field);
  return ms;
}

/** Every check that needs no rows, then the ones that need the store (the model's task, its fields). */
export async function checkDatasetInput(client: ClickHouseClient, project: string, input: CurateDatasetInput, limits: { maxRows: number }, defaultStratifyBy: () => Promise<string[]>): Promise<DatasetSpec> {
  const model = checkModel(input.model, 'input.model');
  if (input.id != null && !DATASET_ID.test(input.id)) throw badInput("input.id must be 1 to 128 letters, digits, '_', '.', ':' or '-', starting with a letter or digit", 'input.id');
  if (!input.windows.length || input.windows.length > MAX_WINDOWS) throw badInput(`input.windows takes 1 to ${MAX_WINDOWS} windows`, 'input.windows');
  const windows = input.windows.map((w, i) => checkWindow(w, `input.windows[${i}]`));
  const maxRows = checkInt(input.maxRows ?? limits.maxRows, 'input.maxRows', 1, limits.maxRows, 'CURATION_MAX_DATASET_ROWS');
  const splits = { train: input.splits?.train ?? 0.8, validation: input.splits?.validation ?? 0.1, test: input.splits?.test ?? 0.1 };
  for (const [name, share] of Object.entries(splits)) if (!(share >= 0 && share <= 1)) throw badInput(`input.splits.${name} must be from 0 to 1; got ${share}`, `input.splits.${name}`);
  if (Math.abs(splits.train + splits.validation + splits.test - 1) > 1e-9) throw badInput('input.splits must add up to 1', 'input.splits');
  const upweight = input.upweight ?? [];
  if (upweight.length > MAX_UPWEIGHTS) throw badInput(`input.upweight takes at most ${MAX_UPWEIGHTS} slices`, 'input.upweight');
  upweight.forEach((u, i) => {
    if (!(u.factor > 0 && u.factor <= 1000)) throw badInput(`input.upweight[${i}].factor must be above 0 and at most 1000; got ${u.factor}`, `input.upweight[${i}].factor`);
    if (u.slice == null) throw badInput(`input.upweight[${i}].slice is required`, `input.upweight[${i}].slice`);
  });
  const seed = checkInt(input.seed ?? 0, 'input.seed', -(2 ** 31), 2 ** 31 - 1);
  const description = input.description?.trim() || null;
  if (description && description.length > 2000) throw badInput('input.description must be at most 2000 characters', 'input.description');
  const recencyHalfLifeMs = input.recencyHalfLife ? durationMs(input.recencyHalfLife, 'input.recencyHalfLife') : null;
  const modelVersion = checkModelVersion(input.modelVersion, 'input.modelVersion');

  const task = await taskOfModel(client, project, model, 'input.model');
  const balance = input.balance ?? 'NONE';
  if (balance === 'UNDERSAMPLE' && task === 'REGRESSION') throw new PublicError('BALANCE_NOT_APPLICABLE', 'UNDERSAMPLE balances classes; a REGRESSION model has none', { field: 'input.balance' });
  await compileSlice(client, project, model, task, input.slice ?? null, 'input.slice');
  for (const [i, u] of upweight.entries()) await compileSlice(client, project, model, task, u.slice, `input.upweight[${i}].slice`);
  let stratifyBy: string[];
  if (input.stratifyBy) {
    stratifyBy = input.stratifyBy;
    if (stratifyBy.length > 3) throw badInput('input.stratifyBy takes at most 3 fields', 'input.stratifyBy');
    for (const [i, field] of stratifyBy.entries()) await groupKeySql(client, { project, model, task }, field, 'check', `input.stratifyBy[${i}]`);
  } else {
    // The registry's protected slices, those the store's rows can be grouped by (a registration may name fields the traffic lacks).
    stratifyBy = [];
    for (const field of (await defaultStratifyBy()).slice(0, 3)) {
      const usable = await groupKeySql(client, { project, model, task }, field, 'check', 'input.stratifyBy').then(() => true, () => false);
      if (usable) stratifyBy.push(field);
    }
  }
  return {
    id: input.id ?? `ds_${Date.now().toString(36)}${Math.random().toString(16).slice(2, 10)}`,
    model,
    task,
    windows,
    slice: input.slice ?? null,
    modelVersion,
    strategy: input.strategy ?? 'ALL',
    maxRows,
    balance,
    recencyHalfLife: input.recencyHalfLife?.trim() || null,
    recencyHalfLifeMs,
    upweight: upweight.map((u) => ({ slice: u.slice, factor: u.factor })),
    splits,
    stratifyBy,
    seed,
    description,
  };
}
