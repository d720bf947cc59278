/**
 * Monitors and alerts end to end, through the public API of one platform
 * process: the oracle's day 0 and then day 1 are ingested over HTTP; an
 * accuracy monitor grouped by country fires once, for BR only, and resolves
 * when healthy BR traffic arrives. The events reach a graphql-ws subscriber
 * through the gateway, a NATS subscriber and a signed webhook. Every
 * evaluation, a failed one included, reaches `monitorEvaluated` subscribers.
 */
import { createServer, type Server } from 'node:http';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '@tideline/alerts';
import { dataOf, eventually, keyGraphql, loadOracle, oracleRecords, postAll, type GraphqlRequest, type Oracle, type PlatformProcess } from '@tideline/testing';
import { startTestPlatform, type TestPlatform } from './platform-fixture.ts';

interface AlertEventBody {
  id: string;
  type: 'FIRED' | 'RESOLVED';
  alert: { id: string; slice: { field: string; value: string }[]; state: string; value: number; threshold: number };
}

const BR_ACCURACY_FLOOR = 0.65; // day 0: every country ≥ 0.708; day 1: BR 0.587, the others ≥ 0.701

describe('monitors and alerts', () => {
  let oracle: Oracle;
  let test: TestPlatform;
  let platform: PlatformProcess;
  let key: string;
  let nc: NatsConnection;
  let ws: Client;
  let receiver: Server;
  let receiverUrl: string;
  const viaSubscription: { data?: { alertEvents: AlertEventBody & { model: { name: string; task: string; predictionCount: number } } } }[] = [];
  const viaNats: AlertEventBody[] = [];
  type Evaluated = { id: string; name: string; model: { name: string }; status: { evaluatedAt: string; outcome: string; error: string | null } };
  const evaluated: { churn: Evaluated[]; other: Evaluated[] } = { churn: [], other: [] };
  const viaWebhook: { body: AlertEventBody; signed: boolean }[] = [];
  let webhookSecret = '';

  let gql: GraphqlRequest;
  const ok = async <T>(query: string, variables: Record<string, unknown> = {}) => dataOf(await gql<T>(query, variables));

  /** Ingests one oracle day of churn: its labels first (they join when the predictions land), then its predictions. */
  const ingestDay = async (day: number) => {
    const { predictions, feedback } = oracleRecords(oracle);
    const from = oracle.t0 + day * oracle.dayMs;
    const inDay = (ts: number) => ts >= from && ts < from + oracle.dayMs;
    const churn = predictions.filter((p) => p.model === 'churn' && inDay(p.timestamp));
    const ids = new Set(churn.map((p) => p.id));
    await postAll(platform.url, key, '/v1/feedback', feedback.filter((f) => f.model === 'churn' && ids.has(f.predictionId)));
    await postAll(platform.url, key, '/v1/predictions', churn);
    return churn.length;
  };
  const stored = (count: number) =>
    eventually(async () => (await ok<{ model: { predictionCount: number } | null }>('{ model(name: "churn") { predictionCount } }')).model?.predictionCount === count, 60_000);

  beforeAll(async () => {
    oracle = loadOracle();
    // A 1 s interval replays the days quickly (the default minimum is 10 s); the webhook receiver is local, which webhooks may reach only when allowed.
    test = await startTestPlatform('alerts', { TIDELINE_MONITOR_MIN_INTERVAL: '1s', TIDELINE_WEBHOOK_ALLOW_CIDRS: '127.0.0.1/32' });
    platform = test.platform;
    key = await test.newKey('alerts');
    gql = keyGraphql(`${platform.url}/graphql`, key);
    // Subscribed before any other GraphQL request: the gateway must have its schema as soon as it is ready.
    ws = createClient({ url: `${platform.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${key}` } });
    ws.subscribe(
      { query: 'subscription { alertEvents(model: "churn") { id type alert { id slice { field value } state value threshold } model { name task predictionCount } } }' },
      { next: (e) => void viaSubscription.push(e as (typeof viaSubscription)[number]), error: (e) => console.error('subscription', e), complete: () => {} },
    );
    for (const model of ['churn', 'other'] as const) {
      ws.subscribe(
        { query: `subscription { monitorEvaluated(model: "${model}") { id name model { name } status { evaluatedAt outcome error } } }` },
        { next: (e) => void evaluated[model].push((e.data as { monitorEvaluated: Evaluated }).monitorEvaluated), error: (e) => console.error('subscription', e), complete: () => {} },
      );
    }

    nc = await connect({ servers: test.nats.url });
    nc.subscribe('tideline.alert.>', { callback: (_, msg) => void viaNats.push(msg.json<AlertEventBody>()) });

    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        viaWebhook.push({ body: JSON.parse(body) as AlertEventBody, signed: verifyWebhook(webhookSecret, req.headers['x-tideline-signature'] as string, body) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address() as { port: number };
    receiverUrl = `http://127.0.0.1:${address.port}/hook`;

    await stored(await ingestDay(0));
  }, 180_000);

  afterAll(async () => {
    await ws?.dispose();
    await nc?.close();
    receiver?.close();
    await test?.stop();
  });

  it('refuses invalid monitors, naming the field', async () => {
    const create = (input: Record<string, unknown>) =>
      gql('mutation($input: MonitorInput!) { createMonitor(input: $input) { id } }', {
        input: { name: 'bad', model: 'churn', check: { metric: 'ACCURACY' }, window: '1d', interval: '1m', condition: { op: 'LT', threshold: 0.5 }, ...input },
      });
    const unknownMetric = await create({ check: { metric: 'ACCURACYY' } });
    expect(unknownMetric.errors?.[0]?.message).toMatch(/ACCURACYY.*MetricName|input\.check\.metric/);
    const notFitting = await create({ check: { metric: 'MAE' } });
    expect(notFitting.errors?.[0]?.extensions).toMatchObject({ code: 'METRIC_NOT_APPLICABLE', field: 'input.check.metric' });
    const shortWindow = await create({ window: '15m', interval: '1h' });
    expect(shortWindow.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.window' });
    expect(shortWindow.errors?.[0]?.message).toMatch(/shorter than the interval/);
    const pastCap = await create({ groupBy: ['tags.country'], maxSeries: 5000 });
    expect(pastCap.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.maxSeries' });
    const tooManyNow = await create({ groupBy: ['tags.country'], maxSeries: 3, anchor: 'LATEST_PREDICTION' });
    expect(tooManyNow.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_SERIES', field: 'input.groupBy' });
    const unknownField = await create({ groupBy: ['tags.planet'] });
    expect(unknownField.errors?.[0]?.extensions).toMatchObject({ field: 'input.groupBy' });
    expect((await ok<{ monitors: unknown[] }>('{ monitors { id } }')).monitors).toEqual([]);
  });

  it('fires once for BR when day 1 arrives, and resolves on healthy BR traffic; subscribers, NATS and webhooks see the same events', async () => {
    const { createMonitor } = await ok<{ createMonitor: { id: string } }>(
      `mutation($input: MonitorInput!) { createMonitor(input: $input) { id } }`,
      {
        input: {
          name: 'accuracy by country',
          model: 'churn',
          check: { metric: 'ACCURACY' },
          groupBy: ['tags.country'],
          window: '1d',
          interval: '1s',
          anchor: 'LATEST_PREDICTION',
          condition: { op: 'LT', threshold: BR_ACCURACY_FLOOR },
          minSamples: 100,
          severity: 'CRITICAL',
        },
      },
    );
    const created = await ok<{ createWebhook: { secret: string } }>('mutation($url: String!) { createWebhook(url: $url) { secret } }', { url: receiverUrl });
    webhookSecret = created.createWebhook.secret;

    // Day 0: evaluated, every country healthy, nothing fires.
    const status = async () =>
      (await ok<{ monitor: { status: { evaluatedAt: string; error: string | null; series: { slice: { value: string }[]; state: string; value: number; sampleCount: number }[] } | null } }>(
        'query($id: ID!) { monitor(id: $id) { status { evaluatedAt error series { slice { value } state value sampleCount } } } }',
        { id: createMonitor.id },
      )).monitor.status;
    const day0 = await eventually(async () => {
      const s = await status();
      return s && s.series.length === 5 && s;
    }, 30_000);
    expect(day0.error).toBeNull();
    expect(day0.series.every((s) => s.state === 'OK')).toBe(true);

    // Day 1: BR breaks.
    await ingestDay(1);
    const fired = await eventually(async () => viaSubscription.find((e) => e.data?.alertEvents.type === 'FIRED'), 60_000);
    // Several more 1 s evaluations of the broken day: still one event (and the RESOLVED one below, a later event on the same channel, shows none came between).
    const firedAt = Date.parse((await status())!.evaluatedAt);
    await eventually(async () => Date.parse((await status())!.evaluatedAt) >= firedAt + 3_000, 30_000, 200);
    const firedEvents = viaSubscription.filter((e) => e.data?.alertEvents.type === 'FIRED');
    expect(firedEvents).toHaveLength(1);
    const event = fired.data!.alertEvents;
    expect(event.alert.slice).toEqual([{ field: 'tags.country', value: 'BR' }]);
    expect(event.alert.state).toBe('FIRING');
    expect(event.alert.value).toBeLessThan(BR_ACCURACY_FLOOR);
    expect(event.alert.value).toBeCloseTo(oracle.expected.classification['day1/country=BR']!.accuracy!, 1);
    // Model fields come from the evaluation store through the gateway.
    expect(event.model).toMatchObject({ name: 'churn', task: 'BINARY', predictionCount: oracle.predictions.length });
    const firing = await ok<{ alerts: { id: string; state: string; slice: { value: string }[] }[] }>('{ alerts(model: "churn", state: FIRING) { id state slice { value } } }');
    expect(firing.alerts).toEqual([{ id: event.alert.id, state: 'FIRING', slice: [{ value: 'BR' }] }]);

    // Healthy BR traffic a day later: 300 confident, correct predictions.
    const t = oracle.t0 + 3 * oracle.dayMs;
    const healthy = Array.from({ length: 300 }, (_, i) => ({ id: `healthy-${i}`, model: 'churn', timestamp: t + i * 1000, features: { x1: 0, x2: 0 }, tags: { country: 'BR', device: 'ios' }, output: { score: 0.95 }, label: { positive: true } }));
    await postAll(platform.url, key, '/v1/predictions', healthy);
    const resolved = await eventually(async () => viaSubscription.find((e) => e.data?.alertEvents.type === 'RESOLVED'), 60_000);
    expect(resolved.data!.alertEvents.alert).toMatchObject({ id: event.alert.id, state: 'RESOLVED', value: event.alert.value });
    const history = await ok<{ alerts: { id: string; state: string; firedAt: string; resolvedAt: string; resolvedValue: number }[] }>('{ alerts(model: "churn") { id state firedAt resolvedAt resolvedValue } }');
    expect(history.alerts).toHaveLength(1);
    expect(history.alerts[0]).toMatchObject({ id: event.alert.id, state: 'RESOLVED', resolvedValue: 1 });

    // The same two events on NATS and at the webhook, signed.
    const ids = [`${event.alert.id}.FIRED`, `${event.alert.id}.RESOLVED`];
    expect(viaSubscription.map((e) => e.data?.alertEvents.id)).toEqual(ids);
    await eventually(async () => viaNats.length >= 2 && viaWebhook.length >= 2, 30_000);
    expect(viaNats.map((e) => e.id)).toEqual(ids);
    expect(viaWebhook.map((w) => w.body.id)).toEqual(ids);
    expect(viaWebhook.every((w) => w.signed)).toBe(true);
  }, 240_000);

  it('pushes every evaluation to monitorEvaluated subscribers of its model, a failed one included, with the status the API answers', async () => {
    // The last day holds the healthy BR traffic alone, all from one device: one series, at the monitor's limit.
    const { createMonitor } = await ok<{ createMonitor: { id: string } }>(`mutation { createMonitor(input: {
      name: "accuracy by device", model: "churn", check: { metric: ACCURACY }, groupBy: ["tags.device"], maxSeries: 1,
      window: "1d", interval: "1s", anchor: LATEST_PREDICTION, condition: { op: LT, threshold: 0.5 } }) { id } }`);
    const mine = () => evaluated.churn.filter((e) => e.id === createMonitor.id);
    const apiStatus = async () =>
      (await ok<{ monitor: { status: Evaluated['status'] } }>('query($id: ID!) { monitor(id: $id) { status { evaluatedAt outcome error } } }', { id: createMonitor.id })).monitor.status;
    // An evaluation the API answers reaches the subscriber as it is, with the fields the gateway fetched for it.
    const pushedOk = await eventually(async () => {
      const api = await apiStatus();
      return api?.outcome === 'OK' && mine().find((e) => e.status.evaluatedAt === api.evaluatedAt);
    }, 30_000, 200);
    expect(pushedOk).toMatchObject({ name: 'accuracy by device', model: { name: 'churn' }, status: { outcome: 'OK', error: null } });

    // A second device in the window: every evaluation fails (TOO_MANY_SERIES), fires no alert event, and is still pushed.
    const t = oracle.t0 + 3 * oracle.dayMs + 400_000;
    await postAll(platform.url, key, '/v1/predictions', [{ id: 'tv-1', model: 'churn', timestamp: t, features: { x1: 0, x2: 0 }, tags: { country: 'BR', device: 'tv' }, output: { score: 0.9 }, label: { positive: true } }]);
    const failed = await eventually(async () => mine().find((e) => e.status.outcome === 'ERROR'), 60_000, 200);
    expect(failed.status.error).toBe('groupBy tags.device has 2 values in the window, past maxSeries (1)');
    const api = await eventually(async () => {
      const s = await apiStatus();
      return s.outcome === 'ERROR' && mine().some((e) => e.status.evaluatedAt === s.evaluatedAt) && s;
    }, 30_000, 200);
    expect(api.error).toBe(failed.status.error);
    // Events of churn's monitors reach subscribers of churn only; no alert event came of the failures.
    expect(evaluated.other).toEqual([]);
    expect(viaSubscription.map((e) => e.data?.alertEvents.type)).toEqual(['FIRED', 'RESOLVED']);
  }, 120_000);
});
