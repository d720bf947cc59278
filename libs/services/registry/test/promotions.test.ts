import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subscription } from '@nats-io/transport-node';
import { PROMOTE, REGISTER_MODEL, REGISTER_VERSION, inlineArtifact, startHarness, type Harness } from './harness.ts';

/**
 * Exactly one champion under concurrent promotions: every promotion is
 * decided on the model's state and appended only at the sequence it read, so
 * the loser of a race decides again on the new state — and meets the gate of
 * the champion that won.
 */
let h: Harness;
const P = 'p_race';
const N = 20;
const versions = Array.from({ length: N }, (_, i) => `v${i + 1}`);

type Change = { sequence: number; version: string; from: string; to: string; override: boolean; rollback: boolean; displaced: { version: string; from: string; to: string }[]; gate: { passed: boolean } | null };
type ModelView = { model: { champion: { version: string } | null; versions: { version: string; stage: string }[]; stageHistory: Change[] } };

const MODEL_VIEW = `query($name: String!) { model: _entities(representations: [{ __typename: "Model", name: $name }]) { ... on Model {
  champion { version } versions { version stage }
  stageHistory { sequence version from to override rollback displaced { version from to } gate { passed } } } } }`;

async function view(model: string) {
  const res = await h.gql<{ model: ModelView['model'][] }>(P, MODEL_VIEW, { name: model });
  expect(res.errors).toBeUndefined();
  return res.data!.model[0]!;
}

async function registerAll(model: string) {
  const reg = await h.gql(P, REGISTER_MODEL, { input: { name: model, primaryMetric: 'ACCURACY', protectedSlices: ['tags.country'] } });
  expect(reg.errors).toBeUndefined();
  for (const v of versions) {
    const res = await h.gql(P, REGISTER_VERSION, { input: { model, version: v, artifact: inlineArtifact(`weights of ${model} ${v}`) } });
    expect(res.errors).toBeUndefined();
  }
}

/** Replays history from all-CANDIDATE: each change must start where the previous left the version, never two champions. */
function replay(history: Change[]) {
  const stages = new Map(versions.map((v) => [v, 'CANDIDATE']));
  let last = 0;
  for (const change of history) {
    expect(change.sequence).toBeGreaterThan(last);
    last = change.sequence;
    for (const c of [{ version: change.version, from: change.from, to: change.to }, ...change.displaced]) {
      expect(stages.get(c.version), `${c.version} at ${change.sequence}`).toBe(c.from);
      stages.set(c.version, c.to);
    }
    expect([...stages.values()].filter((s) => s === 'CHAMPION')).toHaveLength(1);
  }
  return stages;
}

let events: { subject: string; data: { version: string; to: string; id: string } }[] = [];
let sub: Subscription;

beforeAll(async () => {
  h = await startHarness();
  sub = h.nats.subscribe('tideline.model.promoted.>');
  void (async () => {
    for await (const m of sub) events.push({ subject: m.subject, data: m.json() });
  })();
});
afterAll(async () => {
  sub?.unsubscribe();
  await h?.stop();
});

describe('concurrent promotions', () => {
  it(`${N} concurrent promotions with override end with exactly one champion and a history that replays`, async () => {
    await registerAll('race');
    events = [];
    const conflictsBefore = await h.counter('tideline_registry_cas_conflicts_total');
    const results = await Promise.all(
      versions.map((version) => h.gql<{ promote: Change }>(P, PROMOTE, { model: 'race', version, stage: 'CHAMPION', reason: `race ${version}`, override: true })),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
    const conflicts = (await h.counter('tideline_registry_cas_conflicts_total')) - conflictsBefore;
    console.log(`${N} concurrent promotions: ${conflicts} CAS conflicts re-decided`);
    expect(conflicts).toBeGreaterThan(0);

    const model = await view('race');
    expect(model.versions.filter((v) => v.stage === 'CHAMPION')).toHaveLength(1);
    expect(model.stageHistory).toHaveLength(N);
    const stages = replay(model.stageHistory);
    expect(Object.fromEntries(stages)).toEqual(Object.fromEntries(model.versions.map((v) => [v.version, v.stage])));
    expect(model.champion!.version).toBe(model.stageHistory.at(-1)!.version);
    // Only the first had no champion to beat; the other 19 each displaced one, through a failed gate (no evaluations) overridden.
    expect(model.stageHistory[0]).toMatchObject({ gate: null, override: false, displaced: [] });
    for (const change of model.stageHistory.slice(1)) expect(change).toMatchObject({ override: true, gate: { passed: false }, displaced: [{ to: 'ARCHIVED', from: 'CHAMPION' }] });
    // The sequences each caller got back are the ones history holds.
    expect(results.map((r) => r.data!.promote.sequence).sort((a, b) => a - b)).toEqual(model.stageHistory.map((c) => c.sequence));

    // One event per stage change: 20 promotions and 19 displaced champions.
    await expect.poll(() => events.length, { timeout: 5000 }).toBe(2 * N - 1);
    expect(new Set(events.map((e) => e.data.id)).size).toBe(2 * N - 1);
    expect(events.every((e) => e.subject === `tideline.model.promoted.${P}`)).toBe(true);
  });

  it('without override, the race is won by one and every loser meets the winner\'s gate', async () => {
    await registerAll('gated');
    const results = await Promise.all(versions.map((version) => h.gql<{ promote: Change }>(P, PROMOTE, { model: 'gated', version, stage: 'CHAMPION', reason: 'race' })));
    const won = results.filter((r) => r.data?.promote);
    const refused = results.filter((r) => r.errors);
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(N - 1);
    for (const r of refused) expect(r.errors![0]!.extensions).toMatchObject({ code: 'GATE_FAILED', field: 'version' });
    const model = await view('gated');
    expect(model.champion!.version).toBe(won[0]!.data!.promote.version);
    expect(model.stageHistory).toHaveLength(1);
    expect(model.versions.filter((v) => v.stage !== 'CANDIDATE')).toEqual([{ version: model.champion!.version, stage: 'CHAMPION' }]);
  });

  it('rolls back to the previous champion, marked in history, and refuses when there is none', async () => {
    const before = await view('race');
    const previous = before.stageHistory.at(-1)!.displaced[0]!.version;
    const current = before.champion!.version;
    const res = await h.gql<{ rollback: Change }>(P, `mutation { rollback(model: "race", reason: "p95 latency doubled") { version from to rollback displaced { version from to } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.rollback).toMatchObject({ version: previous, from: 'ARCHIVED', to: 'CHAMPION', rollback: true, displaced: [{ version: current, from: 'CHAMPION', to: 'ARCHIVED' }] });
    const after = await view('race');
    expect(after.champion!.version).toBe(previous);
    replay(after.stageHistory);

    const none = await h.gql(P, `mutation { rollback(model: "gated", reason: "no previous") { version } }`);
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'NOTHING_TO_ROLL_BACK', field: 'model' });
  });

  it('refuses stage changes that would leave no champion, repeat a stage, or lack a reason', async () => {
    const champion = (await view('gated')).champion!.version;
    const demote = await h.gql(P, PROMOTE, { model: 'gated', version: champion, stage: 'ARCHIVED', reason: 'retire' });
    expect(demote.errors?.[0]?.extensions).toMatchObject({ code: 'CHAMPION_REQUIRED', field: 'stage' });
    const other = versions.find((v) => v !== champion)!;
    const again = await h.gql(P, PROMOTE, { model: 'gated', version: other, stage: 'CANDIDATE', reason: 'same' });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'ALREADY_IN_STAGE', field: 'stage' });
    const blank = await h.gql(P, PROMOTE, { model: 'gated', version: other, stage: 'CHALLENGER', reason: '  ' });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const missing = await h.gql(P, PROMOTE, { model: 'gated', version: 'v99', stage: 'CHALLENGER', reason: 'x' });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'VERSION_NOT_FOUND', field: 'version' });
    const challenger = await h.gql<{ promote: Change }>(P, PROMOTE, { model: 'gated', version: other, stage: 'CHALLENGER', reason: 'shadow traffic' });
    expect(challenger.data!.promote).toMatchObject({ from: 'CANDIDATE', to: 'CHALLENGER', gate: null, displaced: [] });
  });
});
