/**
 * `tideline demo-data`: a week of realistic sample traffic, so that metrics,
 * slices, drift and estimates have something to show. It is the loop demo's
 * synthetic churn model (tools/demo/stream.ts: x1, x2, country; v1 scores
 * with the old rule; 5 % label noise) over 7 days from 2026-01-01, with two
 * changes in the last two days: DE's rule flips (accuracy on DE falls) and x2
 * and the device mix shift (drift a report finds on features.x2 and
 * tags.device, none on x1). 80 % of predictions carry their label; the rest
 * stay unlabeled, for labeling requests and estimated performance. Ids are
 * deterministic: running it again stores nothing twice.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { hyperplaneStream } from '../demo/stream-hyperplane.ts';
import { DAY, prediction, rows, type Row } from '../demo/stream.ts';
import { expectPositional, parseArgs, UsageError } from './args.ts';
import { clientFromArgs } from './client.ts';
import type { Io } from './command.ts';
import { progressReporter } from './progress.ts';

const DRIFT_DAYS = 2;
const DEVICES = ['ios', 'android', 'web'] as const;
const STORE_WAIT_MS = 180_000;
/** The demo's churn model with DE's rule flipped in the drifted days (its hyperplane turned by π). */
const STREAM = hyperplaneStream(Math.PI);

/** A row's prediction record: the demo's, with a device tag, and its label inline unless it is among the unlabeled share. */
function record(model: string, row: Row, drifted: boolean, i: number, labeledShare: number) {
  const shifted = drifted ? { ...row, features: { ...row.features, x2: row.features.x2! + 1 } } : row;
  const base = prediction(model, STREAM, shifted);
  // Before the drift a third each; after it, web takes half of the traffic.
  const device = DEVICES[drifted ? [0, 1, 2, 2][i % 4]! : i % 3]!;
  const labeled = ((i * 7919) % 100) / 100 < labeledShare;
  return { ...base, tags: { ...base.tags, device }, ...(labeled ? { label: { positive: row.label } } : {}) };
}

/** `tideline demo-data` (usage in main.ts, which loads this module only for it). */
export async function demoData(args: string[], io: Io) {
  const parsed = parseArgs(args, { values: ['model', 'from', 'days', 'rows', 'labeled'] });
  expectPositional(parsed, 'demo-data', []);
  const model = parsed.options.get('model') ?? 'churn';
  const from = Date.parse(parsed.options.get('from') ?? '2026-01-01T00:00:00Z');
  const days = Number(parsed.options.get('days') ?? 7);
  const perDay = Number(parsed.options.get('rows') ?? 7000) / days;
  const labeledShare = Number(parsed.options.get('labeled') ?? 0.8);
  if (Number.isNaN(from)) throw new UsageError('--from must be an ISO 8601 date');
  if (!Number.isInteger(days) || days <= DRIFT_DAYS) throw new UsageError(`--days must be a whole number above ${DRIFT_DAYS}`);
  if (!(perDay >= 3)) throw new UsageError('--rows must be at least 3 a day');
  if (!(labeledShare >= 0 && labeledShare <= 1)) throw new UsageError('--labeled must be a share from 0 to 1');
  const client = clientFromArgs(parsed, io.env);
  const { model: before } = await client.gql<{ model: { predictionCount: number } | null }>('query($m: String!) { model(name: $m) { predictionCount } }', { m: model });
  const total = Math.round(perDay) * days;
  const progress = progressReporter(io, total);
  let sent = 0;
  for (let day = 0; day < days; day++) {
    const drifted = day >= days - DRIFT_DAYS;
    const range = { from: from + day * DAY, to: from + (day + 1) * DAY };
    const dayRows = rows(STREAM, Math.round(perDay), range, drifted, 1000 + day, `demo-${day}-`);
    const records = dayRows.map((r, i) => record(model, r, drifted, i, labeledShare));
    const answer = await client.postRecords('/v1/predictions', records.map((r) => JSON.stringify(r)).join('\n'));
    if (answer.rejected) throw new Error(`the API rejected ${answer.rejected} sample predictions: ${JSON.stringify(answer.errors.slice(0, 3))}`);
    sent += records.length;
    progress.update(sent, sent);
  }
  progress.finish(sent, sent);
  // The store writes asynchronously: wait until every row is queryable, so the next command sees it all.
  const expected = Math.max(before?.predictionCount ?? 0, 0);
  const deadline = Date.now() + STORE_WAIT_MS;
  for (;;) {
    const { model: now } = await client.gql<{ model: { predictionCount: number; labeledCount: number } | null }>('query($m: String!) { model(name: $m) { predictionCount labeledCount } }', { m: model });
    if (now && now.predictionCount >= Math.max(expected, total)) {
      const driftFrom = new Date(from + (days - DRIFT_DAYS) * DAY).toISOString();
      io.out(`${model}: ${now.predictionCount} predictions stored (${now.labeledCount} labeled), ${new Date(from).toISOString()} → ${new Date(from + days * DAY).toISOString()}`);
      io.out(`from ${driftFrom}: DE's churn rule flips (v1 is wrong there) and features.x2 and tags.device drift`);
      return;
    }
    if (Date.now() > deadline) throw new Error(`sent ${total} predictions, but after ${STORE_WAIT_MS / 1000} s the store holds ${now?.predictionCount ?? 0}`);
    await sleep(500, undefined, { signal: io.signal });
  }
}
