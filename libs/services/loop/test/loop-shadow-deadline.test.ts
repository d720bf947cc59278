/**
 * A loop run never waits for ever on its shadow predictions: on a platform
 * whose store writer holds a batch of fewer than 100 records for 30 s
 * (STORE_BATCH_MAX_RECORDS=100, STORE_BATCH_MAX_WAIT_MS=30000: the traffic
 * of the setup comes in chunks of 900 and is stored at once), the ~60
 * predictions the candidate scores on a 1h shadow window are accepted by
 * ingest but not in the store when `validation.shadowMaxWait` "2s" ends, and
 * the run ends FAILED at the shadow step, the reason naming the wait, with
 * nothing promoted and the candidate left a CANDIDATE. Not a race the test
 * could win by luck: had the store held them in time, the shadow step would
 * have succeeded and the run gone on to the gate, which the test refuses.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DevPlatform } from '@tideline/testing';
import { brokenSliceTraffic, ok, platformServedByV1, policyInput, registry, startLoop, stepOf, untilStatus, type Any } from './loop-fixtures.ts';

let platform: DevPlatform;

beforeAll(async () => {
  const store = { STORE_BATCH_MAX_RECORDS: '100', STORE_BATCH_MAX_WAIT_MS: '30000', STORE_WRITER_STALL_MS: '300000' };
  platform = await platformServedByV1('churn', brokenSliceTraffic(900, 53, 's'), store);
}, 180_000);
afterAll(() => platform?.stop(), 60_000);

it('fails a run whose shadow predictions are not stored within validation.shadowMaxWait; nothing is promoted', async () => {
  const training = { ...policyInput('churn').training, params: { epochs: 5, hidden: [8], batchSize: 64 } };
  const input = policyInput('churn', { maxRunsPerDay: 20, training, validation: { shadowWindow: '1h', evidence: 'PRODUCTION', shadowMaxWait: '2s' } });
  const set = (await ok(platform.gql<Any>('mutation($input: RetrainingPolicyInput!) { setRetrainingPolicy(input: $input) { validation { shadowWindow shadowMaxWait } } }', { input }))).setRetrainingPolicy;
  expect(set.validation).toEqual({ shadowWindow: '1h', shadowMaxWait: '2s' });
  const before = await registry(platform.gql, 'churn');
  const run = await startLoop(platform.gql, 'churn');
  const ended = await untilStatus(platform.gql, run.id, ['FAILED', 'SUCCEEDED', 'CANCELLED', 'ROLLED_BACK'], 240_000);
  expect(ended.status).toBe('FAILED');
  expect(['curate', 'train'].map((name) => stepOf(ended, name).status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
  const shadow = stepOf(ended, 'shadow');
  expect(shadow.status).toBe('FAILED');
  const { accepted, stored } = shadow.output;
  // One prediction a minute: the hour up to the latest one, both ends in.
  expect(accepted).toBe(61);
  expect(stored).toBeLessThan(accepted);
  expect(shadow.error).toBe(`the store held ${stored} of the ${accepted} shadow predictions of ${run.candidate} within shadowMaxWait 2s; the gate would judge on part of them`);
  expect(Date.parse(shadow.finishedAt) - Date.parse(shadow.startedAt)).toBeGreaterThanOrEqual(2000);
  expect(['gate', 'promote', 'watch'].map((name) => stepOf(ended, name).status)).toEqual(['PENDING', 'PENDING', 'PENDING']);
  expect(ended.decision).toBeNull();
  // The trained candidate stays a CANDIDATE; the champion and the stage history are as they were.
  const after = await registry(platform.gql, 'churn');
  expect(after.versions.find((v: Any) => v.version === run.candidate)).toEqual({ version: run.candidate, stage: 'CANDIDATE' });
  expect({ champion: after.champion, stageHistory: after.stageHistory }).toEqual({ champion: before.champion, stageHistory: before.stageHistory });
  const policy = (await ok(platform.gql<Any>('{ retrainingPolicy(model: "churn") { activeRun { id } } }'))).retrainingPolicy;
  expect(policy.activeRun).toBeNull();
}, 300_000);
