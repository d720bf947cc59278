/**
 * Additive metrics as sums (metric-sums.ts): for every metric and task that
 * has a decomposition, the value of its parts summed over the parts of a
 * group (as sliceMetrics sums a slice's buckets) equals the metric's SQL over
 * the group's rows, to 1e-9 relative, null where the metric is undefined.
 * Metrics that are not additive have no decomposition.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouseClient, type ClickHouseClient } from '@tideline/clickhouse';
import type { Task } from '@tideline/contracts';
import { seededRandom } from '@tideline/runtime';
import { tempDir, type TempDir } from '@tideline/testing';
import type { MetricName } from './__generated__/resolvers-types.ts';
import { METRICS, type Average } from './metric-definitions.ts';
import { finiteOrNull } from './metric-series.ts';

let dir: TempDir;
let client: ClickHouseClient;

/** Rows of each task in groups of four parts (the buckets); a group of each task without labels; scores on the ECE bins' edges. */
function generateRows(): Record<string, unknown>[] {
  const r = seededRandom(14);
  const out: Record<string, unknown>[] = [];
  const classes = ['a', 'b', 'c'];
  const pick = () => classes[Math.floor(r() * 3)]!;
  for (let i = 0; i < 600; i++) {
    const part = i % 4;
    const labeled = i % 5 !== 0;
    const score = i % 50 === 0 ? (i % 100) / 100 : r();
    out.push({ grp: 'bin', part, score, label_positive: labeled ? r() < score : null });
    out.push({ grp: 'bin-unlabeled', part, score });
    const value = r() * 10 - 2;
    out.push({ grp: 'reg', part, value, label_value: labeled ? (i % 40 === 0 ? 0 : value + r() - 0.5) : null });
    out.push({ grp: 'reg-unlabeled', part, value });
    const p = [r(), r(), r()];
    const probabilities = Object.fromEntries(classes.flatMap((c, k) => (i % 9 === k ? [] : [[c, p[k]! / (p[0]! + p[1]! + p[2]!)]])));
    out.push({ grp: 'mc', part, predicted_class: pick(), probabilities, label_class: labeled ? pick() : null });
    out.push({ grp: 'mc-unlabeled', part, predicted_class: pick(), probabilities });
  }
  return out;
}

beforeAll(async () => {
  dir = tempDir('metric-sums-');
  client = createClickHouseClient(`chdb://${dir.path}`);
  await client.command({
    query: `CREATE TABLE parts_rows (
      grp String, part UInt8, score Nullable(Float64), value Nullable(Float64), predicted_class Nullable(String),
      probabilities Map(String, Float64), label_positive Nullable(Bool), label_class Nullable(String), label_value Nullable(Float64),
      labeled Bool ALIAS label_positive IS NOT NULL OR label_class IS NOT NULL OR label_value IS NOT NULL
    ) ENGINE = Memory`,
  });
  await client.insert({ table: 'parts_rows', values: generateRows().map((row) => ({ probabilities: {}, ...row })), format: 'JSONEachRow' });
});

afterAll(async () => {
  await client?.close();
  dir?.remove();
});

async function byGroup(query: string): Promise<Record<string, number | null>> {
  const rows = await (await client.query({ query, format: 'JSONEachRow' })).json<{ grp: string; v: number | null }>();
  return Object.fromEntries(rows.map((row) => [row.grp, row.v]));
}

/** Every additive metric and task (the average matters to multiclass only). */
const ADDITIVE: [MetricName, Task, Average][] = [
  ...(['COUNT', 'LABELED_COUNT'] as const).flatMap((m) => (['BINARY', 'MULTICLASS', 'REGRESSION'] as const).map((t): [MetricName, Task, Average] => [m, t, 'MACRO'])),
  ...(['ACCURACY', 'PRECISION', 'RECALL', 'F1', 'LOG_LOSS', 'BRIER', 'ECE', 'POSITIVE_RATE', 'LABEL_POSITIVE_RATE'] as const).map((m): [MetricName, Task, Average] => [m, 'BINARY', 'MACRO']),
  ['ACCURACY', 'MULTICLASS', 'MACRO'],
  ['LOG_LOSS', 'MULTICLASS', 'MACRO'],
  ...(['PRECISION', 'RECALL', 'F1'] as const).map((m): [MetricName, Task, Average] => [m, 'MULTICLASS', 'MICRO']),
  ...(['MAE', 'RMSE', 'MAPE'] as const).map((m): [MetricName, Task, Average] => [m, 'REGRESSION', 'MACRO']),
];

describe('additive metrics as sums', () => {
  it.each(ADDITIVE)('%s (%s, average %s): the parts summed over the buckets give the value over their rows', async (name, task, average) => {
    const definition = METRICS[name]!;
    const sums = definition.sums?.({ task, average });
    expect(sums, 'a decomposition').toBeDefined();
    const direct = await byGroup(`SELECT grp, ${finiteOrNull(definition.sql({ task, average }))} AS v FROM parts_rows GROUP BY grp`);
    const perPart = sums!.parts.map((sql, j) => `${sql} AS p${j}`).join(', ');
    const summed = sums!.value(sums!.parts.map((_, j) => `sum(p${j})`));
    const fromParts = await byGroup(`SELECT grp, ${finiteOrNull(summed)} AS v FROM (SELECT grp, part, ${perPart} FROM parts_rows GROUP BY grp, part) GROUP BY grp`);
    expect(Object.keys(fromParts).sort()).toEqual(Object.keys(direct).sort());
    const own = { BINARY: 'bin', MULTICLASS: 'mc', REGRESSION: 'reg' }[task];
    expect(direct[own], 'defined on its task').not.toBeNull();
    for (const [grp, v] of Object.entries(direct)) {
      if (v === null) expect(fromParts[grp], grp).toBeNull();
      else expect(Math.abs(fromParts[grp]! - v), grp).toBeLessThanOrEqual(1e-9 * Math.max(1e-300, Math.abs(v)));
    }
    if (!['COUNT', 'LABELED_COUNT'].includes(name)) expect(direct[`${own}-unlabeled`], 'undefined without labels').toBeNull();
  });

  it.each([
    ['ROC_AUC', 'BINARY', 'MACRO'],
    ['PR_AUC', 'BINARY', 'MACRO'],
    ['R2', 'REGRESSION', 'MACRO'],
    ...(['PRECISION', 'RECALL', 'F1'] as const).flatMap((m) => (['MACRO', 'WEIGHTED'] as const).map((a) => [m, 'MULTICLASS', a])),
  ] as [MetricName, Task, Average][])('%s (%s %s) is not additive: no decomposition', (name, task, average) => {
    expect(METRICS[name]!.sums?.({ task, average })).toBeUndefined();
  });
});
