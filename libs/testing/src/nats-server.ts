import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { freePort } from './free-port.ts';

export interface NatsServerHandle {
  url: string;
  port: number;
  storeDir: string;
  /** Its process id (benchmarks read its CPU time). */
  pid: number;
  /** Stops the server; with `keepData` its JetStream store survives for a restart. */
  stop(options?: { keepData?: boolean }): Promise<void>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

/** The nats-server binary: NATS_SERVER_BIN, or the one on PATH (Debian's package puts it in /usr/sbin). */
export function natsServerBinary(): string {
  if (process.env.NATS_SERVER_BIN) return process.env.NATS_SERVER_BIN;
  for (const candidate of ['nats-server', '/usr/sbin/nats-server', '/usr/bin/nats-server']) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      /* try the next */
    }
  }
  throw new Error('nats-server not found: install it (apt-get install -y nats-server) or set NATS_SERVER_BIN');
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connectTcp(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nats-server exited with code ${child.exitCode}`);
    if (await portOpen(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nats-server did not listen on ${port} within ${timeoutMs} ms`);
}

/**
 * Starts nats-server in its own process group, so a Ctrl-C meant for the
 * process that started it does not stop it before that process has stopped
 * its modules (they drain their NATS connections on the way out). A
 * watchdog stops it if its starter dies without doing so (SIGKILL, crash),
 * so it never outlives it.
 */
function spawnServer(args: string[]): ChildProcess {
  const child = spawn(natsServerBinary(), args, { stdio: 'ignore', detached: true });
  // Polls once a second; ends by itself when the server goes.
  const parent = process.pid;
  const script = `while kill -0 ${parent} && kill -0 ${child.pid}; do sleep 1; done 2>/dev/null; kill -0 ${parent} 2>/dev/null || kill -TERM ${child.pid} 2>/dev/null`;
  const watchdog = spawn('sh', ['-c', script], { stdio: 'ignore', detached: true });
  watchdog.unref();
  child.once('exit', () => {
    try {
      process.kill(-watchdog.pid!, 'SIGKILL'); // the shell and its `sleep`
    } catch {
      /* already gone */
    }
  });
  return child;
}

/** Runs nats-server with `args` and waits until it listens on `port`. */
async function launch(args: string[], port: number, storeDir: string): Promise<NatsServerHandle> {
  // Another server on the port would answer in this one's place.
  if (await portOpen(port)) throw new Error(`port ${port} is already in use`);
  const child = spawnServer(args);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForPort(port, child, 10_000).catch(async (err) => {
    child.kill('SIGKILL');
    await exited;
    throw err;
  });
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    pid: child.pid!,
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      if (!keepData) rmSync(storeDir, { recursive: true, force: true });
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A real nats-server with JetStream on a free port and a temporary store. */
export async function startNatsServer(options: { storeDir?: string; port?: number } = {}): Promise<NatsServerHandle> {
  const port = options.port ?? (await freePort());
  const storeDir = options.storeDir ?? mkdtempSync(join(tmpdir(), 'tideline-nats-'));
  return launch(['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir], port, storeDir);
}

export interface NatsClusterHandle {
  /** Every node's client URL, comma-separated, as NATS_URL takes them. */
  url: string;
  /** The nodes; `name` is the server_name JetStream reports (e.g. as a stream's leader). */
  nodes: (NatsServerHandle & { name: string })[];
  /** Stops every node still running and removes their stores. */
  stop(): Promise<void>;
}

/**
 * A JetStream cluster on loopback, shaped like infra/nats/nats-cluster.conf:
 * one config file and store per node, routes between all of them. Resolves
 * once the cluster can place a stream on every node.
 */
export async function startNatsCluster(options: { nodes?: number } = {}): Promise<NatsClusterHandle> {
  const count = options.nodes ?? 3;
  const dir = mkdtempSync(join(tmpdir(), 'tideline-nats-cluster-'));
  const ports = await Promise.all(Array.from({ length: count * 2 }, () => freePort()));
  const routes = Array.from({ length: count }, (_, i) => `nats-route://127.0.0.1:${ports[count + i]}`);
  const nodes: NatsClusterHandle['nodes'] = [];
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < count; i++) {
      const name = `n${i}`;
      const storeDir = join(dir, name);
      const file = join(dir, `${name}.conf`);
      writeFileSync(
        file,
        [
          `server_name: ${name}`,
          `listen: 127.0.0.1:${ports[i]}`,
          `jetstream { store_dir: ${JSON.stringify(storeDir)} }`,
          `cluster { name: tideline-test, listen: 127.0.0.1:${ports[count + i]}, routes: [${routes.join(', ')}] }`,
        ].join('\n'),
      );
      nodes.push({ name, ...(await launch(['-c', file], ports[i]!, storeDir)) });
    }
    const url = nodes.map((node) => node.url).join(',');
    await waitForPlacement(url, count, 60_000);
    return { url, nodes, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Waits until the cluster has a meta leader that knows all `replicas` servers, by placing a stream with that many replicas. */
async function waitForPlacement(url: string, replicas: number, timeoutMs: number): Promise<void> {
  const nc = await connect({ servers: url.split(','), maxReconnectAttempts: -1 });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        const jsm = await jetstreamManager(nc);
        await jsm.streams.add({ name: 'CLUSTER_PROBE', subjects: ['cluster.probe'], num_replicas: replicas });
        await jsm.streams.delete('CLUSTER_PROBE');
        return;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`the NATS cluster did not form within ${timeoutMs} ms: ${(err as Error).message}`, { cause: err });
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } finally {
    await nc.close();
  }
}
