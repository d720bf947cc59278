/**
 * `tideline ingest predictions|feedback FILE --model M`: a file of records,
 * parsed by ClickHouse (source.ts), mapped to records (mapping.ts) and sent to
 * the NDJSON API in batches, two in flight, with progress. Resumable: after
 * each batch the API answered, the checkpoint (checkpoint.ts) records the last
 * row done; an interrupted run (Ctrl-C, a kill, a lost connection) run again
 * resumes after it. Each row is stored once either way: a resumed run re-sends
 * at most the batches that were in flight, and records carry their ids (the
 * file's, or `<digest of name and size>-<row>`), which the platform stores once.
 */
import { appendFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs, UsageError } from './args.ts';
import { checkpointFor, type CheckpointState } from './checkpoint.ts';
import { clientFromArgs, type Client } from './client.ts';
import type { Io } from './command.ts';
import { buildMapping, Rejection, toRecord, type Kind, type Mapping, type Task } from './mapping.ts';
import { progressReporter } from './progress.ts';
import { openSource, resolveFormat, type SourceRow } from './source.ts';

interface Rejected {
  row: number;
  field: string;
  reason: string;
}

const csvField = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** The rejected rows' file: `row,field,reason`, one line per rejection. */
function rejectsWriter(path: string, resuming: boolean) {
  if (!resuming) rmSync(path, { force: true });
  let started = resuming;
  return (rejected: readonly Rejected[]) => {
    if (!rejected.length) return;
    if (!started) writeFileSync(path, 'row,field,reason\n');
    started = true;
    appendFileSync(path, rejected.map((r) => `${r.row},${csvField(r.field)},${csvField(r.reason)}\n`).join(''));
  };
}

async function modelTask(client: Client, model: string, given: string | undefined): Promise<Task | undefined> {
  if (given) {
    const task = given.toUpperCase();
    if (!['BINARY', 'MULTICLASS', 'REGRESSION'].includes(task)) throw new UsageError(`--task must be binary, multiclass or regression, not '${given}'`);
    return task as Task;
  }
  // Also the first request: a wrong URL or key fails here, before any parsing.
  const { model: found } = await client.gql<{ model: { task: Task } | null }>('query($name: String!) { model(name: $name) { task } }', { name: model });
  return found?.task;
}

interface Batch {
  lastRow: number;
  rows: number[];
  records: Record<string, unknown>[];
  rejected: Rejected[];
}

/** `tideline ingest <kind> FILE …` (usage in main.ts, which loads this module, and chDB with it, only for ingest). */
export async function ingest(kind: Kind, args: string[], io: Io): Promise<void> {
  const parsed = parseArgs(args, { values: ['model', 'map', 'tags', 'format', 'batch-size', 'rate', 'rejects', 'task'], switches: ['restart'] });
  if (parsed.positional.length !== 1) throw new UsageError(`ingest ${kind} takes one FILE`);
  const file = parsed.positional[0]!;
  const model = parsed.options.get('model');
  if (!model) throw new UsageError('--model is required: the model the records belong to');
  const batchSize = Number(parsed.options.get('batch-size') ?? 10_000);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) throw new UsageError('--batch-size must be a whole number from 1 to 100000 (the API takes at most 100000 records a request)');
  const rate = parsed.options.has('rate') ? Number(parsed.options.get('rate')) : Infinity;
  if (!(rate > 0)) throw new UsageError('--rate must be a positive number of rows a second');
  let stats;
  try {
    stats = statSync(file);
  } catch {
    throw new UsageError(`cannot read ${file}: no such file`);
  }
  const format = resolveFormat(file, parsed.options.get('format'));
  const client = clientFromArgs(parsed, io.env);
  const task = await modelTask(client, model, parsed.options.get('task'));
  const source = openSource(file, format);
  try {
    const mapping = buildMapping(
      kind,
      source.columns.map((c) => c.name),
      { map: parsed.options.get('map'), tags: parsed.options.get('tags'), file, size: stats.size },
    );
    const checkpoint = checkpointFor(file, stats, { kind, model, map: parsed.options.get('map'), tags: parsed.options.get('tags'), format, url: client.url }, io.env);
    if (parsed.switches.has('restart')) checkpoint.remove();
    const resumed = checkpoint.load();
    const state: CheckpointState = resumed ?? { rowsDone: 0, accepted: 0, rejected: 0 };
    if (resumed) io.err(`resuming ${file} after row ${resumed.rowsDone.toLocaleString('en-US')} (checkpoint ${checkpoint.path}; --restart to start over)`);
    if (mapping.idPrefix) io.err(`${file} has no id column: records get ids ${mapping.idPrefix}-<row>, the same on every run of this file`);
    const rejectsPath = parsed.options.get('rejects') ?? `${file}.rejected.csv`;
    const writeRejects = rejectsWriter(rejectsPath, resumed !== undefined);
    await send(kind, { client, source, mapping, model, task, batchSize, rate, io, state, save: (s) => checkpoint.save(s), writeRejects, resumedAt: state.rowsDone });
    const what = `${state.accepted.toLocaleString('en-US')} accepted, ${state.rejected.toLocaleString('en-US')} rejected`;
    if (io.signal.aborted) {
      io.err(`interrupted after row ${state.rowsDone.toLocaleString('en-US')} (${what}); run the same command again to resume`);
      return;
    }
    checkpoint.remove();
    io.out(`${kind} from ${file}: ${what}${state.rejected ? ` (row, field and reason of each in ${rejectsPath})` : ''}`);
  } finally {
    source.close();
  }
}

interface SendContext {
  client: Client;
  source: ReturnType<typeof openSource>;
  mapping: Mapping;
  model: string;
  task: Task | undefined;
  batchSize: number;
  rate: number;
  io: Io;
  state: CheckpointState;
  save(state: CheckpointState): void;
  writeRejects(rejected: readonly Rejected[]): void;
  resumedAt: number;
}

async function send(kind: Kind, ctx: SendContext): Promise<void> {
  const { client, state, io } = ctx;
  const path = kind === 'predictions' ? '/v1/predictions' : '/v1/feedback';
  const progress = progressReporter(io, ctx.source.rowCount);
  const started = performance.now();
  const inFlight: Promise<() => void>[] = [];
  // Batches complete in order: the checkpoint only ever moves past rows whose batch (and every earlier one)
  // was answered; after a failed batch, later answers are not counted (a resumed run sends them again).
  let failed = false;
  const settleOldest = async () => {
    const next = inFlight.shift()!;
    try {
      const apply = await next;
      if (!failed) apply();
    } catch (err) {
      failed = true;
      throw err;
    }
  };
  const post = (batch: Batch) => {
    const answer = batch.records.length ? client.postRecords(path, batch.records.map((r) => JSON.stringify(r)).join('\n')) : Promise.resolve({ accepted: 0, rejected: 0, errors: [] });
    inFlight.push(
      answer.then((body) => () => {
        const rejected = [...batch.rejected, ...body.errors.map((e) => ({ row: batch.rows[e.index]!, field: e.field ?? '', reason: e.message }))];
        ctx.writeRejects(rejected.sort((a, b) => a.row - b.row));
        state.accepted += body.accepted;
        state.rejected += rejected.length;
        state.rowsDone = batch.lastRow;
        ctx.save(state);
        progress.update(state.rowsDone, state.rowsDone - ctx.resumedAt);
      }),
    );
  };
  let batch: Batch = { lastRow: state.rowsDone, rows: [], records: [], rejected: [] };
  const add = (row: SourceRow) => {
    batch.lastRow = row.__row;
    try {
      batch.records.push(toRecord(kind, row, ctx.mapping, ctx.model, ctx.task));
      batch.rows.push(row.__row);
    } catch (err) {
      if (!(err instanceof Rejection)) throw err;
      batch.rejected.push({ row: row.__row, field: err.field, reason: err.message });
    }
  };
  try {
    for await (const block of ctx.source.blocks(state.rowsDone, io.signal)) {
      for (const row of block) {
        add(row);
        if (batch.records.length + batch.rejected.length < ctx.batchSize) continue;
        post(batch);
        batch = { lastRow: batch.lastRow, rows: [], records: [], rejected: [] };
        if (inFlight.length >= 2) await settleOldest();
        const ahead = ((batch.lastRow - ctx.resumedAt) / ctx.rate) * 1000 - (performance.now() - started);
        if (ahead > 0) await sleep(ahead, undefined, { signal: io.signal }).catch(() => undefined);
        if (io.signal.aborted) break;
      }
      if (io.signal.aborted) break;
    }
    if (!io.signal.aborted && (batch.records.length || batch.rejected.length)) post(batch);
  } finally {
    // Whatever happens, what was sent is answered and checkpointed before the command ends.
    let error: unknown;
    while (inFlight.length) await settleOldest().catch((err: unknown) => (error ??= err));
    if (error) throw error; // a failed batch fails the command, after the earlier ones were checkpointed
  }
  if (!io.signal.aborted) progress.finish(state.rowsDone, state.rowsDone - ctx.resumedAt);
}
