/**
 * Slack and PagerDuty channels fed by the service's own evaluator: a monitor
 * on accuracy per country fires for BR, the Slack receiver gets a message
 * with that alert's slice, value and threshold and PagerDuty a trigger keyed
 * by its id; labels corrected, the alert resolves and PagerDuty gets the
 * resolve with the same dedup_key. Real nats-server, chDB, ingest, store,
 * metrics and alerts (stack.ts); local receivers allowed by CIDR.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@tideline/testing';
import { pagerDutyProblems, slackProblems } from './channel-schemas.ts';
import { startAlertsStack, type AlertsStack } from './stack.ts';
import { startReceiver, type Receiver } from './webhook-harness.ts';

const PROJECT = 'channels';
const CONSOLE = 'https://console.example.com';
const ROUTING_KEY = 'e2eR0utingKey0000000000000000000';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked against the schemas first
type Any = any;

describe('alert channels, end to end', () => {
  let stack: AlertsStack;
  let slack: Receiver;
  let pagerDuty: Receiver;
  const now = Date.now();
  /** 20 predictions a country in the last minutes; BR's labels say it is always wrong unless `fixed`. */
  const traffic = (fixed: boolean) =>
    Array.from({ length: 40 }, (_, i) => {
      const country = i % 2 ? 'BR' : 'US';
      const right = country === 'US' || fixed;
      return { id: `e${i}`, model: 'churn', timestamp: now - 600_000 + i * 1000, tags: { country }, output: { score: 0.9 }, label: { positive: right } };
    });
  const gql = <T>(query: string, variables: Record<string, unknown> = {}) => stack.gql<T>('alerts', PROJECT, query, variables);
  const bodies = (r: Receiver) => r.requests.map((q) => JSON.parse(q.body) as Any);

  beforeAll(async () => {
    stack = await startAlertsStack('channels', { TIDELINE_WEBHOOK_ALLOW_CIDRS: '127.0.0.1/32', TIDELINE_PUBLIC_URL: CONSOLE, TIDELINE_WEBHOOK_BASE_DELAY_MS: '100' });
    slack = await startReceiver();
    pagerDuty = await startReceiver({ status: () => 202 });
    await stack.ingest(PROJECT, 'churn', traffic(false), 40);
  }, 120_000);

  afterAll(async () => {
    await slack?.close();
    await pagerDuty?.close();
    await stack?.stop();
  });

  it('fires to Slack and PagerDuty, then resolves the same PagerDuty incident', async () => {
    const channel = 'mutation($input: AlertChannelInput!) { createAlertChannel(input: $input) { id } }';
    await gql(channel, { input: { type: 'SLACK', url: slack.url } });
    await gql(channel, { input: { type: 'PAGERDUTY', url: pagerDuty.url, routingKey: ROUTING_KEY } });
    await gql('mutation($input: MonitorInput!) { createMonitor(input: $input) { id } }', {
      input: { name: 'accuracy by country', model: 'churn', check: { metric: 'ACCURACY' }, groupBy: ['tags.country'], window: '1h', interval: '1s', anchor: 'LATEST_PREDICTION', condition: { op: 'LT', threshold: 0.9 }, minSamples: 5, severity: 'WARNING' },
    });

    await eventually(async () => slack.requests.length >= 1 && pagerDuty.requests.length >= 1, 30_000);
    const { alerts } = await gql<{ alerts: { id: string; value: number; threshold: number }[] }>('{ alerts(model: "churn") { id value threshold } }');
    expect(alerts).toHaveLength(1); // BR only: US is always right
    const [alert] = alerts;
    const message = bodies(slack)[0];
    expect(slackProblems(message)).toEqual([]);
    expect(message.blocks[1].fields.map((f: Any) => f.text)).toEqual(expect.arrayContaining(['*Model*\nchurn', '*Slice*\ntags.country = BR', `*ACCURACY*\n${alert!.value}`, '*Threshold*\n0.9']));
    expect(message.blocks[2].elements[0].url).toBe(`${CONSOLE}/models/churn`);
    const trigger = bodies(pagerDuty)[0];
    expect(pagerDutyProblems(trigger)).toEqual([]);
    expect(trigger).toMatchObject({ event_action: 'trigger', dedup_key: alert!.id, routing_key: ROUTING_KEY, payload: { severity: 'warning' } });

    // The labels were wrong: sent again, the later arrival wins, and BR is healthy at the next evaluations.
    await stack.ingest(PROJECT, 'churn', traffic(true), 40);
    await eventually(async () => bodies(pagerDuty).some((b) => b.event_action === 'resolve'), 30_000);
    const resolve = bodies(pagerDuty).find((b) => b.event_action === 'resolve');
    expect(resolve).toEqual({ routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: alert!.id });
    await eventually(async () => bodies(slack).some((b) => b.blocks[0].text.text.startsWith('✅')), 30_000);
    expect(bodies(slack).every((b) => slackProblems(b).length === 0)).toBe(true);
  });
});
