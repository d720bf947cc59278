/**
 * Reading commands: `export dataset`, `metrics`, `decision` and `watch`
 * (watch.ts), each one GraphQL operation (or one /v1 download) through the
 * gateway.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { durationOption, expectPositional, parseArgs, UsageError } from './args.ts';
import { clientFromArgs, type Client } from './client.ts';
import type { CommandTable, Io } from './command.ts';
import { formatTable } from './table.ts';
import { watch } from './watch.ts';

const DEFAULT_METRICS = { BINARY: ['ACCURACY', 'ROC_AUC', 'LOG_LOSS'], MULTICLASS: ['ACCURACY', 'LOG_LOSS'], REGRESSION: ['MAE', 'RMSE'] } as const;

/** A row of the table: the slice's key values, its counts, one value per metric (what the query selects). */
interface SliceMetrics {
  key: { value: string | null }[];
  sampleCount: number;
  labeledCount: number;
  values: { value: number | null }[];
}

/** The window `--window` long that ends at `--to`, else at the model's latest prediction (sample data may be in the past), else now. */
async function windowOf(client: Client, model: string, length: number, to: string | undefined) {
  const { model: found } = await client.gql<{ model: { task: keyof typeof DEFAULT_METRICS | null; lastPredictionAt: string | null } | null }>(
    'query($name: String!) { model(name: $name) { task lastPredictionAt } }',
    { name: model },
  );
  if (!found) throw new UsageError(`the project has no model '${model}' (no predictions of it yet)`);
  const end = to ? Date.parse(to) : found.lastPredictionAt ? Date.parse(found.lastPredictionAt) + 1 : Date.now();
  if (Number.isNaN(end)) throw new UsageError(`--to must be an ISO 8601 time, not '${to}'`);
  return { task: found.task ?? 'BINARY', window: { from: new Date(end - length).toISOString(), to: new Date(end).toISOString() } };
}

async function metrics(args: string[], io: Io) {
  const parsed = parseArgs(args, { values: ['window', 'by', 'metrics', 'min-samples', 'to'] });
  const [model] = expectPositional(parsed, 'metrics', ['model']);
  const client = clientFromArgs(parsed, io.env);
  const { task, window } = await windowOf(client, model!, durationOption(parsed.options.get('window') ?? '7d', 'window'), parsed.options.get('to'));
  const names = parsed.options.get('metrics')?.split(',').map((m) => m.trim().toUpperCase()) ?? [...DEFAULT_METRICS[task]];
  const groupBy = parsed.options.get('by')?.split(',').map((f) => f.trim()) ?? ['modelVersion'];
  const { sliceMetrics } = await client.gql<{ sliceMetrics: SliceMetrics[] }>(
    `query($model: String!, $metrics: [MetricName!]!, $window: TimeRangeInput!, $groupBy: [String!]!, $minSamples: Int) {
      sliceMetrics(model: $model, metrics: $metrics, window: $window, groupBy: $groupBy, minSamples: $minSamples) {
        key { value } sampleCount labeledCount values { value } } }`,
    { model, metrics: names, window, groupBy, minSamples: Number(parsed.options.get('min-samples') ?? 1) },
  );
  io.err(`${model}, ${window.from} → ${window.to}, worst ${groupBy.join(' × ')} first by ${names[0]}`);
  io.out(formatTable([...groupBy, 'predictions', 'labeled', ...names], sliceMetrics.map((s) => [...s.key.map((k) => k.value), s.sampleCount, s.labeledCount, ...s.values.map((v) => v.value)])));
}

interface Decision {
  action: string;
  confidence: number;
  candidate: string | null;
  rollbackTo: string | null;
  reasons: { code: string; message: string }[];
  basedOn: { window: { from: string; to: string }; labeledCount: number; estimated: boolean };
}

async function decision(args: string[], io: Io) {
  const parsed = parseArgs(args);
  const [model] = expectPositional(parsed, 'decision', ['model']);
  const { retrainingDecision: d } = await clientFromArgs(parsed, io.env).gql<{ retrainingDecision: Decision }>(
    `query($model: String!) { retrainingDecision(model: $model) { action confidence candidate rollbackTo reasons { code message }
      basedOn { window { from to } labeledCount estimated } } }`,
    { model },
  );
  const target = d.candidate ? ` ${d.candidate}` : d.rollbackTo ? ` to ${d.rollbackTo}` : '';
  io.out(`${d.action}${target} (confidence ${d.confidence.toFixed(2)})`);
  for (const r of d.reasons) io.out(`  ${r.code}: ${r.message}`);
  io.out(`based on ${d.basedOn.labeledCount} labeled predictions, ${d.basedOn.window.from} → ${d.basedOn.window.to}${d.basedOn.estimated ? ' (performance estimated: labels missing)' : ''}`);
}

async function exportDataset(args: string[], io: Io) {
  const parsed = parseArgs(args.map((a) => (a === '-o' ? '--output' : a)), { values: ['format', 'split', 'output'] });
  const [id] = expectPositional(parsed, 'export dataset', ['id']);
  const format = parsed.options.get('format') ?? 'parquet';
  if (!['parquet', 'arrow', 'csv', 'ndjson'].includes(format)) throw new UsageError(`--format must be parquet, arrow, csv or ndjson, not '${format}'`);
  const query = new URLSearchParams({ format, ...(parsed.options.get('split') ? { split: parsed.options.get('split')! } : {}) });
  const res = await clientFromArgs(parsed, io.env).get(`/v1/datasets/${encodeURIComponent(id!)}?${query}`);
  const output = parsed.options.get('output');
  if (!output && format !== 'csv' && format !== 'ndjson' && process.stdout.isTTY) throw new UsageError(`${format} is binary: pass -o FILE (or redirect stdout)`);
  await pipeline(Readable.fromWeb(res.body! as import('node:stream/web').ReadableStream), output ? createWriteStream(output) : process.stdout);
  if (output) io.err(`dataset ${id} (${format}, content hash ${res.headers.get('x-tideline-content-hash')}) written to ${output}`);
}

export const queryCommands: CommandTable = {
  'export dataset': { usage: 'export dataset ID [--format parquet|arrow|csv|ndjson] [--split train|validation|test] [-o FILE]   a curated dataset, as ClickHouse writes it', run: exportDataset },
  metrics: { usage: 'metrics MODEL [--window 7d] [--by tags.country] [--metrics ACCURACY,…] [--min-samples N] [--to ISO]   a table, worst slice first (window ends at the latest prediction)', run: metrics },
  decision: { usage: "decision MODEL                     the loop's retraining decision: action, confidence, reasons", run: decision },
  watch: { usage: 'watch MODEL                        live alerts, loop events and failing monitors, until Ctrl-C', run: watch, interruptible: true },
};
