import { execFile } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from '@tideline/testing';

const run = promisify(execFile);
const SDK = fileURLToPath(new URL('..', import.meta.url));
const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const home = tempDir('tideline-sdk-package-');
afterAll(() => home.remove());

// A consumer outside the monorepo: plain Node ESM, TypeScript's node16
// resolution, strict, library checks on. It sees only what the build emits.
const CONSUMER = `import { Tideline, TidelineError, type MetricQuery } from '@tideline/sdk';
const tl = new Tideline({ url: 'http://127.0.0.1:9', apiKey: 'k', maxAttempts: 1, onError: (error) => console.log('gave up', error.code) });
const metric: Promise<MetricQuery['metric']> = tl.metric({ model: 'churn', metric: 'ACCURACY', window: { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' } });
await metric.catch((error: unknown) => console.log('query', error instanceof TidelineError ? error.code : 'untyped'));
// @ts-expect-error: the generated variables know the metric names
await tl.metric({ model: 'churn', metric: 'NOT_A_METRIC', window: { from: '', to: '' } }).catch(() => undefined);
await tl.logPrediction({ id: 'p-1', model: 'churn', output: { score: 0.5 } });
await tl.close();
`;

it('builds a package a plain Node ESM project can import with its types (ESM + .d.ts, no server code)', async () => {
  const modules = join(home.path, 'node_modules');
  const sdk = join(modules, '@tideline', 'sdk');
  await run(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', join(SDK, 'tsconfig.dist.json'), '--outDir', sdk], { cwd: REPO });
  await run(process.execPath, ['--import', 'tsx', join(SDK, 'scripts/dist-package.ts'), sdk], { cwd: REPO });
  // Its one dependency (types only) and Node's types, as npm would install them.
  mkdirSync(join(modules, '@graphql-typed-document-node'), { recursive: true });
  symlinkSync(join(REPO, 'node_modules/@graphql-typed-document-node/core'), join(modules, '@graphql-typed-document-node/core'));
  symlinkSync(join(REPO, 'node_modules/@types'), join(modules, '@types'));
  writeFileSync(join(home.path, 'package.json'), '{ "type": "module" }');
  writeFileSync(join(home.path, 'use.ts'), CONSUMER);
  const compilerOptions = { strict: true, module: 'node16', moduleResolution: 'node16', target: 'es2022', types: ['node'], outDir: 'out' };
  writeFileSync(join(home.path, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['use.ts'] }));

  await run(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', home.path], { cwd: home.path });
  const { stdout } = await run(process.execPath, ['out/use.js'], { cwd: home.path });
  expect(stdout).toBe('query NETWORK_ERROR\ngave up NETWORK_ERROR\n');
}, 120_000);
