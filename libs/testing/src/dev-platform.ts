import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyGraphql, type GraphqlRequest } from './graphql-client.ts';
import { freePort } from './free-port.ts';
import { tempDir } from './temp.ts';
import { spawnTsx, waitUntilReady } from './tsx-process.ts';

export interface DevPlatform {
  /** `http://127.0.0.1:<port>`: the gateway and everything else. */
  url: string;
  /** The `development` project's API key, as `npm start` writes it. */
  key: string;
  /** A GraphQL operation through the gateway with the development key. */
  gql: GraphqlRequest;
  /** What it printed so far (its log, stdout and stderr): for a failing test to show what the platform said. */
  output(): string;
  /** Ctrl-C, as a user stops `npm start`; resolves with its exit code. Removes its data. */
  stop(): Promise<number | null>;
}

/**
 * Tideline exactly as `npm start` runs it (tools/bootstrap/dev.ts: every
 * target of the catalog, its own nats-server, chDB), on free ports in a
 * temporary home: for tests that need the whole platform and one key.
 */
export async function startDevPlatform(env: Record<string, string> = {}, timeoutMs = 120_000): Promise<DevPlatform> {
  const home = tempDir('tideline-dev-');
  // PORT given: a test that must name the platform's address before it starts (TIDELINE_SUBGRAPH_URLS) chose it.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const p = spawnTsx(
    'tools/bootstrap/dev.ts',
    { ...process.env, NATS_URL: '', TIDELINE_HOME: home.path, PORT: String(port), TIDELINE_NATS_PORT: String(await freePort()), ...env },
    { detached: true }, // its own process group, as a terminal runs it: stop() signals the group
  );
  const url = `http://127.0.0.1:${port}`;
  // Ready once it prints its banner (after the dev key is written); a start that fails exits at once.
  const failure = await waitUntilReady(p, () => p.output().includes('Tideline is running'), timeoutMs, 100);
  if (failure) {
    if (p.child.exitCode === null) process.kill(-p.child.pid!, 'SIGKILL');
    home.remove();
    throw new Error(`npm start ${failure}:\n${p.output()}`);
  }
  const key = readFileSync(join(home.path, 'dev-key'), 'utf8').trim();
  return {
    url,
    key,
    gql: keyGraphql(`${url}/graphql`, key),
    output: p.output,
    async stop() {
      process.kill(-p.child.pid!, 'SIGINT');
      const code = await p.exited;
      home.remove();
      return code;
    },
  };
}
