/**
 * retrainingDecision through the gateway on the whole platform (real NATS,
 * chDB), each action built with real data: HOLD with INSUFFICIENT_EVIDENCE
 * for a model with few labels; RETRAIN once a monitor fires on a slice with
 * enough labels since training; PROMOTE when v2's shadow predictions on the
 * champion's ids are clearly better; ROLLBACK when a monitor fires after v2
 * is promoted; and tideline.retraining.recommended published once per change,
 * the same changes pushed once each to a retrainingDecisionChanged subscriber
 * (SSE through the gateway; graphql-ws too) and never to another project's.
 */
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LOOP_STREAMS, retrainingRecommendedEvent, type RetrainingRecommendedEvent } from '@tideline/contracts';
import { eventually, freePort, postAll, signedGraphql, sseSubscription, startDevPlatform, type DevPlatform, type SseSubscription } from '@tideline/testing';
import { DAY, feedback, iso, prediction, rows, v1Right, v2Right } from './traffic.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
type Any = any;
let platform: DevPlatform;
let natsUrl = '';
/** The internal secret, so the test can ask the loop's subgraph what the gateway would (the change entity). */
const SECRET = 'decision-test-internal-secret-0123456789';
const now = Date.now();
const traffic = rows(1200, now);

const DECISION = `query($model: String!) { retrainingDecision(model: $model) { model action confidence candidate rollbackTo decidedAt
  reasons { code message evidence } basedOn { window { from to } labeledCount estimated } } }`;
const decision = async (model: string) => {
  const answer = await platform.gql<Any>(DECISION, { model });
  expect(answer.errors).toBeUndefined();
  return answer.data.retrainingDecision;
};
const codes = (d: Any) => d.reasons.map((r: Any) => r.code);
const mutate = async (query: string) => {
  const answer = await platform.gql<Any>(query);
  expect(answer.errors).toBeUndefined();
  return answer.data;
};
const version = (v: string, finishedAt: number) =>
  mutate(`mutation { registerModelVersion(input: { model: "churn", version: "${v}", artifact: { files: [{ path: "w.bin", contentBase64: "AAAA" }], format: OTHER },
    trainingRun: { id: "run-${v}", finishedAt: "${iso(finishedAt)}" } }) { version } }`);
const monitor = (name: string, threshold: number, extra: string) =>
  mutate(`mutation { createMonitor(input: { name: "${name}", model: "churn", check: { metric: ACCURACY }, ${extra} window: "7d", interval: "1s",
    condition: { op: LT, threshold: ${threshold} }, minSamples: 50, severity: CRITICAL }) { id } }`);
const CHANGES = `subscription($model: String) { retrainingDecisionChanged(model: $model) {
  id model { name } previousAction trigger at decision { model action decidedAt candidate rollbackTo reasons { code } } } }`;
type Change = { data?: { retrainingDecisionChanged: Any }; errors?: unknown[] };
/** churn's changes, subscribed once its first decision (HOLD) is published; and another project's subscriber to every model. */
let churnChanges: SseSubscription<Change>;
let otherProject: SseSubscription<Change>;
/** The same over graphql-ws, which tells no moment the subscription is live: it may miss the first change, never repeat one. */
let ws: Client;
const viaWs: Change[] = [];
const subscribe = (key: string, model: string | null) => sseSubscription<Change>(platform.url, key, CHANGES, { model });
const labeledCount = async (model: string) => (await platform.gql<Any>(`{ model(name: "${model}") { labeledCount } }`)).data?.model?.labeledCount;

beforeAll(async () => {
  const natsPort = await freePort();
  natsUrl = `nats://127.0.0.1:${natsPort}`;
  platform = await startDevPlatform({ TIDELINE_NATS_PORT: String(natsPort), TIDELINE_MONITOR_MIN_INTERVAL: '1s', TIDELINE_INTERNAL_SECRET: SECRET });
  // churn: v1 is the champion, trained six days ago; every prediction since is labeled.
  await postAll(platform.url, platform.key, '/v1/predictions', traffic.map((r, i) => prediction('churn', 'v1', r, v1Right(r, i))));
  await postAll(platform.url, platform.key, '/v1/feedback', traffic.map((r) => feedback('churn', r)));
  // sparse: 40 predictions, 5 labels.
  const few = rows(40, now, 's');
  await postAll(platform.url, platform.key, '/v1/predictions', few.map((r, i) => prediction('sparse', 'v1', r, v1Right(r, i))));
  await postAll(platform.url, platform.key, '/v1/feedback', few.slice(0, 5).map((r) => feedback('sparse', r)));
  await eventually(async () => (await labeledCount('churn')) === 1200 && (await labeledCount('sparse')) === 5, 60_000);
  await mutate(`mutation { registerModel(input: { name: "churn", primaryMetric: ACCURACY, protectedSlices: ["tags.country"],
    gate: { minImprovement: 0.02, maxSliceRegression: 0.05, minSamples: 100 } }) { name } }`);
  await version('v1', now - 6 * DAY);
  await mutate('mutation { promote(model: "churn", version: "v1", stage: CHAMPION, reason: "first champion") { version } }');
}, 120_000);

afterAll(async () => {
  await platform?.stop();
});

it('refuses a malformed or unknown model, naming the field', async () => {
  const bad = await platform.gql('{ retrainingDecision(model: " x") { action } }');
  expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'model' });
  const unknown = await platform.gql('{ retrainingDecision(model: "nobody") { action } }');
  expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'MODEL_NOT_FOUND', field: 'model' });
});

it('HOLD with INSUFFICIENT_EVIDENCE, confidence 0, for a model with few labels and no calibrated estimate', async () => {
  const d = await decision('sparse');
  expect(d).toMatchObject({ model: 'sparse', action: 'HOLD', confidence: 0, basedOn: { labeledCount: 5, estimated: false } });
  expect(codes(d)).toEqual(['INSUFFICIENT_EVIDENCE']);
  expect(d.reasons[0].evidence).toMatchObject({ predictionCount: 40, labeledCount: 5, minLabeled: 100 });
  expect(d.reasons[0].evidence.estimateUnavailable).toMatch(/no calibrated reference/);
  expect(Date.parse(d.basedOn.window.to) - Date.parse(d.basedOn.window.from)).toBe(7 * DAY);
});

it('RETRAIN once a monitor fires on a slice, with enough labels since the champion was trained', async () => {
  // Asking publishes churn's first decision if the promotion's re-decision has not yet: the subscriber then sees only what follows.
  expect((await decision('churn')).action).toBe('HOLD');
  const created = await mutate('mutation { createProject(name: "elsewhere") { key } }');
  churnChanges = subscribe(platform.key, 'churn');
  otherProject = subscribe(created.createProject.key, null);
  await Promise.all([churnChanges.opened, otherProject.opened]);
  ws = createClient({ url: `${platform.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${platform.key}` } });
  ws.subscribe({ query: CHANGES, variables: { model: 'churn' } }, { next: (e) => void viaWs.push(e as Change), error: (e) => void viaWs.push({ errors: [e] }), complete: () => {} });
  await monitor('accuracy by country', 0.7, 'groupBy: ["tags.country"],');
  const d = await eventually(async () => {
    const answer = await decision('churn');
    return answer.action === 'RETRAIN' && answer;
  }, 30_000);
  expect(codes(d)).toEqual(['PERFORMANCE_ALERT', 'NEW_LABELS']);
  expect(d.confidence).toBe(0.95);
  const [alert] = d.reasons[0].evidence.alerts;
  expect(alert).toMatchObject({ kind: 'METRIC', metric: 'ACCURACY', slice: [{ field: 'tags.country', value: 'BR' }], severity: 'CRITICAL', value: 0.4 });
  expect(d.reasons[1].evidence).toMatchObject({ labeledSinceTraining: 1200, sinceSource: 'TRAINING_RUN', minNewLabels: 500 });
  expect(d.basedOn).toMatchObject({ labeledCount: 1200, estimated: false });
  // The change, pushed to the subscriber: HOLD → RETRAIN, the decision the query answers.
  const [pushed] = await eventually(async () => churnChanges.payloads.length > 0 && churnChanges.payloads, 30_000);
  expect(pushed!.errors).toBeUndefined();
  const change = pushed!.data!.retrainingDecisionChanged;
  expect(change).toMatchObject({ model: { name: 'churn' }, previousAction: 'HOLD', decision: { model: 'churn', action: 'RETRAIN', candidate: null, rollbackTo: null } });
  expect(change.decision.reasons.map((r: Any) => r.code)).toEqual(codes(d));
  expect(['ALERT', 'QUERY', 'TIMER']).toContain(change.trigger);
  expect(Date.parse(change.at)).toBeGreaterThanOrEqual(Date.parse(change.decision.decidedAt));
});

it('PROMOTE when v2, scoring the same ids in shadow, is clearly better', async () => {
  await version('v2', now - 6 * DAY);
  await postAll(platform.url, platform.key, '/v1/predictions', traffic.map((r, i) => prediction('churn', 'v2', r, v2Right(r, i))));
  const d = await eventually(async () => {
    const answer = await decision('churn');
    return answer.action === 'PROMOTE' && answer;
  }, 30_000);
  expect(d).toMatchObject({ candidate: 'v2', rollbackTo: null });
  expect(codes(d)).toEqual(['CHALLENGER_BETTER']);
  const evidence = d.reasons[0].evidence;
  // v1: 0.9 on US, 0.4 on BR → 0.65; v2: 0.9 → +0.25 on 1200 labeled pairs.
  expect(evidence.primary).toMatchObject({ metric: 'ACCURACY', test: 'MCNEMAR', championValue: 0.65, challengerValue: 0.9, labeledPairedCount: 1200 });
  expect(evidence.primary.improvement).toBeCloseTo(0.25, 9);
  expect(evidence.primary.pValue).toBeLessThan(1e-6);
  expect(d.confidence).toBeGreaterThan(0.999);
  expect(evidence.slices.map((s: Any) => [s.slice, s.outcome]).sort()).toEqual([['tags.country=BR', 'PASSED'], ['tags.country=US', 'PASSED']]);
});

it('ROLLBACK when a monitor fires within the watch period after v2 is promoted', async () => {
  await mutate('mutation { promote(model: "churn", version: "v2", stage: CHAMPION, reason: "the loop recommends it", override: true) { version } }');
  await monitor('v2 accuracy', 0.95, "slice: { field: \"modelVersion\", op: EQ, value: \"v2\" },");
  // The first test's monitor (accuracy by country) may fire after the promotion too, and a ROLLBACK
  // on it alone can come first: wait for the decision that has seen this monitor's alert.
  const d = await eventually(async () => {
    const answer = await decision('churn');
    return answer.action === 'ROLLBACK' && answer.reasons[0]?.evidence?.alerts?.some((a: Any) => a.monitor === 'v2 accuracy') && answer;
  }, 30_000);
  expect(d).toMatchObject({ rollbackTo: 'v1', candidate: null });
  expect(codes(d)).toEqual(['WATCH_PERIOD_ALERT']);
  expect(d.reasons[0].evidence).toMatchObject({ promotedVersion: 'v2', previousChampion: 'v1' });
  expect(d.reasons[0].evidence.alerts.map((a: Any) => a.monitor)).toContain('v2 accuracy');
});

it('publishes tideline.retraining.recommended once per change of action', async () => {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    const events = await eventually(async () => {
      const info = await jsm.streams.info(LOOP_STREAMS.decisions.name);
      const all = await Promise.all(Array.from({ length: Number(info.state.messages) }, (_, i) => jsm.streams.getMessage(LOOP_STREAMS.decisions.name, { seq: Number(info.state.first_seq) + i })));
      const parsed: RetrainingRecommendedEvent[] = all.map((m) => retrainingRecommendedEvent.parse(m!.json()));
      const churn = parsed.filter((e) => e.model.name === 'churn');
      return churn.at(-1)?.decision.action === 'ROLLBACK' && churn;
    }, 30_000);
    const actions = events.map((e) => e.decision.action);
    // Each event changes the action; the first has none before it.
    expect(events[0]!.previousAction).toBeNull();
    events.slice(1).forEach((e, i) => {
      expect(e.previousAction).toBe(actions[i]);
      expect(e.decision.action).not.toBe(actions[i]);
    });
    const order = ['HOLD', 'RETRAIN', 'PROMOTE', 'ROLLBACK'].map((a) => actions.indexOf(a as never));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    // Asking again does not publish again: the action has not changed.
    await decision('churn');
    const info = await jsm.streams.info(LOOP_STREAMS.decisions.name);
    const last = await jsm.streams.getMessage(LOOP_STREAMS.decisions.name, { seq: Number(info.state.last_seq) });
    expect(retrainingRecommendedEvent.parse(last!.json()).id).toBe(events.at(-1)!.id);

    // The subscriber got each change since HOLD once, in order, as published on NATS; the other project got none of them.
    const fromRetrain = events.slice(events.findIndex((e) => e.decision.action === 'RETRAIN'));
    const pushed = await eventually(async () => churnChanges.payloads.length >= fromRetrain.length && churnChanges.payloads, 30_000);
    expect(pushed.map((p) => p.data?.retrainingDecisionChanged.id)).toEqual(fromRetrain.map((e) => e.id));
    expect(pushed.map((p) => [p.data?.retrainingDecisionChanged.previousAction, p.data?.retrainingDecisionChanged.decision.action])).toEqual(fromRetrain.map((e) => [e.previousAction, e.decision.action]));
    expect(otherProject.payloads).toEqual([]);
    // The entity the gateway would ask the loop for, were a field missing from the payload: the last change, rebuilt from the ledger; an older one is gone.
    const project = (await mutate('{ projects { id name } }')).projects[0].id;
    const entities = await signedGraphql(`${platform.url}/internal/loop/graphql`, SECRET)<Any>(project, `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on RetrainingDecisionChange { id previousAction trigger at decision { action } } } }`, { r: [events.at(-1)!, events[0]!].map((e) => ({ __typename: 'RetrainingDecisionChange', id: e.id })) });
    expect(entities.errors).toBeUndefined();
    const lastEvent = events.at(-1)!;
    expect(entities.data._entities).toEqual([{ id: lastEvent.id, previousAction: lastEvent.previousAction, trigger: lastEvent.trigger, at: lastEvent.at, decision: { action: 'ROLLBACK' } }, null]);
    const overWs = await eventually(async () => viaWs.at(-1)?.data?.retrainingDecisionChanged.decision.action === 'ROLLBACK' && viaWs, 30_000);
    const wsIds = overWs.map((p) => p.data?.retrainingDecisionChanged.id);
    expect(wsIds).toEqual(fromRetrain.slice(fromRetrain.length - wsIds.length).map((e) => e.id));
  } finally {
    churnChanges?.close();
    otherProject?.close();
    await ws?.dispose();
    await nc.close();
  }
});
