/**
 * Offline evaluation's refusals: malformed lines rejected with their line
 * number and field while the rest is evaluated; the query string, the row
 * bound (METRICS_OFFLINE_MAX_ROWS, 1,100 here) and the breadth bounds refused
 * with the field named; a bad signature answered 401; and no scratch row
 * left behind by any of them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSignedFile, signRequest } from '@tideline/graphql';
import { ndjson } from '@tideline/testing';
import { SECRET, startHarness, type Harness } from './harness.ts';
import { evaluate, valuesOf } from './offline-client.ts';

let h: Harness;
const row = (score: number, positive: boolean, slices?: Record<string, string>) => ({ output: { score }, label: { positive }, ...(slices ? { slices } : {}) });
const GOOD = [row(0.9, true), row(0.2, false), row(0.6, false), row(0.4, true)];

/** Rows left in the scratch table: every request drops its own. */
async function scratchRows(): Promise<number> {
  const result = await h.clickhouse.query({ query: 'SELECT count() AS n FROM metrics_offline_rows', format: 'JSONEachRow' });
  return Number((await result.json<{ n: string }>())[0]!.n);
}

beforeAll(async () => {
  h = await startHarness({ METRICS_OFFLINE_MAX_ROWS: '1100' });
}, 120_000);
afterAll(async () => h?.stop());

describe('offline evaluation refusals', () => {
  it('rejects malformed lines with their number and field, and evaluates the rest', async () => {
    const body = [
      JSON.stringify(GOOD[0]),
      '{"output": {"score": 0.3}, "label": ', // not JSON
      '', // blank: skipped, still numbered
      JSON.stringify({ output: { value: 3 }, label: { positive: true } }), // a regression output
      JSON.stringify({ output: { score: 1.5 }, label: { positive: true } }),
      JSON.stringify({ output: { score: 0.5 } }), // no label
      JSON.stringify({ ...GOOD[1], variant: 'no spaces allowed' }),
      JSON.stringify({ ...GOOD[2], slices: { 'tags.country': 7 } }),
      JSON.stringify({ ...GOOD[3], slices: { '1bad': 'x' } }),
      '[1, 2]',
      ...GOOD.slice(1).map((r) => JSON.stringify(r)),
    ].join('\n');
    const { status, body: answer } = await evaluate(h.url, 'task=BINARY&metrics=ROC_AUC', body);
    expect(status).toBe(200);
    expect(answer.rows).toBe(4);
    expect(answer.rejectedCount).toBe(8);
    expect(answer.rejected!.map(({ line, field }) => ({ line, field }))).toEqual([
      { line: 2, field: 'line' },
      { line: 4, field: 'output.score' },
      { line: 5, field: 'output.score' },
      { line: 6, field: 'label' },
      { line: 7, field: 'variant' },
      { line: 8, field: 'slices.tags.country' },
      { line: 9, field: 'slices' },
      { line: 10, field: 'line' },
    ]);
    expect(answer.rejected![0]!.reason).toMatch(/^not valid JSON/);
    expect(answer.rejected![3]!.reason).toBe('is required: { positive: true | false }');
    // The four good rows: scores 0.9, 0.2, 0.6, 0.4 for labels 1, 0, 0, 1 → 3 of 4 pairs ordered, AUC 0.75.
    expect(valuesOf(answer, 'model').get('|ROC_AUC')).toEqual({ slice: null, metric: 'ROC_AUC', value: 0.75, sampleCount: 4 });
    expect(await scratchRows()).toBe(0);
  });

  it('refuses a bad query string naming task or metrics', async () => {
    const cases: [string, string, RegExp][] = [
      ['', 'task', /task is required/],
      ['task=RANKING', 'task', /not one of BINARY, MULTICLASS, REGRESSION/],
      ['task=BINARY&metrics=MAE', 'metrics', /MAE does not apply to BINARY/],
      ['task=MULTICLASS&metrics=ROC_AUC', 'metrics', /ROC_AUC does not apply to MULTICLASS/],
      ['task=BINARY&metrics=COUNT', 'metrics', /not an evaluation metric/],
      ['task=BINARY&metrics=F1,F1', 'metrics', /twice/],
      ['task=BINARY&metrics=', 'metrics', /at least one/],
    ];
    for (const [query, field, message] of cases) {
      const { status, body } = await evaluate(h.url, query, GOOD);
      expect({ query, status, code: body.error?.code, field: body.error?.field }).toEqual({ query, status: 400, code: 'BAD_USER_INPUT', field });
      expect(body.error!.message).toMatch(message);
    }
  });

  it('refuses a body with no valid row, and one past the row bound', async () => {
    const none = await evaluate(h.url, 'task=REGRESSION', GOOD);
    expect(none.status).toBe(400);
    expect(none.body.error).toMatchObject({ code: 'NO_VALID_ROWS', field: 'body', rejectedCount: 4 });
    expect(none.body.error!.rejected).toHaveLength(4);
    expect((await evaluate(h.url, 'task=BINARY', '\n\n')).body.error?.code).toBe('NO_VALID_ROWS');

    const many = Array.from({ length: 1101 }, (_, i) => row(i / 1101, i % 2 === 0));
    const past = await evaluate(h.url, 'task=BINARY', many);
    expect(past.status).toBe(413);
    expect(past.body.error).toMatchObject({ code: 'EVALUATION_TOO_LARGE', field: 'body' });
    expect((await evaluate(h.url, 'task=BINARY', many.slice(1))).status).toBe(200); // 1,100 rows: the bound itself
    expect(await scratchRows()).toBe(0);
  });

  it('refuses more than 20 slice fields, 1,000 values of a field or 10 variants', async () => {
    const wide = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`tags.f${i}`, 'x']));
    const fields = await evaluate(h.url, 'task=BINARY', [row(0.5, true, wide)]);
    expect(fields.status).toBe(400);
    expect(fields.body.error).toMatchObject({ code: 'TOO_MANY_SLICES', field: 'slices' });
    expect((await evaluate(h.url, 'task=BINARY', [row(0.5, true, Object.fromEntries(Object.entries(wide).slice(1)))])).status).toBe(200);

    const users = Array.from({ length: 1001 }, (_, i) => row(0.5, true, { 'tags.user': `u${i}` }));
    const values = await evaluate(h.url, 'task=BINARY', users);
    expect(values.status).toBe(400);
    expect(values.body.error).toMatchObject({ code: 'TOO_MANY_SLICES', field: 'slices.tags.user' });
    expect((await evaluate(h.url, 'task=BINARY', users.slice(1))).status).toBe(200);
    const variants = await evaluate(h.url, 'task=BINARY', Array.from({ length: 11 }, (_, i) => ({ ...row(0.5, true), variant: `v${i}` })));
    expect(variants.body.error).toMatchObject({ code: 'TOO_MANY_SLICES', field: 'variant' });
    expect(await scratchRows()).toBe(0);
  });

  it('answers 401 to a body its signature does not cover, after reading it, and keeps none of its rows', async () => {
    const url = `${h.url}/internal/metrics/v1/evaluations/offline?task=BINARY`;
    const signedFor = ndjson(GOOD);
    const headers = signRequest(SECRET, { project: 'p_offline' }, { method: 'POST', url, body: signedFor });
    const res = await fetch(url, { method: 'POST', headers, body: ndjson([...GOOD, row(0.99, false)]) });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'request signature is invalid' } });
    expect((await fetch(url, { method: 'POST', body: signedFor })).status).toBe(401); // unsigned
    expect((await fetch(url, { method: 'POST', headers, body: signedFor })).status).toBe(200); // the body signed
    expect(await scratchRows()).toBe(0);
  });

  it('takes a file a service hashed and signed in headers (postSignedFile), as the trainer sends its test split', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'offline-file-'));
    try {
      const file = join(dir, 'split.ndjson');
      writeFileSync(file, `${ndjson([...GOOD, ...GOOD.map((r) => ({ ...r, variant: 'baseline', output: { score: 0.5 } }))])}\n`);
      const res = await postSignedFile(SECRET, { project: 'p_trainer' }, `${h.url}/internal/metrics/v1/evaluations/offline?task=BINARY&metrics=ROC_AUC`, file, 'application/x-ndjson');
      expect(res.status).toBe(200);
      const body = (await res.json()) as { variants: { variant: string; values: { value: number }[] }[] };
      expect(body.variants.map((v) => [v.variant, v.values[0]!.value])).toEqual([
        ['model', 0.75],
        ['baseline', 0.5],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
