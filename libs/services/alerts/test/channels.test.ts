/**
 * Slack and PagerDuty channels (see webhook-harness.ts): local receivers
 * check each body against the documented payload shapes (channel-schemas.ts)
 * and what it says; retries and dead letters are the webhooks'.
 */
import type { AlertEvent } from '@tideline/contracts';
import { eventually } from '@tideline/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGERDUTY_EVENTS_URL } from '../src/channels/pagerduty.ts';
import { pagerDutyProblems, slackProblems } from './channel-schemas.ts';
import { HARNESS_PUBLIC_URL, alertEvent, startHarness, type Harness } from './webhook-harness.ts';

const MAX_ATTEMPTS = 3;
const ROUTING_KEY = 'R0UT1NGKEY0f32characters00000000';
const CREATE = `mutation($input: AlertChannelInput!) { createAlertChannel(input: $input) { id type url monitor { id } } }`;
const LIST = '{ webhooks { id type url deadLetters { eventId attempts lastError } } }';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked against the schemas first
type Any = any;

describe('alert channels', () => {
  let h: Harness;
  const createChannel = async (project: string, input: Record<string, unknown>) => {
    const res = await h.gql<{ createAlertChannel: { id: string; type: string; url: string } }>(project, CREATE, { input });
    expect(res.errors).toBeUndefined();
    return res.data!.createAlertChannel;
  };
  const resolvedOf = (fired: AlertEvent): AlertEvent => ({
    ...fired,
    id: `${fired.alert.id}.RESOLVED`,
    type: 'RESOLVED',
    alert: { ...fired.alert, state: 'RESOLVED', resolvedAt: new Date().toISOString(), resolvedValue: 0.9 },
  });

  beforeAll(async () => {
    h = await startHarness({ maxAttempts: MAX_ATTEMPTS, baseDelayMs: 100, timeoutMs: 1000, ackWaitMs: 2000, allow: { hosts: [], cidrs: ['127.0.0.1/32'] } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('posts a Slack Block Kit message with the model, slice, value, threshold and a link to the console', async () => {
    const project = 'p-slack';
    const slack = await h.receiver();
    const channel = await createChannel(project, { type: 'SLACK', url: slack.url });
    expect(channel).toMatchObject({ type: 'SLACK', url: slack.url });
    const fired = alertEvent(project, 'm1');
    await h.publish(fired);
    await h.publish(resolvedOf(fired));
    await eventually(async () => slack.requests.length === 2);

    const [firing, resolved] = slack.requests.map((r) => JSON.parse(r.body) as Any);
    expect(slackProblems(firing)).toEqual([]);
    expect(slackProblems(resolved)).toEqual([]);
    expect(slack.requests[0]!.headers['content-type']).toBe('application/json');
    expect(slack.requests[0]!.headers['x-tideline-signature']).toBeUndefined(); // the URL is Slack's secret
    const [header, section, actions] = firing.blocks;
    expect(header.text.text).toBe(`🔴 Alert fired: ${fired.alert.monitor.name}`);
    expect(section.fields.map((f: Any) => f.text)).toEqual([
      '*Model*\nchurn',
      '*Slice*\ntags.country = BR',
      '*ACCURACY*\n0.61',
      '*Threshold*\n0.8',
      '*Severity*\nCRITICAL',
      `*Fired at*\n${fired.alert.firedAt}`,
    ]);
    expect(actions.elements[0].url).toBe(`${HARNESS_PUBLIC_URL}/models/churn`);
    expect(firing.text).toBe(`[CRITICAL] ${fired.alert.monitor.name} fired on churn (tags.country = BR): ACCURACY 0.61, threshold 0.8`);
    expect(resolved.blocks[0].text.text).toBe(`✅ Alert resolved: ${fired.alert.monitor.name}`);
    expect(resolved.blocks[1].fields[2].text).toBe('*ACCURACY (now)*\n0.9');
  });

  it('escapes Slack markup in tag values, so a slice cannot forge a link', async () => {
    const project = 'p-slack-escape';
    const slack = await h.receiver();
    await createChannel(project, { type: 'SLACK', url: slack.url });
    const event = alertEvent(project, 'm1');
    event.alert.slice = [{ field: 'tags.campaign', value: '<https://evil.example|click> & more' }];
    await h.publish(event);
    await eventually(async () => slack.requests.length === 1);
    const body = JSON.parse(slack.requests[0]!.body) as Any;
    expect(slackProblems(body)).toEqual([]);
    expect(body.blocks[1].fields[1].text).toBe('*Slice*\ntags.campaign = &lt;https://evil.example|click&gt; &amp; more');
  });

  it('triggers a PagerDuty incident when an alert fires and resolves it by the same dedup_key', async () => {
    const project = 'p-pagerduty';
    const pagerDuty = await h.receiver({ status: () => 202 });
    await createChannel(project, { type: 'PAGERDUTY', url: pagerDuty.url, routingKey: ROUTING_KEY });
    const fired = alertEvent(project, 'm1');
    await h.publish(fired);
    await h.publish(resolvedOf(fired));
    await eventually(async () => pagerDuty.requests.length === 2);

    const bodies = pagerDuty.requests.map((r) => JSON.parse(r.body) as Any);
    for (const body of bodies) expect(pagerDutyProblems(body)).toEqual([]);
    const trigger = bodies.find((b) => b.event_action === 'trigger');
    const resolve = bodies.find((b) => b.event_action === 'resolve');
    expect(trigger).toMatchObject({
      routing_key: ROUTING_KEY,
      dedup_key: fired.alert.id,
      payload: { severity: 'critical', source: `${HARNESS_PUBLIC_URL}/models/churn`, timestamp: fired.alert.firedAt, component: 'churn', class: 'ACCURACY' },
      links: [{ href: `${HARNESS_PUBLIC_URL}/models/churn` }],
    });
    expect(trigger.payload.summary).toContain('tags.country = BR');
    expect(trigger.payload.custom_details).toMatchObject({ value: 0.61, threshold: 0.8, sampleCount: 420 });
    expect(resolve).toEqual({ routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: fired.alert.id });
  });

  it('retries a channel like a webhook and keeps a dead letter after the last attempt', async () => {
    const project = 'p-channel-retries';
    const flaky = await h.receiver({ status: (n) => (n === 1 ? 503 : 202) });
    const gone = await h.receiver({ status: () => 404 });
    await createChannel(project, { type: 'PAGERDUTY', url: flaky.url, routingKey: ROUTING_KEY });
    const slack = await createChannel(project, { type: 'SLACK', url: gone.url });
    const event = alertEvent(project, 'm1');
    await h.publish(event);
    await eventually(async () => flaky.requests.length === 2 && gone.requests.length === MAX_ATTEMPTS, 30_000);
    await h.settled();
    expect(flaky.requests.map((r) => r.headers['x-tideline-attempt'])).toEqual(['1', '2']);
    expect(flaky.requests[1]!.body).toBe(flaky.requests[0]!.body);
    const listed = await h.gql<{ webhooks: Any[] }>(project, LIST);
    const deadLetters = Object.fromEntries(listed.data!.webhooks.map((w) => [w.type, w.deadLetters]));
    expect(deadLetters).toEqual({ PAGERDUTY: [], SLACK: [{ eventId: event.id, attempts: MAX_ATTEMPTS, lastError: 'HTTP 404' }] });
    expect(listed.data!.webhooks.find((w) => w.type === 'SLACK').id).toBe(slack.id);
  });

  it('refuses an incomplete channel, naming the field, and never returns the routing key', async () => {
    const project = 'p-channel-input';
    const tryCreate = async (input: Record<string, unknown>) => (await h.gql(project, CREATE, { input })).errors?.[0]?.extensions;
    expect(await tryCreate({ type: 'SLACK' })).toEqual({ code: 'BAD_USER_INPUT', field: 'input.url' });
    expect(await tryCreate({ type: 'SLACK', url: 'ftp://hooks.example.com/x' })).toEqual({ code: 'BAD_USER_INPUT', field: 'input.url' });
    expect(await tryCreate({ type: 'SLACK', url: 'http://169.254.169.254/latest' })).toEqual({ code: 'BAD_USER_INPUT', field: 'input.url' });
    expect(await tryCreate({ type: 'PAGERDUTY' })).toEqual({ code: 'BAD_USER_INPUT', field: 'input.routingKey' });
    expect(await tryCreate({ type: 'PAGERDUTY', routingKey: 'has spaces in it, too many' })).toEqual({ code: 'BAD_USER_INPUT', field: 'input.routingKey' });
    expect(await tryCreate({ type: 'SIGNED', url: 'https://hooks.example.com/x' })).toEqual({ code: 'BAD_USER_INPUT', field: 'input.type' });
    expect(await tryCreate({ type: 'SLACK', url: 'https://hooks.example.com/x', monitor: 'nope' })).toEqual({ code: 'MONITOR_NOT_FOUND', field: 'input.monitor' });
    expect((await h.gql(project, LIST)).data).toEqual({ webhooks: [] });

    // Without a url, PagerDuty's own endpoint.
    const channel = await createChannel(project, { type: 'PAGERDUTY', routingKey: ROUTING_KEY });
    expect(channel).toMatchObject({ type: 'PAGERDUTY', url: PAGERDUTY_EVENTS_URL });
    const asked = await h.gql(project, '{ webhooks { routingKey } }');
    expect(asked.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
