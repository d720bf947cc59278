/**
 * `tideline ingest predictions|feedback FILE --model M`: a file of records,
 * parsed by ClickHouse (source.ts) and mapped to records by it too (mapping.ts
 * decides which column is which field, record-sql.ts turns that into SQL), so
 * the engine's output is the NDJSON sent to the API — in batches, three in
 * flight, with progress. Resumable: after
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
import { buildMapping, type Kind, type Task } from './mapping.ts';
import { progressReporter } from './progress.ts';
import { recordLine, type RecordSelect } from './record-sql.ts';
import { openSource, resolveFormat } from './source.ts';

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

/** A batch: the NDJSON of its records (slices of the engine's output), and the rows the mapping rejected. */
interface Batch {
  firstRow: number;
  lastRow: number;
  pieces: Buffer[];
  records: number;
  /** In row order. */
  rejected: Rejected[];
}

const emptyBatch = (after: number): Batch => ({ firstRow: after + 1, lastRow: after, pieces: [], records: 0, rejected: [] });

/** The file row of the batch's `index`th record (the API's errors name records by index): rejected rows hold no record. */
function rowOfRecord(batch: Batch, index: number): number {
  let row = batch.firstRow + index;
  for (const { row: skipped } of batch.rejected) if (skipped <= row) row++;
  return row;
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
    const types = new Map(source.columns.map((c) => [c.name, c.type]));
    const select = recordLine(kind, mapping, types, model, task);
    await send(kind, { client, source, select, batchSize, rate, io, state, save: (s) => checkpoint.save(s), writeRejects, resumedAt: state.rowsDone });
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
  select: RecordSelect;
  batchSize: number;
  rate: number;
  io: Io;
  state: CheckpointState;
  save(state: CheckpointState): void;
  writeRejects(rejected: readonly Rejected[]): void;
  resumedAt: number;
}

/** Requests in flight at once: enough to keep the API busy while the engine builds the next batch. */
const IN_FLIGHT = 3;
const NEWLINE = 0x0a;
const REJECTED = 0x21; // '!': a line of record-sql.ts's `["field","reason"]` instead of a record

async function send(kind: Kind, ctx: SendContext): Promise<void> {
  const { client, state, io } = ctx;
  const path = kind === 'predictions' ? '/v1/predictions' : '/v1/feedback';
  const progress = progressReporter(io, ctx.source.rowCount);
  const started = performance.now();
  const inFlight: Promise<() => void>[] = [];
  // Answers are applied in file order: the checkpoint only ever moves past rows whose batch (and every earlier
  // one) was answered; after a failed batch, later answers are not counted (a resumed run sends them again).
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
    const answer = batch.records ? client.postRecords(path, Buffer.concat(batch.pieces)) : Promise.resolve({ accepted: 0, rejected: 0, errors: [] });
    inFlight.push(
      answer.then((body) => () => {
        const rejected = [...batch.rejected, ...body.errors.map((e) => ({ row: rowOfRecord(batch, e.index), field: e.field ?? '', reason: e.message }))];
        ctx.writeRejects(rejected.sort((a, b) => a.row - b.row));
        state.accepted += body.accepted;
        state.rejected += rejected.length;
        state.rowsDone = batch.lastRow;
        ctx.save(state);
        progress.update(state.rowsDone, state.rowsDone - ctx.resumedAt);
      }),
    );
  };
  let batch = emptyBatch(state.rowsDone);
  try {
    for await (const raw of ctx.source.lines(ctx.select, state.rowsDone, io.signal)) {
      // Lines are cut, never parsed: a batch is a run of the engine's bytes, minus rejected rows' lines.
      const chunk = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
      let kept = 0;
      for (let at = 0; at < chunk.length; ) {
        const end = chunk.indexOf(NEWLINE, at) + 1 || chunk.length;
        batch.lastRow++;
        if (chunk[at] === REJECTED) {
          const [field, reason] = JSON.parse(chunk.toString('utf8', at + 1, end)) as [string, string];
          batch.rejected.push({ row: batch.lastRow, field, reason });
          if (at > kept) batch.pieces.push(chunk.subarray(kept, at));
          kept = end;
        } else batch.records++;
        at = end;
        if (batch.records + batch.rejected.length < ctx.batchSize) continue;
        if (end > kept) batch.pieces.push(chunk.subarray(kept, end));
        kept = end;
        post(batch);
        batch = emptyBatch(batch.lastRow);
        if (inFlight.length >= IN_FLIGHT) await settleOldest();
        const ahead = ((batch.lastRow - ctx.resumedAt) / ctx.rate) * 1000 - (performance.now() - started);
        if (ahead > 0) await sleep(ahead, undefined, { signal: io.signal }).catch(() => undefined);
        if (io.signal.aborted) break;
      }
      if (io.signal.aborted) break;
      if (chunk.length > kept) batch.pieces.push(chunk.subarray(kept));
    }
    if (!io.signal.aborted && (batch.records || batch.rejected.length)) post(batch);
  } finally {
    // Whatever happens, what was sent is answered and checkpointed before the command ends.
    let error: unknown;
    while (inFlight.length) await settleOldest().catch((err: unknown) => (error ??= err));
    if (error) throw error; // a failed batch fails the command, after the earlier ones were checkpointed
  }
  if (!io.signal.aborted) progress.finish(state.rowsDone, state.rowsDone - ctx.resumedAt);
}
