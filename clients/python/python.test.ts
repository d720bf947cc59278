/**
 * The Python client's unittest suite (clients/python/tests) against a real
 * platform as `npm start` runs it. The suite checks the client's answers
 * against the API's own GraphQL answers, per-record rejections, retries and
 * the 413 split (this platform takes at most 500 records a request), and
 * the platform's own backpressure (a 1 MiB ingest backlog: 429 and Retry-After
 * for a 2.5 MB batch, which the client waits out).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevPlatform, type DevPlatform } from '@tideline/testing';

const here = import.meta.dirname;
const python = process.env.TIDELINE_PYTHON || 'python3';
const probe = spawnSync(python, ['-c', 'import sys; assert sys.version_info >= (3, 9), sys.version'], { encoding: 'utf8' });
const pythonMissing = probe.error ? `${python} not found (${probe.error.message})` : probe.status !== 0 ? `${python} is older than 3.9: ${probe.stderr.trim()}` : '';
if (pythonMissing) console.warn(`Python client tests not run: ${pythonMissing}. Install Python ≥ 3.9 or set TIDELINE_PYTHON.`);

/** Test methods in the suite, so a run that discovered fewer (an import error, a renamed folder) fails. */
const testCount = readdirSync(join(here, 'tests'))
  .filter((f) => /^test_.*\.py$/.test(f))
  .reduce((n, f) => n + (readFileSync(join(here, 'tests', f), 'utf8').match(/^ {4}def test_/gm)?.length ?? 0), 0);

function unittest(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-m', 'unittest', 'discover', '-s', 'tests', '-v'], { cwd: here, env: { ...process.env, ...env, PYTHONDONTWRITEBYTECODE: '1' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe.runIf(!pythonMissing)('Python client (clients/python)', () => {
  let platform: DevPlatform;
  beforeAll(async () => {
    platform = await startDevPlatform({ INGEST_MAX_RECORDS: '500', INGEST_STREAM_MAX_BYTES: String(1024 ** 2), TIDELINE_MONITOR_MIN_INTERVAL: '1s' });
  }, 180_000);
  afterAll(async () => {
    await platform?.stop();
  });

  it('passes its unittest suite against the platform', async () => {
    const { code, output } = await unittest({ TIDELINE_URL: platform.url, TIDELINE_KEY: platform.key });
    if (code !== 0) console.error(output);
    expect(code).toBe(0);
    expect(output).toMatch(new RegExp(`^Ran ${testCount} tests? in `, 'm'));
    expect(output).toMatch(/^OK$/m);
    expect(testCount).toBeGreaterThanOrEqual(15);
  }, 240_000);
});
