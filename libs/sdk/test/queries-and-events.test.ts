import { readFileSync } from 'node:fs';
import { buildClientSchema, buildSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startDevPlatform, startTcpProxy, type DevPlatform, type TcpProxy } from '@tideline/testing';
import { Tideline, TidelineError } from '../src/index.ts';
import { countsQuery, predictions, type Counts } from './fixtures.ts';

let platform: DevPlatform;
let tl: Tideline;
const WINDOW = { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' };
const LABELED = 400;

/** Raw GraphQL, written by hand rather than generated, for comparing with the typed methods. */
const raw = <T>(query: string, variables: Record<string, unknown> = {}) => tl.graphql<T>(query, variables);
/** A client of its own behind a proxy the test cuts, retrying fast and long (the drop tests). */
async function followerBehindProxy() {
  const proxy = await startTcpProxy(platform.url);
  return { proxy, follower: new Tideline({ url: proxy.url, apiKey: platform.key, retryBaseMs: 50, retryMaxMs: 500, maxAttempts: 1000 }) };
}
/** Cuts the stream and refuses reconnections: the stream's next item, which can only come once `proxy.refusing` is false again. */
function dropStream<T>(proxy: TcpProxy, stream: AsyncIterator<T>): Promise<IteratorResult<T>> {
  proxy.refusing = true;
  const next = stream.next();
  expect(proxy.cut()).toBeGreaterThanOrEqual(1);
  return next;
}

beforeAll(async () => {
  platform = await startDevPlatform({ TIDELINE_MONITOR_MIN_INTERVAL: '1s' });
  tl = new Tideline({ url: platform.url, apiKey: platform.key });
  for (const record of predictions('quality', LABELED, { labeled: true })) await tl.logPrediction(record);
  await tl.flush();
  await eventually(async () => (await raw<Counts>(countsQuery, { name: 'quality' })).model?.labeledCount === LABELED, 30_000);
}, 180_000);

afterAll(async () => {
  await tl?.close();
  await platform?.stop();
});

describe('typed queries', () => {
  it("are generated from the schema the running gateway serves (libs/sdk/schema.graphql is current: npm run docs)", async () => {
    const served = buildClientSchema(await tl.graphql<IntrospectionQuery>(getIntrospectionQuery({ inputValueDeprecation: true })));
    const committed = buildSchema(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));
    // Types and fields with their descriptions; directive definitions are the gateway's business.
    const typesOf = (schema: typeof served) => printSchema(lexicographicSortSchema(schema)).replace(/^directive @.*$/gm, '');
    expect(typesOf(committed)).toBe(typesOf(served));
  });

  it("metric answers what the raw GraphQL answers, on every labeled row", async () => {
    const typed = await tl.metric({ model: 'quality', metric: 'ACCURACY', granularity: 'HOUR', window: WINDOW });
    const { metric } = await raw<{ metric: unknown }>(`{ metric(model: "quality", metric: ACCURACY, granularity: HOUR,
      window: { from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" }) { model metric granularity points { from to value sampleCount labeledCount realized } } }`);
    expect(typed).toEqual(metric);
    expect(typed.points.length).toBeGreaterThan(1);
    expect(typed.points.reduce((sum, p) => sum + p.labeledCount, 0)).toBe(LABELED);
    const labeled = typed.points.filter((p) => p.labeledCount > 0);
    expect(labeled.length).toBeGreaterThan(1);
    expect(labeled.every((p) => p.value !== null && p.value >= 0 && p.value <= 1)).toBe(true);
  });

  it('sliceMetrics and driftReport answer what the raw GraphQL answers', async () => {
    const slices = await tl.sliceMetrics({ model: 'quality', metrics: ['ACCURACY', 'ROC_AUC'], groupBy: ['tags.country'], window: WINDOW });
    const rawSlices = await raw<{ sliceMetrics: unknown }>(`{ sliceMetrics(model: "quality", metrics: [ACCURACY, ROC_AUC], groupBy: ["tags.country"],
      window: { from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" }) {
        key { field value } sampleCount labeledCount values { metric value } significance { metric test statistic pValue restValue worseThanRest } } }`);
    expect(slices).toEqual(rawSlices.sliceMetrics);
    expect(slices.map((s) => s.key[0]!.value).sort()).toEqual(['BR', 'US']);
    expect(slices.reduce((sum, s) => sum + s.sampleCount, 0)).toBe(LABELED);

    const reference = { from: '2026-01-01T00:00:00Z', to: '2026-01-01T03:20:00Z' };
    const current = { from: '2026-01-01T03:20:00Z', to: '2026-01-02T00:00:00Z' };
    const drift = await tl.driftReport({ model: 'quality', features: ['features.x1', 'output.score'], reference, current });
    const rawDrift = await raw<{ driftReport: unknown }>(
      `query($r: TimeRangeInput!, $c: TimeRangeInput!) { driftReport(model: "quality", features: ["features.x1", "output.score"], reference: $r, current: $c) {
        feature method statistic errorBound pValue adjustedPValue threshold drifted effectSize referenceCount currentCount } }`,
      { r: reference, c: current },
    );
    expect(drift).toEqual(rawDrift.driftReport);
    // approximate: binned statistics, each within its errorBound of the exact one.
    const approximate = await tl.driftReport({ model: 'quality', features: ['features.x1', 'output.score'], reference, current, approximate: true });
    approximate.forEach((a, i) => expect(Math.abs(a.statistic! - drift[i]!.statistic!)).toBeLessThanOrEqual(a.errorBound! + 1e-12));
    expect([...new Set(drift.map((d) => d.feature))]).toEqual(['features.x1', 'output.score']);
    expect(drift.every((d) => d.referenceCount === 200 && d.currentCount === 200)).toBe(true);
  });

  it('models, registry versions and promote answer what the raw GraphQL answers', async () => {
    const models = await tl.models();
    expect(models.find((m) => m.name === 'quality')).toMatchObject({ predictionCount: LABELED, labeledCount: LABELED, task: 'BINARY', champion: null });
    await raw(`mutation { registerModel(input: { name: "quality", primaryMetric: ACCURACY }) { name } }`);
    await raw(`mutation { registerModelVersion(input: { model: "quality", version: "v1", artifact: { format: OTHER, files: [{ path: "weights.bin", contentBase64: "AAEC" }] } }) { version } }`);
    const promoted = await tl.promote({ model: 'quality', version: 'v1', stage: 'CHAMPION', reason: 'first champion' });
    expect(promoted).toMatchObject({ version: 'v1', from: 'CANDIDATE', to: 'CHAMPION', reason: 'first champion', rollback: false, gate: null });
    const versions = await tl.modelVersions({ model: 'quality' });
    const rawVersions = await raw<{ model: unknown }>(
      `{ model(name: "quality") { name champion { model version stage description createdAt createdBy metadata } versions { model version stage description createdAt createdBy metadata } } }`,
    );
    expect(versions).toEqual(rawVersions.model);
    expect(versions?.champion?.version).toBe('v1');
  });

  it('retrainingDecision and loopRuns answer what the raw GraphQL answers', async () => {
    const decision = await tl.retrainingDecision({ model: 'quality' });
    const rawDecision = (await raw<{ retrainingDecision: typeof decision }>(
      `{ retrainingDecision(model: "quality") { model action confidence reasons { code message evidence } decidedAt basedOn { window { from to } labeledCount estimated } candidate rollbackTo } }`,
    )).retrainingDecision;
    // Decided again on every query, over a window ending now: all but the moments must agree.
    const gist = (d: typeof decision) => ({ ...d, decidedAt: null, basedOn: { ...d.basedOn, window: null }, reasons: d.reasons.map((r) => [r.code, r.message]) });
    expect(gist(decision)).toEqual(gist(rawDecision));
    expect(['RETRAIN', 'PROMOTE', 'ROLLBACK', 'HOLD']).toContain(decision.action);
    expect(await tl.loopRuns({ model: 'quality' })).toEqual((await raw<{ loopRuns: unknown }>('{ loopRuns(model: "quality") { id } }')).loopRuns);
  });

  it("throws the API's errors as TidelineError with their code and field", async () => {
    const error = await tl.retrainingDecision({ model: 'no-such-model' }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TidelineError);
    expect(error).toMatchObject({ code: 'MODEL_NOT_FOUND', field: 'model' });
    const invalid = await tl.graphql('{ metric(model: "quality") { model } }').catch((err: unknown) => err);
    expect(invalid).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });
});

describe('transient failures', () => {
  // A client of its own per case: its first request opens its first connection, the one the proxy refuses.
  const refusedOnce = async <T>(send: (follower: Tideline) => Promise<T>) => {
    const { proxy, follower } = await followerBehindProxy();
    proxy.refuseNext = 1;
    try {
      return await send(follower);
    } finally {
      expect(proxy.refuseNext).toBe(0);
      await follower.close();
      await proxy.close();
    }
  };

  it('asks a query again after a connection refused once, and never a mutation', async () => {
    const names = (answer: { models: { name: string }[] }) => answer.models.map((m) => m.name);
    const query = '{ models { name } }';
    expect(names(await refusedOnce((follower) => follower.graphql(query)))).toEqual(names(await tl.graphql(query)));
    await expect(refusedOnce((follower) => follower.graphql('mutation { deleteMonitor(id: "none") }'))).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });
});

describe('live events', () => {
  it('alertEvents yields the real alert a monitor fires on a failing slice', async () => {
    let open: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const events = tl.alertEvents({ model: 'alerting' }, { onOpen: () => open() });
    const first = events.next();
    await opened;
    // BR: confident and wrong; US: right.
    for (const record of predictions('alerting', 8)) await tl.logPrediction({ ...record, output: { score: record.tags!.country === 'BR' ? 0.9 : 0.1 }, label: { positive: false } });
    await tl.flush();
    await eventually(async () => (await raw<Counts>(countsQuery, { name: 'alerting' })).model?.labeledCount === 8, 30_000);
    // A LATEST_PREDICTION window needs the model's predictions first.
    await raw(`mutation { createMonitor(input: { name: "accuracy by country", model: "alerting", check: { metric: ACCURACY }, groupBy: ["tags.country"],
      window: "1d", interval: "1s", anchor: LATEST_PREDICTION, condition: { op: LT, threshold: 0.9 }, minSamples: 1, severity: CRITICAL }) { id } }`);
    const { value: event } = await first;
    await events.return();
    expect(event).toMatchObject({ type: 'FIRED', alert: { model: { name: 'alerting' }, metric: 'ACCURACY', slice: [{ field: 'tags.country', value: 'BR' }], value: 0, threshold: 0.9, state: 'FIRING' } });
    const firing = await tl.alerts({ model: 'alerting', state: 'FIRING' });
    const rawFiring = await raw<{ alerts: unknown }>(`{ alerts(model: "alerting", state: FIRING) {
      id monitorName model { name } metric slice { field value } value threshold severity state sampleCount firedAt resolvedAt } }`);
    expect(firing).toEqual(rawFiring.alerts);
    expect(firing.map((a) => a.id)).toEqual([event!.alert.id]);
  });

  it("monitorEvaluated yields each evaluation of the model's monitor with the status the API answers", async () => {
    // The monitor of the test above, evaluated every second.
    const events = tl.monitorEvaluated({ model: 'alerting' });
    const { value: event } = await events.next();
    await events.return();
    const { monitors } = await raw<{ monitors: { id: string; name: string; status: { evaluatedAt: string } }[] }>('{ monitors(model: "alerting") { id name status { evaluatedAt } } }');
    expect(event).toMatchObject({ id: monitors[0]!.id, name: 'accuracy by country', model: { name: 'alerting' }, status: { outcome: 'OK', error: null, retryAt: null } });
    expect(event!.status!.series).toContainEqual(expect.objectContaining({ slice: [{ field: 'tags.country', value: 'BR' }], state: 'FIRING', value: 0 }));
    // Read as the event was delivered: the API's last evaluation is that one or a later one.
    expect(Date.parse(monitors[0]!.status.evaluatedAt)).toBeGreaterThanOrEqual(Date.parse(event!.status!.evaluatedAt));
  });

  it('loopEvents yields a run starting and being cancelled', async () => {
    for (const record of predictions('looping', 50, { labeled: true })) await tl.logPrediction(record);
    await tl.flush();
    await eventually(async () => (await raw<Counts>(countsQuery, { name: 'looping' })).model?.predictionCount === 50, 30_000);
    await raw(`mutation { setRetrainingPolicy(input: { model: "looping", training: { family: LOGISTIC } }) { model } }`);
    let open: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const events = tl.loopEvents({ model: 'looping' }, { onOpen: () => open() });
    const first = events.next();
    await opened;
    const { startLoop } = await raw<{ startLoop: { id: string } }>('mutation { startLoop(model: "looping", reason: "sdk test") { id } }');
    expect((await first).value).toMatchObject({ type: 'STARTED', model: { name: 'looping' }, run: { id: startLoop.id, trigger: { kind: 'MANUAL' } } });
    await raw('mutation($id: ID!) { cancelLoop(id: $id) { id } }', { id: startLoop.id });
    for await (const event of events) if (['CANCELLED', 'FAILED'].includes(event.type)) break;
    expect((await tl.loopRuns({ model: 'looping' }))[0]).toMatchObject({ id: startLoop.id });
  });

  it('decisionChanges yields the current decision, then the change retrainingDecisionChanged pushes', async () => {
    // 'alerting' has a firing alert (the test above) but 8 labels: HOLD. A policy that retrains after 1 new label makes it RETRAIN.
    let open: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const changes = tl.retrainingDecisionChanged({ model: 'alerting' }, { onOpen: () => open() });
    const pushed = (async () => {
      const seen = [];
      for await (const change of changes) if (seen.push(change) && change.decision.action === 'RETRAIN') return seen;
      return seen;
    })();
    await opened;
    const decisions = tl.decisionChanges({ model: 'alerting' });
    const first = await decisions.next();
    expect(first.value).toMatchObject({ model: 'alerting', action: 'HOLD' });
    await raw(`mutation { setRetrainingPolicy(input: { model: "alerting", enabled: false, triggers: { newLabels: 1 }, training: { family: LOGISTIC } }) { model } }`);
    const asked = await tl.retrainingDecision({ model: 'alerting' });
    expect(asked.action).toBe('RETRAIN');
    const second = await decisions.next();
    expect(second.value).toMatchObject({ model: 'alerting', action: 'RETRAIN', reasons: asked.reasons.map((r) => ({ code: r.code })) });
    // Leaving the loop ends the subscription, though no event is on its way.
    expect(await decisions.return()).toEqual({ done: true, value: undefined });

    // The raw events: the model's first decision (HOLD, if the loop published it while the subscription was open), then HOLD → RETRAIN, once.
    const seen = await pushed;
    const retrain = seen.at(-1)!;
    expect(retrain).toMatchObject({ model: { name: 'alerting' }, previousAction: 'HOLD', decision: { action: 'RETRAIN', model: 'alerting' } });
    expect(['QUERY', 'TIMER', 'ALERT']).toContain(retrain.trigger);
    expect(seen.slice(0, -1).map((c) => [c.previousAction, c.decision.action])).toEqual(seen.length > 1 ? [[null, 'HOLD']] : []);
  });

  it('alertChanges follows through a dropped stream: the alert firing first, then what resolved while down, each once', async () => {
    // BR confident and wrong, US right; then a monitor on them.
    const records = predictions('following', 8).map((r) => ({ ...r, output: { score: r.tags!.country === 'BR' ? 0.9 : 0.1 }, label: { positive: false } }));
    for (const record of records) await tl.logPrediction(record);
    await tl.flush();
    await eventually(async () => (await raw<Counts>(countsQuery, { name: 'following' })).model?.labeledCount === 8, 30_000);
    await raw(`mutation { createMonitor(input: { name: "accuracy by country", model: "following", check: { metric: ACCURACY }, groupBy: ["tags.country"],
      window: "1d", interval: "1s", anchor: LATEST_PREDICTION, condition: { op: LT, threshold: 0.9 }, minSamples: 1 }) { id } }`);
    const firingNow = async () => await tl.alerts({ model: 'following', state: 'FIRING' });
    const [firing] = await eventually(async () => ((await firingNow()).length ? firingNow() : undefined), 30_000);
    const relabel = async (positive: boolean) => {
      for (const r of records.filter((r) => r.tags!.country === 'BR')) await tl.logFeedback({ predictionId: r.id, model: 'following', label: { positive } });
      await tl.flush();
    };

    const { proxy, follower } = await followerBehindProxy();
    const changes = follower.alertChanges({ model: 'following' });
    try {
      // Already firing: the first event, as the subscription would have pushed it.
      expect((await changes.next()).value).toEqual({ id: `${firing!.id}.FIRED`, type: 'FIRED', at: firing!.firedAt, alert: firing });
      // The stream is cut and the gateway unreachable while BR is put right and its alert resolves: that event is lost
      // in transit, and read back once the stream is open again.
      const next = dropStream(proxy, changes);
      await relabel(true);
      await eventually(async () => (await firingNow()).length === 0, 30_000);
      proxy.refusing = false;
      const resolved = (await next).value!;
      const api = (await tl.alerts({ model: 'following' })).find((a) => a.id === firing!.id)!;
      expect(resolved).toEqual({ id: `${firing!.id}.RESOLVED`, type: 'RESOLVED', at: api.resolvedAt, alert: api });
      // Live again: BR wrong once more fires a new alert, pushed; a repeat of either event would come before it.
      await relabel(false);
      const again = (await changes.next()).value!;
      expect(again).toMatchObject({ type: 'FIRED', alert: { slice: [{ field: 'tags.country', value: 'BR' }], state: 'FIRING' } });
      expect(again.alert.id).not.toBe(firing!.id);
    } finally {
      await changes.return();
      await follower.close();
      await proxy.close();
    }
  }, 120_000);

  it('decisionChanges follows through a dropped stream: a change made while it was down is yielded once it is open again', async () => {
    // 'alerting' decides RETRAIN after the test above (1 new label is enough); a policy needing a million makes it HOLD.
    const decide = async (newLabels: number) => {
      await raw(`mutation($n: Int!) { setRetrainingPolicy(input: { model: "alerting", enabled: false, triggers: { newLabels: $n }, training: { family: LOGISTIC } }) { model } }`, { n: newLabels });
      return tl.retrainingDecision({ model: 'alerting' }); // asking publishes a change
    };
    const { proxy, follower } = await followerBehindProxy();
    const decisions = follower.decisionChanges({ model: 'alerting' });
    try {
      expect((await decisions.next()).value).toMatchObject({ action: 'RETRAIN' });
      const next = dropStream(proxy, decisions);
      const hold = await decide(1_000_000);
      expect(hold.action).toBe('HOLD');
      proxy.refusing = false;
      expect((await next).value).toMatchObject({ action: 'HOLD', reasons: hold.reasons.map((r) => ({ code: r.code })) });
      // Live again: the next change is pushed, and nothing came twice before it.
      expect((await decide(1)).action).toBe('RETRAIN');
      expect((await decisions.next()).value).toMatchObject({ action: 'RETRAIN' });
    } finally {
      await decisions.return();
      await follower.close();
      await proxy.close();
    }
  }, 120_000);
});
