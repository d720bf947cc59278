/**
 * `npm run bench:ci`: every `bench:*` script of package.json at its toy size
 * (BENCH_TOY=1), one after the other, failing on the first that fails. CI runs
 * it so that a benchmark broken by a change is noticed at once; a new
 * benchmark is included as soon as its script is added.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const scripts = Object.keys((JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts);
const benches = scripts.filter((name) => name.startsWith('bench:') && name !== 'bench:ci');
for (const bench of benches) {
  const started = Date.now();
  console.log(`\n── ${bench} (toy size) ──`);
  const run = spawnSync('npm', ['run', '-s', bench], { stdio: 'inherit', env: { ...process.env, BENCH_TOY: '1' } });
  if (run.status !== 0) {
    console.error(`bench:ci: ${bench} failed (exit ${run.status ?? run.signal})`);
    process.exit(1);
  }
  console.log(`── ${bench}: ok in ${((Date.now() - started) / 1000).toFixed(1)} s ──`);
}
console.log(`\nbench:ci: ${benches.length} benchmarks ran at toy size: ${benches.join(', ')}`);
