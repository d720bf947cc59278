/**
 * Webhooks on their own (see webhook-harness.ts): delivery, signatures,
 * retries, dead letters, scoping, deduplication and restarts. The receivers
 * listen on 127.0.0.1, which the allow-list lets webhooks reach.
 */
import { ALERT_STREAMS, ALERT_SUBJECTS } from '@tideline/contracts';
import { eventually } from '@tideline/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../src/webhooks/index.ts';
import { alertEvent, holdsFor, startHarness, type Harness } from './webhook-harness.ts';

const MAX_ATTEMPTS = 4;
const BASE_DELAY_MS = 100;
const TIMEOUT_MS = 1000;
/** Short, so a job JetStream would hand out again (a dead letter not ended) comes back within the test. */
const ACK_WAIT_MS = 2000;

describe('webhooks', () => {
  let h: Harness;
  const receiver: Harness['receiver'] = (...args) => h.receiver(...args);
  const createWebhook: Harness['createWebhook'] = (...args) => h.createWebhook(...args);
  const listWebhooks: Harness['listWebhooks'] = (...args) => h.listWebhooks(...args);
  const publish: Harness['publish'] = (...args) => h.publish(...args);
  const gql: Harness['gql'] = (...args) => h.gql(...args);

  beforeAll(async () => {
    h = await startHarness({
      maxAttempts: MAX_ATTEMPTS,
      baseDelayMs: BASE_DELAY_MS,
      timeoutMs: TIMEOUT_MS,
      ackWaitMs: ACK_WAIT_MS,
      allow: { hosts: [], cidrs: ['127.0.0.1/32'] },
      // Nothing here resolves through DNS, which the test machine may not have.
      resolve: async (host) => (host === 'example.com' ? [{ address: '93.184.215.14', family: 4 }] : Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }))),
    });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('POSTs the event as JSON with a valid signature, and never shows the secret again', async () => {
    const project = 'p-signed';
    const hook = await receiver();
    const created = await createWebhook(project, hook.url);
    expect(created.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(created.webhook).toMatchObject({ url: hook.url, monitor: null, deadLetters: [] });

    const listed = await gql<{ webhooks: Record<string, unknown>[] }>(project, '{ webhooks { id url createdAt } }');
    expect(listed.data?.webhooks).toEqual([{ id: created.webhook.id, url: hook.url, createdAt: created.webhook.createdAt }]);
    const asked = await gql(project, '{ webhooks { secret } }');
    expect(asked.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const event = alertEvent(project, 'm1');
    await publish(event);
    await eventually(async () => hook.requests.length === 1);
    const [request] = hook.requests;
    expect(JSON.parse(request!.body)).toEqual(event);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['x-tideline-event-id']).toBe(event.id);
    expect(request!.headers['x-tideline-attempt']).toBe('1');
    const signature = request!.headers['x-tideline-signature'] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(Math.abs(Number(/t=(\d+)/.exec(signature)![1]) - request!.at)).toBeLessThan(5_000);
    expect(verifyWebhook(created.secret, signature, request!.body)).toBe(true);
    expect(verifyWebhook('0'.repeat(64), signature, request!.body)).toBe(false);
  });

  it('refuses an invalid url, a short secret and an unknown monitor, naming the field', async () => {
    const project = 'p-invalid';
    const create = (vars: Record<string, unknown>) =>
      gql(project, 'mutation($url: String!, $monitor: ID, $secret: String) { createWebhook(url: $url, monitor: $monitor, secret: $secret) { secret } }', vars);
    expect((await create({ url: 'ftp://example.com/x' })).errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'url' });
    expect((await create({ url: 'not a url' })).errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'url' });
    expect((await create({ url: 'https://example.com/x', secret: 'too-short' })).errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'secret' });
    expect((await create({ url: 'https://example.com/x', monitor: 'nope' })).errors?.[0]?.extensions).toEqual({ code: 'MONITOR_NOT_FOUND', field: 'monitor' });
    expect(await listWebhooks(project)).toEqual([]);
  });

  it('retries a failing endpoint with growing gaps and delivers exactly once when it recovers', async () => {
    const project = 'p-retry';
    // Fails three times, then takes the last attempt (MAX_ATTEMPTS = 4).
    const hook = await receiver({ status: (n) => (n <= 3 ? 500 : 200) });
    const secret = 'a-caller-chosen-secret';
    const { webhook } = await createWebhook(project, hook.url, { secret });
    const event = alertEvent(project, 'm1');
    await publish(event);

    await eventually(async () => hook.requests.length === 4);
    await h.settled(); // the job is acked: no retry can follow
    expect(hook.requests).toHaveLength(4);
    expect(hook.requests.map((r) => r.headers['x-tideline-attempt'])).toEqual(['1', '2', '3', '4']);
    for (const r of hook.requests) {
      expect(r.headers['x-tideline-event-id']).toBe(event.id);
      expect(verifyWebhook(secret, r.headers['x-tideline-signature'] as string, r.body)).toBe(true);
    }
    const gaps = hook.requests.slice(1).map((r, i) => r.at - hook.requests[i]!.at);
    console.info(`retry gaps with base ${BASE_DELAY_MS} ms: ${gaps.join(' ms, ')} ms`);
    // A nak delay is a floor: JetStream redelivers on its next check, up to a few hundred ms later on a busy machine.
    // So each gap is asserted against its floor, and the growth between the first gap and the third, four times longer.
    gaps.forEach((gap, i) => expect(gap, `gap ${i + 1}`).toBeGreaterThanOrEqual(BASE_DELAY_MS * 2 ** i * 0.9));
    expect(gaps[2]).toBeGreaterThan(gaps[0]!);
    const [listed] = await listWebhooks(project);
    expect(listed).toMatchObject({ id: webhook.id, deadLetters: [] });
  });

  it('keeps exactly one dead letter after the last attempt, while a healthy webhook of the project gets the event at once', async () => {
    const project = 'p-dead';
    const failing = await receiver({ status: () => 503, body: 'down for maintenance: internal page' });
    const hanging = await receiver({ status: () => 'hang' });
    const healthy = await receiver();
    const failingHook = await createWebhook(project, failing.url);
    const hangingHook = await createWebhook(project, hanging.url);
    await createWebhook(project, healthy.url);

    const event = alertEvent(project, 'm1');
    const publishedAt = Date.now();
    await publish(event);
    await eventually(async () => healthy.requests.length === 1, 5_000, 10);
    const healthyLatency = healthy.requests[0]!.at - publishedAt;
    console.info(`healthy webhook received the event ${healthyLatency} ms after publishing`);
    expect(healthyLatency).toBeLessThan(1_000);

    const withDeadLetters = async () => {
      const hooks = await listWebhooks(project);
      return hooks.every((h) => h.id !== failingHook.webhook.id && h.id !== hangingHook.webhook.id || h.deadLetters.length > 0) ? hooks : undefined;
    };
    const hooks = await eventually(withDeadLetters, 30_000, 200);
    expect(failing.requests).toHaveLength(MAX_ATTEMPTS);
    expect(hanging.requests).toHaveLength(MAX_ATTEMPTS);
    const gaps = failing.requests.slice(1).map((r, i) => r.at - failing.requests[i]!.at);
    console.info(`always-failing endpoint: ${MAX_ATTEMPTS} attempts, gaps ${gaps.join(' ms, ')} ms`);

    // The last attempt ends the job, on nats-server 2.9 too: it leaves the consumer, and no POST follows,
    // not even after ack_wait, when JetStream would hand out a job still held (2.9 ignored `+TERM <reason>`).
    const held = await eventually(async () => ((await h.held()) === 0 ? 'none' : undefined), 5_000).catch(async () => h.held());
    expect(held, 'jobs the delivery consumer still holds (num_pending + num_ack_pending)').toBe('none');
    const attempts = () => failing.requests.length + hanging.requests.length + healthy.requests.length;
    await holdsFor(() => attempts() === 2 * MAX_ATTEMPTS + 1, 2 * ACK_WAIT_MS + TIMEOUT_MS, 'no POST after the dead letters');
    expect(await h.held()).toBe(0);

    const byId = new Map(hooks.map((h) => [h.id, h]));
    const failed = byId.get(failingHook.webhook.id)!.deadLetters;
    expect(failed).toHaveLength(1);
    // The endpoint's answer is not shown to the tenant: it could be a page from inside.
    expect(failed[0]).toMatchObject({ eventId: event.id, event, attempts: MAX_ATTEMPTS, lastError: 'HTTP 503' });
    expect(Date.parse(failed[0]!.failedAt)).toBeGreaterThanOrEqual(failing.requests.at(-1)!.at - 1_000);
    const timedOut = byId.get(hangingHook.webhook.id)!.deadLetters;
    expect(timedOut).toMatchObject([{ eventId: event.id, attempts: MAX_ATTEMPTS, lastError: `no response within ${TIMEOUT_MS} ms` }]);
    const again = new Map((await listWebhooks(project)).map((h) => [h.id, h.deadLetters.length]));
    expect(again.get(failingHook.webhook.id)).toBe(1);
  });

  it('drops an alert event or a delivery job it cannot read, for good', async () => {
    await h.nats.js.publish(ALERT_SUBJECTS.fired('p-garbage'), 'not an event');
    await h.nats.js.publish(ALERT_SUBJECTS.webhookDelivery('p-garbage'), 'not a job');
    const bothEmpty = async () => (await h.held('webhookFanOut')) + (await h.held('webhookDelivery')) === 0;
    const held = await eventually(async () => ((await bothEmpty()) ? 'none' : undefined), 5_000).catch(async () => ({ fanOut: await h.held('webhookFanOut'), delivery: await h.held() }));
    expect(held, 'messages the webhook consumers still hold').toBe('none');
    await holdsFor(bothEmpty, ACK_WAIT_MS + 500, 'the messages stay gone past ack_wait', 200);
  });

  it("sends a monitor's webhook only that monitor's events", async () => {
    const project = 'p-monitor';
    h.addMonitor(project, 'm1');
    h.addMonitor(project, 'm2');
    const scoped = await receiver();
    const everything = await receiver();
    const scopedHook = await createWebhook(project, scoped.url, { monitor: 'm1' });
    expect(scopedHook.webhook.monitor).toEqual({ id: 'm1', name: 'monitor m1' });
    await createWebhook(project, everything.url);

    const ofM2 = alertEvent(project, 'm2');
    const ofM1 = alertEvent(project, 'm1');
    await publish(ofM2);
    await publish(ofM1);
    await eventually(async () => everything.requests.length === 2 && scoped.requests.length === 1);
    await h.settled();
    expect(everything.events().map((e) => e.id).sort()).toEqual([ofM1.id, ofM2.id].sort());
    expect(scoped.events().map((e) => e.id)).toEqual([ofM1.id]);

    // A deleted monitor leaves the webhook without one rather than failing the query.
    h.deleteMonitor(project, 'm1');
    const listed = await listWebhooks(project);
    expect(listed.find((h) => h.id === scopedHook.webhook.id)?.monitor).toBeNull();
  });

  it("never lets a project see, delete or receive another project's webhooks and events", async () => {
    const mine = await receiver();
    const theirs = await receiver();
    const myHook = await createWebhook('p-mine', mine.url);
    await createWebhook('p-theirs', theirs.url);

    await publish(alertEvent('p-mine', 'm1'));
    await eventually(async () => mine.requests.length === 1);
    await h.settled();
    expect(theirs.requests).toHaveLength(0);

    expect((await listWebhooks('p-theirs')).map((h) => h.url)).toEqual([theirs.url]);
    const deleted = await gql<{ deleteWebhook: boolean }>('p-theirs', 'mutation($id: ID!) { deleteWebhook(id: $id) }', { id: myHook.webhook.id });
    expect(deleted.data?.deleteWebhook).toBe(false);
    expect((await listWebhooks('p-mine')).map((h) => h.id)).toEqual([myHook.webhook.id]);
    // The entity reference resolves within the caller's project only.
    const entities = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Webhook { id url } } }';
    const r = [{ __typename: 'Webhook', id: myHook.webhook.id }];
    expect((await gql<{ _entities: unknown[] }>('p-mine', entities, { r })).data?._entities).toEqual([{ id: myHook.webhook.id, url: mine.url }]);
    expect((await gql<{ _entities: unknown[] }>('p-theirs', entities, { r })).data?._entities).toEqual([null]);
  });

  it('delivers an event published twice only once', async () => {
    const project = 'p-dedupe';
    const hook = await receiver();
    await createWebhook(project, hook.url);
    const event = alertEvent(project, 'm1');
    const first = await publish(event);
    const again = await publish(event);
    expect(again.duplicate).toBe(true);
    expect(again.seq).toBe(first.seq);
    // A copy that got past the stream's dedupe (another message id) is still one delivery job per webhook.
    const copy = await publish(event, `${event.id}-copy`);
    expect(copy.duplicate).toBe(false);
    const later = alertEvent(project, 'm1', 'RESOLVED');
    await publish(later);
    await eventually(async () => hook.events().some((e) => e.id === later.id));
    await h.settled();
    expect(hook.events().map((e) => e.id).sort()).toEqual([event.id, later.id].sort());
  });

  it('catches up after a restart, skipping events from before a webhook existed, and stops at its deletion', async () => {
    const project = 'p-restart';
    const sentinel = await receiver();
    await createWebhook(project, sentinel.url);
    await h.stopWebhooks();

    // Published while no webhook process runs; the new webhook is created after the first one.
    const before = alertEvent(project, 'm1');
    const { seq } = await publish(before);
    // The next webhook must be created after the event reached the stream (a webhook gets only later events): wait for the clock to pass it.
    const reachedStream = (await h.nats.jsm.streams.getMessage(ALERT_STREAMS.events.name, { seq }))!.time.getTime();
    await eventually(async () => Date.now() > reachedStream, 5_000, 1);
    const late = await receiver();
    const lateHook = await createWebhook(project, late.url);
    const after = alertEvent(project, 'm1');
    await publish(after);
    // No webhook process runs: both events wait in the stream, unread.
    expect(await h.held('webhookFanOut')).toBe(2);
    expect(sentinel.requests).toHaveLength(0);

    await h.startWebhooks();
    await eventually(async () => sentinel.requests.length === 2 && late.requests.length === 1);
    expect(sentinel.events().map((e) => e.id).sort()).toEqual([before.id, after.id].sort());
    expect(late.events().map((e) => e.id)).toEqual([after.id]);

    const deleted = await gql<{ deleteWebhook: boolean }>(project, 'mutation($id: ID!) { deleteWebhook(id: $id) }', { id: lateHook.webhook.id });
    expect(deleted.data?.deleteWebhook).toBe(true);
    const last = alertEvent(project, 'm1', 'RESOLVED');
    await publish(last);
    await eventually(async () => sentinel.requests.length === 3);
    await h.settled();
    expect(late.requests).toHaveLength(1);
  });
});
