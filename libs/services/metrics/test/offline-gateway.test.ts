/**
 * Offline evaluation as users reach it: through the gateway's /v1 proxy with
 * an API key, the body streamed and signed in a trailer, the values those
 * of scikit-learn.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createProject, gatewayModule, type Gateway } from '@tideline/gateway';
import type { Nats } from '@tideline/nats';
import { defineGroup, httpServerModule, startModules, type HttpServer, type RunningProcess } from '@tideline/runtime';
import { ndjson, startNatsServer, tempDir, type NatsServerHandle, type TempDir } from '@tideline/testing';
import { metricsModule } from '../src/index.ts';
import { SECRET } from './harness.ts';
import { expectOracle, loadFixture, valuesOf, type OfflineAnswer } from './offline-client.ts';

let nats: NatsServerHandle;
let dir: TempDir;
let proc: RunningProcess;
let url: string;
let key: string;
const fixture = loadFixture();

beforeAll(async () => {
  nats = await startNatsServer();
  dir = tempDir('metrics-offline-gateway-');
  proc = await startModules({
    catalog: [defineGroup('metrics-behind-gateway', [metricsModule, gatewayModule])],
    targets: ['metrics-behind-gateway'],
    env: { PORT: '0', NATS_URL: nats.url, CLICKHOUSE_URL: `chdb://${dir.path}/ch`, TIDELINE_INTERNAL_SECRET: SECRET, LOG_LEVEL: 'warn' },
  });
  await proc.get<Gateway>(gatewayModule.name).ready;
  url = proc.get<HttpServer>(httpServerModule.name).url;
  const { kvm } = proc.get<Nats>('nats');
  key = (await createApiKey(kvm, (await createProject(kvm, 'offline')).id, 'trainer-ci')).key;
}, 120_000);
afterAll(async () => {
  await proc?.stop();
  await nats?.stop();
  dir?.remove();
});

const post = (query: string, body: string, headers: Record<string, string> = { authorization: `Bearer ${key}` }) =>
  fetch(`${url}/v1/evaluations/offline?${query}`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...headers }, body });

describe('offline evaluation through the gateway', () => {
  it('evaluates a streamed body with an API key: the values of scikit-learn', async () => {
    const res = await post('task=MULTICLASS', ndjson(fixture.rows.MULTICLASS));
    const body = (await res.json()) as OfflineAnswer;
    expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(200);
    expect(body.rows).toBe(fixture.rows.MULTICLASS.length);
    expect(expectOracle(valuesOf(body, 'model'), fixture.expected.MULTICLASS.model!)).toBe(6 * 5);
    expect(expectOracle(valuesOf(body, 'baseline'), fixture.expected.MULTICLASS.baseline!)).toBe(6 * 5);
  });

  it('refuses a request without a valid key, and answers bad input with the field', async () => {
    const rows = ndjson(fixture.rows.BINARY.slice(0, 10));
    expect((await post('task=BINARY', rows, {})).status).toBe(401);
    expect((await post('task=BINARY', rows, { authorization: 'Bearer tl_not_a_key' })).status).toBe(401);
    const bad = await post('task=BINARY&metrics=MAPE', rows);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as OfflineAnswer).error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'metrics' });
    expect((await fetch(`${url}/v1/evaluations/offline?task=BINARY`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(405);
  });
});
