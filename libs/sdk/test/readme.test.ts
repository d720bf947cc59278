import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually, startDevPlatform, type DevPlatform } from '@tideline/testing';
import { Tideline } from '../src/index.ts';
import { countsQuery, type Counts } from './fixtures.ts';
import { runSnippet } from './run-snippet.ts';

// Every ```ts block of the README, run in order as a user's script against one fresh platform;
// each block's output must show what the README says it does.
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const blocks = [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

/** What each block's output must contain, in the README's order. */
const expected: RegExp[][] = [
  [/rejected \(output\.score\): must be a probability/, /accepted: 1008/, /rejected: 1/, /failed: 0/],
  [/^2026-01-0[1-7] 0\.\d{3} \d+ labels$/m, /^tags\.country=BR ACCURACY 0\.\d{3} ROC_AUC/m, /features\.x1 \w+ p=/, /^(RETRAIN|PROMOTE|ROLLBACK|HOLD) \[/m],
  [/predictionCount: 505|predictionCount: 504/, /^MODEL_NOT_FOUND model /m],
  [/^FIRED tags\.country=BR ACCURACY 0\.\d{3} < 0\.85$/m],
  [/^decision (RETRAIN|PROMOTE|ROLLBACK|HOLD) /m],
];

let platform: DevPlatform;

beforeAll(async () => {
  platform = await startDevPlatform();
}, 180_000);

afterAll(async () => {
  await platform?.stop();
});

it('has the examples this test expects', () => {
  expect(blocks).toHaveLength(expected.length);
});

it('runs every TypeScript example of the README, in order, with the output it describes', async () => {
  const env = { TIDELINE_URL: platform.url, TIDELINE_KEY: platform.key };
  for (const [i, block] of blocks.entries()) {
    const { stdout, stderr } = await runSnippet(block, env, 150_000);
    for (const pattern of expected[i]!) expect(stdout + stderr, `README example ${i + 1}`).toMatch(pattern);
    if (i === 0) {
      // The next examples read what the first one logged: wait until the store holds it all.
      const tl = new Tideline({ url: env.TIDELINE_URL, apiKey: env.TIDELINE_KEY });
      await eventually(async () => (await tl.graphql<Counts>(countsQuery, { name: 'churn' })).model?.labeledCount === 504, 30_000);
      await tl.close();
    }
  }
}, 300_000);
