/**
 * compareVersionsBySlice against compareVersions: on the same data through
 * the subgraph, each entry (all traffic, a value of a tag, rows without the
 * tag, an `or` of two values, a multiclass predicted class) must answer what
 * compareVersions answers for that slice, to 1e-9 relative, for every metric
 * of every task; and the bounds are refused naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '@tideline/contracts';
import { METRICS } from '../src/metric-definitions.ts';
import type { Harness } from './harness.ts';
import { differences, HOUR, mixedRecord, mixedTrafficHarness, MODELS, T0, window } from './mixed-traffic.ts';

const P = 'pairs';
const ROWS = 360;
let h: Harness;

beforeAll(async () => {
  h = await mixedTrafficHarness(P, ROWS);
  // v2 scores the same ids (every row but every seventh) with another row's output, on the same labels.
  for (const [model, task] of Object.entries(MODELS)) {
    const shadow = Array.from({ length: ROWS }, (_, i) => i)
      .filter((i) => i % 7 !== 0)
      .map((i) => {
        const v1 = mixedRecord(P, model, task, i);
        return { ...mixedRecord(P, model, task, i + 12), id: v1.id, timestamp: v1.timestamp, tags: v1.tags, label: v1.label, modelVersion: 'v2' };
      });
    await h.publish(...shadow);
    await h.stored(P, model, ROWS + shadow.length);
  }
}, 120_000);
afterAll(async () => h?.stop());

const WINDOW = window(T0, T0 + 3 * HOUR);
const FIELDS = 'baselineValue candidateValue difference pairedCount labeledPairedCount baselineOnlyCount candidateOnlyCount test statistic pValue candidateBetter candidateWorse';
const SLICES = [
  'null',
  '{ field: "tags.country", op: EQ, value: "US" }',
  '{ field: "tags.country", op: EQ, value: "BR" }',
  '{ field: "tags.country", op: IS_NULL }',
  '{ or: [{ field: "tags.country", op: EQ, value: "FR" }, { field: "tags.country", op: EQ, value: "US" }] }',
];
/** A slice on the output, for multiclass: the two versions' rows of an id must both be in it to pair. */
const classified = (task: Task) => (task === 'MULTICLASS' ? ['{ field: "output.predictedClass", op: EQ, value: "b" }'] : []);
const metricsOf = (task: Task) => Object.entries(METRICS).flatMap(([name, d]) => (d!.tasks.includes(task) ? [name] : []));

type Any = Record<string, unknown>;
const args = (model: string, metric: string) => `model: "${model}", metric: ${metric}, window: ${WINDOW}, baseline: "v1", candidate: "v2"`;

describe('compareVersionsBySlice', () => {
  it.each(Object.entries(MODELS))('%s: every metric, each slice as compareVersions answers it', async (model, task) => {
    const slices = [...SLICES, ...classified(task)];
    for (const metric of metricsOf(task)) {
      const batched = await h.gql<{ compareVersionsBySlice: Any[] }>(P, `{ compareVersionsBySlice(${args(model, metric)}, slices: [${slices.join(', ')}]) { ${FIELDS} } }`);
      expect(batched.errors, metric).toBeUndefined();
      const one = await Promise.all(
        slices.map(async (slice) => {
          const res = await h.gql<{ compareVersions: Any }>(P, `{ compareVersions(${args(model, metric)}, slice: ${slice}) { ${FIELDS} } }`);
          expect(res.errors, `${metric} ${slice}`).toBeUndefined();
          return res.data!.compareVersions;
        }),
      );
      expect(differences(batched.data!.compareVersionsBySlice, one), metric).toEqual([]);
      // The comparison rests on pairs in every slice, and on slices that differ.
      expect(one.map((c) => c.pairedCount).filter((n) => !n), `${metric} ${JSON.stringify(one.map((c) => c.pairedCount))}`).toEqual([]);
      expect(new Set(one.map((c) => c.pairedCount)).size).toBeGreaterThan(2);
    }
  });

  it('refuses bad arguments, naming the field', async () => {
    const refused = async (extra: string) => (await h.gql(P, `{ compareVersionsBySlice(${args('bin', 'ACCURACY')}, ${extra}) { pairedCount } }`)).errors?.[0]?.extensions;
    expect(await refused('slices: []')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'slices' });
    expect(await refused(`slices: [${Array(51).fill('null').join(', ')}]`)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'slices' });
    expect(await refused('slices: [null, { field: "tags.planet", op: EQ, value: "x" }]')).toMatchObject({ code: 'FIELD_NOT_FOUND', field: 'slices' });
  });
});
