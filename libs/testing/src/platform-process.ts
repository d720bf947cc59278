import { join } from 'node:path';
import { freePort } from './free-port.ts';
import { startNatsServer, type NatsServerHandle } from './nats-server.ts';
import { tempDir, type TempDir } from './temp.ts';
import { spawnTsx, waitUntilReady } from './tsx-process.ts';

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

/**
 * Tideline as a user runs it: `apps/platform` in its own process, so chDB
 * and the modules behave as in production and the process can be killed.
 */
export async function startPlatformProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<PlatformProcess> {
  const port = env.PORT ?? String(await freePort());
  // TIDELINE_NODE_FLAGS: extra node flags for the platform process, e.g. --cpu-prof to profile a benchmark.
  const nodeFlags = (process.env.TIDELINE_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const p = spawnTsx('apps/platform/src/main.ts', { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: port }, { nodeFlags });
  const url = `http://127.0.0.1:${port}`;
  const failure = await waitUntilReady(p, () => fetch(`${url}/readyz`).then((r) => r.ok, () => false), timeoutMs, 200);
  if (failure) {
    p.child.kill('SIGKILL');
    throw new Error(`platform ${failure}:\n${p.output()}`);
  }
  return {
    url,
    pid: p.child.pid!,
    output: p.output,
    async stop() {
      p.child.kill('SIGTERM');
      return p.exited;
    },
    async kill() {
      p.child.kill('SIGKILL');
      await p.exited;
    },
  };
}

export interface PlatformStack {
  platform: PlatformProcess;
  nats: NatsServerHandle;
  /** The platform's TIDELINE_HOME; chDB keeps its data under `clickhouse/`. */
  home: TempDir;
  /** Stops the platform (if still running) and nats-server, and removes the data. */
  stop(): Promise<void>;
}

/** A platform process on its own nats-server and chDB in a temporary home, as most platform tests and benchmarks run it. */
export async function startPlatformStack(name: string, env: Record<string, string> = {}): Promise<PlatformStack> {
  const nats = await startNatsServer();
  const home = tempDir(`tideline-${name}-`);
  const platform = await startPlatformProcess({
    NATS_URL: nats.url,
    CLICKHOUSE_URL: `chdb://${join(home.path, 'clickhouse')}`,
    TIDELINE_HOME: home.path,
    TIDELINE_INTERNAL_SECRET: `${name}-secret-`.padEnd(64, 'x'),
    ...env,
  }).catch(async (err: unknown) => {
    await nats.stop();
    home.remove();
    throw err;
  });
  return {
    platform,
    nats,
    home,
    async stop() {
      await platform.stop();
      await nats.stop();
      home.remove();
    },
  };
}
