/**
 * APPROVAL and the gate, through the gateway on the whole platform: a run
 * that passed the gate waits for approveLoop and rejectLoop ends one with
 * nothing promoted; a run whose candidate the registry's gate refuses ends
 * with HOLD and the gate's evidence, the registry unchanged; triggers past
 * the daily cap are skipped with the reason recorded.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DevPlatform } from '@tideline/testing';
import { POLICY, RUN_FIELDS, brokenSliceTraffic, ok, platformServedByV1, policyInput, registry, startLoop, stepOf, untilStatus, type Any } from './loop-fixtures.ts';

let platform: DevPlatform;
const rows = brokenSliceTraffic(1500, 12, 'b');

beforeAll(async () => {
  platform = await platformServedByV1('churn', rows);
}, 180_000);
afterAll(() => platform?.stop(), 60_000);

it('APPROVAL: rejectLoop ends a waiting run with nothing promoted; approveLoop promotes', async () => {
  await ok(platform.gql(POLICY, { input: policyInput('churn', { promotion: 'APPROVAL', watchPeriod: '2s' }) }));
  const first = await startLoop(platform.gql, 'churn');
  expect(first.steps.map((s: Any) => s.name)).toEqual(['curate', 'train', 'shadow', 'gate', 'approval', 'promote', 'watch']);
  const waiting = await untilStatus(platform.gql, first.id, ['WAITING_APPROVAL', 'FAILED', 'SUCCEEDED']);
  expect(waiting.status).toBe('WAITING_APPROVAL');
  expect(stepOf(waiting, 'gate').output.gate).toMatchObject({ passed: true, champion: 'v1' });
  // Only one run at a time.
  expect((await platform.gql('mutation { startLoop(model: "churn") { id } }')).errors?.[0]?.extensions).toMatchObject({ code: 'LOOP_NOT_STARTED', field: 'model' });
  const rejected = (await ok(platform.gql<Any>(`mutation($id: ID!) { rejectLoop(id: $id, reason: "not during the sale") { ${RUN_FIELDS} } }`, { id: first.id }))).rejectLoop;
  expect(rejected).toMatchObject({ status: 'CANCELLED', decision: { action: 'HOLD', reasons: [{ code: 'APPROVAL_REJECTED' }] } });
  expect(stepOf(rejected, 'promote').status).toBe('PENDING');
  expect((await registry(platform.gql, 'churn')).champion.version).toBe('v1');
  expect((await platform.gql('mutation($id: ID!) { approveLoop(id: $id) { id } }', { id: first.id })).errors?.[0]?.extensions).toMatchObject({ code: 'LOOP_NOT_WAITING' });

  const second = await startLoop(platform.gql, 'churn');
  await untilStatus(platform.gql, second.id, ['WAITING_APPROVAL']);
  expect((await registry(platform.gql, 'churn')).champion.version).toBe('v1');
  await ok(platform.gql(`mutation($id: ID!) { approveLoop(id: $id, comment: "looks right") { id } }`, { id: second.id }));
  const done = await untilStatus(platform.gql, second.id, ['SUCCEEDED', 'FAILED', 'ROLLED_BACK'], 60_000);
  expect(done).toMatchObject({ status: 'SUCCEEDED', decision: { action: 'PROMOTE', reasons: [{ code: 'GATE_PASSED' }] } });
  expect(stepOf(done, 'approval')).toMatchObject({ status: 'SUCCEEDED', output: { approved: true, comment: 'looks right' } });
  expect(stepOf(done, 'watch').output).toMatchObject({ quiet: true });
  expect((await registry(platform.gql, 'churn')).champion.version).toBe(second.candidate);
}, 240_000);

it('a gate refusal ends the run with HOLD and the evidence, and changes nothing in the registry', async () => {
  // δ = 0.5: the new candidate cannot beat the retrained champion by that much.
  await ok(platform.gql(`mutation { registerModel(input: { name: "churn", primaryMetric: ACCURACY, protectedSlices: ["tags.country"], gate: { minImprovement: 0.5, minSamples: 50 } }) { name } }`));
  await ok(platform.gql(POLICY, { input: policyInput('churn', { training: { family: 'LOGISTIC', seed: 1 } }) }));
  const before = await registry(platform.gql, 'churn');
  const run = await startLoop(platform.gql, 'churn');
  const held = await untilStatus(platform.gql, run.id, ['SUCCEEDED', 'FAILED', 'WATCHING']);
  expect(held.status).toBe('SUCCEEDED');
  expect(held.decision.action).toBe('HOLD');
  const [reason] = held.decision.reasons;
  expect(reason.code).toBe('GATE_FAILED');
  expect(reason.evidence.gate).toMatchObject({ passed: false, champion: before.champion.version, challenger: run.candidate, gate: { minImprovement: 0.5 } });
  expect(reason.evidence.gate.failures.length).toBeGreaterThan(0);
  expect(stepOf(held, 'gate')).toMatchObject({ status: 'FAILED' });
  expect(['promote', 'watch'].map((n) => stepOf(held, n).status)).toEqual(['PENDING', 'PENDING']);
  const after = await registry(platform.gql, 'churn');
  expect(after.champion).toEqual(before.champion);
  expect(after.stageHistory).toEqual(before.stageHistory);
  expect(after.versions.find((v: Any) => v.version === run.candidate).stage).toBe('CANDIDATE');
});

it('skips a trigger past the daily cap, with the reason recorded', async () => {
  // Three runs started today; a cap of 3 refuses the fourth.
  await ok(platform.gql(POLICY, { input: policyInput('churn', { maxRunsPerDay: 3 }) }));
  const refused = await platform.gql('mutation { startLoop(model: "churn") { id } }');
  expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'LOOP_NOT_STARTED' });
  expect(String(refused.errors?.[0]?.extensions?.reason)).toMatch(/daily cap is reached: 3 of 3/);
  const policy = (await ok(platform.gql<Any>('{ retrainingPolicy(model: "churn") { lastTriggers { kind outcome reason } } }'))).retrainingPolicy;
  expect(policy.lastTriggers[0]).toMatchObject({ kind: 'MANUAL', outcome: 'SKIPPED' });
  expect(policy.lastTriggers.filter((t: Any) => t.outcome === 'STARTED')).toHaveLength(3);
});
