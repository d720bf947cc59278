import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './nats-server.ts';
import { tempDir } from './temp.ts';

export interface GraphqlAnswer<T> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string; [key: string]: unknown } }[];
}

export interface DevPlatform {
  /** `http://127.0.0.1:<port>`: the gateway and everything else. */
  url: string;
  /** The `development` project's API key, as `npm start` writes it. */
  key: string;
  /** A GraphQL operation through the gateway with the development key. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphqlAnswer<T>>;
  /** Ctrl-C, as a user stops `npm start`; resolves with its exit code. Removes its data. */
  stop(): Promise<number | null>;
}

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Tideline exactly as `npm start` runs it (tools/bootstrap/dev.ts: every
 * target of the catalog, its own nats-server, chDB), on free ports in a
 * temporary home: for tests that need the whole platform and one key.
 */
export async function startDevPlatform(env: Record<string, string> = {}, timeoutMs = 120_000): Promise<DevPlatform> {
  const home = tempDir('tideline-dev-');
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/bootstrap/dev.ts'], {
    cwd: root,
    env: { ...process.env, NATS_URL: '', TIDELINE_HOME: home.path, PORT: String(port), TIDELINE_NATS_PORT: String(await freePort()), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, as a terminal runs it: stop() signals the group
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  // Ready once it prints its banner (after the dev key is written); a start that fails exits at once.
  const deadline = Date.now() + timeoutMs;
  while (!output.includes('Tideline is running')) {
    const failure = child.exitCode !== null ? `exited with code ${child.exitCode}` : Date.now() > deadline ? `not ready within ${timeoutMs} ms` : null;
    if (failure) {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      home.remove();
      throw new Error(`npm start ${failure}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const key = readFileSync(join(home.path, 'dev-key'), 'utf8').trim();
  return {
    url,
    key,
    async gql<T>(query: string, variables: Record<string, unknown> = {}) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as Omit<GraphqlAnswer<T>, 'status'>) };
    },
    async stop() {
      process.kill(-child.pid!, 'SIGINT');
      const code = await exited;
      home.remove();
      return code;
    },
  };
}
