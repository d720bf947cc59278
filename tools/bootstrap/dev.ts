/**
 * `npm start`: every module in one process on the embedded defaults — chDB
 * under $TIDELINE_HOME/clickhouse and a nats-server with its JetStream store
 * under $TIDELINE_HOME/nats — plus a development project whose API key is
 * written to $TIDELINE_HOME/dev-key. Data survives restarts.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { catalog, validateTargets } from '@tideline/catalog';
import { ensureDevProject, type Gateway } from '@tideline/gateway';
import type { Nats } from '@tideline/nats';
import { ConfigError, createLogger, startModules, targetsOf, type HttpServer } from '@tideline/runtime';
import { startNatsServer, type NatsServerHandle } from '@tideline/testing';
import { devSettings } from './dev-settings.ts';

const env = process.env;
const home = resolve(env.TIDELINE_HOME || '.tideline');
mkdirSync(home, { recursive: true });
env.TIDELINE_HOME = home;
// The banner below is what a developer reads; JSON logs from warn up unless LOG_LEVEL says otherwise.
env.LOG_LEVEL ||= 'warn';
const logger = createLogger(env);

function secretFile(path: string): string {
  if (!existsSync(path)) writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(path, 'utf8').trim();
}

const dev = devSettings.read(env);
if (!dev.value) {
  console.error(`tideline: invalid configuration:\n  - ${dev.errors.join('\n  - ')}`);
  process.exit(1);
}
let nats: NatsServerHandle | undefined;
if (!env.NATS_URL) {
  const port = dev.value.natsPort;
  try {
    nats = await startNatsServer({ port, storeDir: join(home, 'nats') });
  } catch (err) {
    console.error(`tideline: could not start nats-server on port ${port} (${(err as Error).message}).
  Another server may hold the port: set TIDELINE_NATS_PORT=4223, or NATS_URL=nats://host:port to use a running server.`);
    process.exit(1);
  }
  env.NATS_URL = nats.url;
}
env.TIDELINE_INTERNAL_SECRET ||= secretFile(join(home, 'internal-secret'));

const targets = targetsOf(env);
let running;
try {
  running = await startModules({ catalog, targets, env, logger, validate: validateTargets });
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `tideline: start failed: ${(err as Error).message}`);
  await nats?.stop({ keepData: true });
  process.exit(1);
}

const shutdown = async (code: number) => {
  await running.stop();
  await nats?.stop({ keepData: true });
  process.exit(code);
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(0));
void running.stopped.then((failure) => failure && shutdown(1));

const server = running.get<HttpServer>('server');
const { key } = await ensureDevProject(running.get<Nats>('nats').kvm, home);
// The banner promises a working /graphql: wait until the gateway has composed the supergraph.
if (running.modules.includes('gateway')) await running.get<Gateway>('gateway').ready;
const url = `${server.url}/graphql`;
console.log(`
  Tideline is running.
    Console:                 ${server.url}/
    GraphQL (and GraphiQL):  ${url}
    API key (project "development"), also in ${join(home, 'dev-key')}:
      ${key}
    Data:                    ${home}

  Ingest a prediction, then read it back:
    curl -s ${server.url}/v1/predictions -H "Authorization: Bearer ${key}" \\
      --data-binary '{"id":"p-1","model":"churn","features":{"x1":0.4},"tags":{"country":"BR"},"output":{"score":0.83}}'
    curl -s ${url} -H "Authorization: Bearer ${key}" -H 'content-type: application/json' \\
      -d '{"query":"{ models { name task predictionCount labeledCount } }"}'
`);
