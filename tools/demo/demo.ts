/**
 * `npm run demo`: the continual-learning loop on a synthetic model, against a
 * running `npm start` (TIDELINE_URL, default http://localhost:4000; key from
 * TIDELINE_KEY or .tideline/dev-key). DEMO_WEEKLY sets the rows per week;
 * DEMO_STREAM=sea replays the SEA concept switch instead of the flipped
 * rotating hyperplane.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { narrateOutcome } from './report.ts';
import { runDemo } from './story.ts';
import { hyperplaneStream } from './stream-hyperplane.ts';
import { seaStream } from './stream-sea.ts';

const url = (process.env['TIDELINE_URL'] ?? 'http://localhost:4000').replace(/\/$/, '');
const key = process.env['TIDELINE_KEY'] ?? readDevKey();

function readDevKey(): string {
  const path = join(process.env['TIDELINE_HOME'] ?? '.tideline', 'dev-key');
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    console.error(`No API key: set TIDELINE_KEY, or start Tideline with \`npm start\` (it writes ${path}).`);
    process.exit(2);
  }
}

const started = Date.now();
const say = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${line}`);
try {
  const outcome = await runDemo({ url, key, weekly: Number(process.env['DEMO_WEEKLY'] ?? 1400), monitorInterval: '1m', watchPeriod: '2m', labelBudget: 200, stream: process.env['DEMO_STREAM'] === 'sea' ? seaStream() : hyperplaneStream(Math.PI), say });
  narrateOutcome(outcome, url, console.log);
} catch (err) {
  console.error(`\nThe demo stopped: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
