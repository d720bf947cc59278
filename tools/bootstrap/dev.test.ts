/**
 * `npm start` as a developer stops it: Ctrl-C reaches the whole process
 * group. The modules stop before the nats-server they use, quietly and
 * quickly; and a killed dev process leaves no nats-server behind.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { eventually, freePort, tempDir, type TempDir } from '@tideline/testing';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface DevProcess {
  child: ChildProcess;
  home: TempDir;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: DevProcess[] = [];

afterEach(() => {
  for (const dev of started.splice(0)) {
    try {
      process.kill(-dev.child.pid!, 'SIGKILL'); // whatever of the run is still in its group
    } catch {
      /* all gone */
    }
    dev.home.remove();
  }
});

/** Starts dev.ts in its own process group, as a terminal runs `npm start`, and waits for its banner. */
async function startDev(): Promise<DevProcess> {
  const home = tempDir('tideline-dev-');
  const env: NodeJS.ProcessEnv = { ...process.env, TIDELINE_HOME: home.path, TIDELINE_NATS_PORT: String(await freePort()), PORT: String(await freePort()) };
  delete env.NATS_URL;
  delete env.LOG_LEVEL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/bootstrap/dev.ts'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const dev = { child, home, stdout: () => stdout, stderr: () => stderr, exited };
  started.push(dev);
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`dev.ts exited with ${child.exitCode}:\n${stdout}\n${stderr}`);
    return stdout.includes('Tideline is running');
  }, 90_000);
  return dev;
}

/** Command lines of the processes still running on this machine that belong to that dev run (its nats-server names the store dir). */
const processesOf = (dev: DevProcess) =>
  execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(dev.home.path));

/** pino lines at warn (40) or above. */
const problems = (output: string) =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .filter((line) => (JSON.parse(line) as { level: number }).level >= 40);

it('stops quietly within seconds when Ctrl-C signals the whole process group', async () => {
  const dev = await startDev();
  const server = processesOf(dev).find((line) => line.includes('nats-server'));
  expect(server).toBeDefined();
  // The cause of the noisy stop: a nats-server in the terminal's process group gets the same SIGINT and quits under the modules.
  const groupOf = (pid: string | number) => execFileSync('ps', ['-o', 'pgid=', '-p', String(pid)], { encoding: 'utf8' }).trim();
  expect(groupOf(server!.trim().split(/\s+/)[0]!)).not.toBe(groupOf(dev.child.pid!));
  const before = dev.stdout().length;

  const signalled = Date.now();
  process.kill(-dev.child.pid!, 'SIGINT');
  const result = await Promise.race([dev.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 5_000))]);
  const tookMs = Date.now() - signalled;

  expect(result).toEqual({ code: 0, signal: null });
  expect(problems(dev.stdout().slice(before))).toEqual([]);
  expect(dev.stderr()).toBe('');
  expect(processesOf(dev)).toEqual([]);
  console.log(`clean stop: exited 0 in ${tookMs} ms after SIGINT to the process group`);
}, 120_000);

it('leaves no nats-server behind when the dev process is killed', async () => {
  const dev = await startDev();
  process.kill(dev.child.pid!, 'SIGKILL');
  await dev.exited;
  await eventually(async () => processesOf(dev).length === 0, 10_000, 100);
}, 120_000);
