/**
 * README.md's tour, block by block, against a fresh platform as `npm start`
 * runs it: every ```sh block is a tour step, marked by the HTML comment
 * before it (`<!-- tour-step expect="…" [errors] -->`). The steps run in
 * order in bash, each in its own shell that starts from the variables the
 * earlier ones exported (as one terminal would have them), from the
 * repository's root. Each must exit 0, print what its marker expects, and
 * print no GraphQL errors unless marked `errors`; and the whole tour leaves
 * the repository's files as it found them.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDevPlatform, tempDir, type DevPlatform, type TempDir } from '@tideline/testing';
import { ROOT } from './cli-process.ts';

export interface TourStep {
  line: number;
  code: string;
  expect?: string;
  errors: boolean;
}

/** The README's ```sh blocks with their markers; a ```sh block without a marker is an error (every one is a step). */
export function tourSteps(markdown: string): TourStep[] {
  const lines = markdown.split('\n');
  const steps: TourStep[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```sh') continue;
    const marker = /^<!-- tour-step(.*)-->$/.exec(lines[i - 1] ?? '');
    if (!marker) throw new Error(`README.md line ${i + 1}: a \`\`\`sh block without a <!-- tour-step --> marker above it`);
    const end = lines.indexOf('```', i + 1);
    const expected = /expect="((?:[^"\\]|\\.)*)"/.exec(marker[1]!)?.[1]?.replace(/\\(.)/g, '$1');
    steps.push({ line: i + 1, code: lines.slice(i + 1, end).join('\n'), expect: expected, errors: /\berrors\b/.test(marker[1]!) });
    i = end;
  }
  return steps;
}

const repoState = () => execFileSync('git', ['status', '--porcelain', '--ignored', '--untracked-files=normal'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });

let platform: DevPlatform;
let home: TempDir;
beforeAll(async () => {
  platform = await startDevPlatform();
  home = tempDir('tideline-tour-');
}, 180_000);
afterAll(async () => {
  await platform?.stop();
  home?.remove();
});

/** One step in bash: the earlier steps' exported variables in, its own out (set -a exports every assignment). */
function runStep(step: TourStep, env: NodeJS.ProcessEnv, state: string): Promise<{ code: number | null; output: string }> {
  const script = `set -a; [ -f '${state}' ] && . '${state}'
trap 'export -p | grep -v "^declare -[a-z]*r" > "${state}"' EXIT
set -eo pipefail
${step.code}
`;
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

it('README.md has tour steps, each marked', () => {
  const steps = tourSteps(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  expect(steps.length).toBeGreaterThan(20);
  expect(steps[0]!.code).toContain('tideline -- demo-data');
});

it('runs the README tour block by block: each exits 0 and shows what it should', async () => {
  const steps = tourSteps(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  const before = repoState();
  const env: NodeJS.ProcessEnv = { ...process.env, TIDELINE_URL: platform.url, TIDELINE_KEY: platform.key, HOME: home.path, NATS_URL: '' };
  const state = join(home.path, 'tour.env');
  for (const step of steps) {
    const started = performance.now();
    const { code, output } = await runStep(step, env, state);
    console.log(`README.md:${step.line} exit ${code} in ${Math.round(performance.now() - started)} ms: ${output.replace(/\s+/g, ' ').slice(0, 240)}`);
    const where = `README.md line ${step.line}:\n${step.code}\n--- output ---\n${output}`;
    expect(code, where).toBe(0);
    expect(output.trim(), where).not.toBe('');
    if (step.expect) expect(output, where).toContain(step.expect);
    if (step.errors) continue;
    // GraphQL's errors (ingest's per-record ones start with an index), and answers without data.
    expect(output, where).not.toContain('"errors":[{"message"');
    expect(output, where).not.toContain('"data":null');
  }
  expect(repoState()).toBe(before);
}, 900_000);
