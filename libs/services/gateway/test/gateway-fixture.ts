import { afterAll, beforeAll } from 'vitest';
import { captureLogs, startModules, type CapturedLogs, type HttpServer, type RunningProcess } from '@tideline/runtime';
import type { Nats } from '@tideline/nats';
import { startNatsServer, type NatsServerHandle } from '@tideline/testing';
import { gatewayModule, createApiKey, createProject, type Gateway } from '../src/index.ts';
import { startFakeUpstreams, upstreamDeclarations, type FakeUpstreams } from './fake-subgraphs.ts';

/**
 * The gateway module alone, on a real nats-server, in front of fake upstreams
 * (./fake-subgraphs.ts), with two projects: each has an admin key named
 * `test`, and project a also a key named `member` that is not admin.
 */
export interface GatewayFixture {
  secret: string;
  base: string;
  natsServer: NatsServerHandle;
  nats: Nats;
  upstreams: FakeUpstreams;
  tenants: { a: { id: string; key: string }; b: { id: string; key: string } };
  memberKey: string;
  /** What the gateway process and the fake upstreams logged (warnings and errors). */
  logs: CapturedLogs['entries'];
  gql(query: string, key?: string, variables?: Record<string, unknown>): Promise<Response>;
  stop(): Promise<void>;
}

export async function startGatewayFixture(secret = 'x'.repeat(32)): Promise<GatewayFixture> {
  const natsServer = await startNatsServer();
  const { logger, entries: logs } = captureLogs('warn');
  const upstreams = await startFakeUpstreams(secret, logger);
  const proc: RunningProcess = await startModules({
    logger,
    catalog: [gatewayModule, ...upstreamDeclarations],
    targets: ['gateway'],
    env: {
      PORT: '0',
      NATS_URL: natsServer.url,
      TIDELINE_INTERNAL_SECRET: secret,
      TIDELINE_SUBGRAPH_URLS: upstreams.subgraphUrls,
      TIDELINE_MAX_BODY_BYTES: String(1024 * 1024),
      LOG_LEVEL: 'warn',
    },
  });
  await proc.get<Gateway>('gateway').ready;
  const base = proc.get<HttpServer>('server').url;
  const nats = proc.get<Nats>('nats');
  const tenants = { a: { id: '', key: '' }, b: { id: '', key: '' } };
  for (const [tenant, name] of [[tenants.a, 'alpha'], [tenants.b, 'beta']] as const) {
    tenant.id = (await createProject(nats.kvm, name)).id;
    tenant.key = (await createApiKey(nats.kvm, tenant.id, 'test', { admin: true })).key;
  }
  const memberKey = (await createApiKey(nats.kvm, tenants.a.id, 'member')).key;
  return {
    secret,
    base,
    natsServer,
    nats,
    upstreams,
    tenants,
    memberKey,
    logs,
    gql: (query, key, variables) =>
      fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ query, variables }),
      }),
    async stop() {
      await proc.stop();
      await upstreams.stop();
      await natsServer.stop();
    },
  };
}

/** The fixture, started before the file's tests and stopped after them: its fields are set once the tests run. */
export function useGatewayFixture(secret?: string): GatewayFixture {
  const fixture = {} as GatewayFixture;
  beforeAll(async () => {
    Object.assign(fixture, await startGatewayFixture(secret));
  });
  afterAll(async () => fixture.stop?.());
  return fixture;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked field by field
export const json = (res: Response): Promise<any> => res.json();
