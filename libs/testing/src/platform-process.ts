import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './nats-server.ts';

export interface PlatformProcess {
  url: string;
  pid: number;
  /** SIGTERM, then wait for a graceful exit. */
  stop(): Promise<number | null>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  /** Everything the process printed, for failure messages. */
  output(): string;
}

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Tideline as a user runs it: `apps/platform` in its own process, so chDB
 * and the modules behave as in production and the process can be killed.
 */
export async function startPlatformProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<PlatformProcess> {
  const port = env.PORT ?? String(await freePort());
  // TIDELINE_NODE_FLAGS: extra node flags for the platform process, e.g. --cpu-prof to profile a benchmark.
  const flags = (process.env.TIDELINE_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...flags, '--import', 'tsx', 'apps/platform/src/main.ts'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`platform exited with code ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`platform not ready within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
