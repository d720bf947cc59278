/**
 * The console's loop page against real loop runs: the loop service's own test
 * traffic (churn served by a v1 that BR's flipped rule broke), a policy with
 * promotion APPROVAL, runs started through the API that train a small MLP,
 * pass the gate and wait for approval. One is rejected through the page and
 * ends CANCELLED with nothing promoted; the next is approved through the page
 * and goes on, live, to SUCCEEDED with its candidate the champion. Then a
 * policy that asks for labels: the page shows the run waiting for them, the
 * count rising as a labeler answers through POST /v1/feedback, and the run
 * going on once they are all in.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatTime } from '@tideline/console-ui/format';
// The loop's own test fixtures: the traffic and policy its APPROVAL test runs on (tests may compose services).
import { answerQueue, brokenSliceTraffic, loopRun, ok, POLICY, policyInput, registry, servedByV1, startLoop, stepOf, unlabeledTraffic, untilStatus } from '@tideline/loop/test-fixtures';
import { startConsoleFixture, type Any, type ConsoleFixture } from './console-fixture.ts';
import { openChecked } from './open-checked.ts';

let f: ConsoleFixture;
const poll = <T>(read: () => Promise<T>, timeout = 60_000) => expect.poll(read, { timeout, interval: 200 });

beforeAll(async () => {
  f = await startConsoleFixture({ traffic: false, env: { LOOP_WATCH_CHECK_MS: '300', LOOP_POLL_MS: '300' } });
  await servedByV1(f.platform, 'churn', brokenSliceTraffic(1500, 12, 'b'));
  await ok(f.platform.gql(POLICY, { input: policyInput('churn', { promotion: 'APPROVAL', watchPeriod: '2s' }) }));
}, 240_000);
afterAll(async () => f?.stop());

/** A run started through the API, once it waits for approval. */
async function waitingRun() {
  const run = await startLoop(f.platform.gql, 'churn');
  expect((await untilStatus(f.platform.gql, run.id, ['WAITING_APPROVAL', 'FAILED', 'SUCCEEDED'])).status).toBe('WAITING_APPROVAL');
  return run as { id: string; candidate: string };
}

it('a run waiting for approval is rejected through the page (nothing promoted); the next is approved and goes on live to SUCCEEDED', async () => {
  const first = await waitingRun();
  const { page, context } = await openChecked(f, '/models/churn/loop', `[data-run="${first.id}"][data-status="WAITING_APPROVAL"] form`);
  const card = (id: string) => page.locator(`[data-run="${id}"]`);
  await card(first.id).getByLabel('Comment (the reason, to reject)').fill('not during the sale');
  await card(first.id).getByRole('button', { name: 'Reject' }).click();
  await poll(() => card(first.id).getAttribute('data-status')).toBe('CANCELLED');
  const rejected = (await f.data(`query($id: ID!) { loopRun(id: $id) { status decision { action reasons { code message } } steps { name output } } }`, { id: first.id })).loopRun;
  expect(rejected).toMatchObject({ status: 'CANCELLED', decision: { action: 'HOLD', reasons: [{ code: 'APPROVAL_REJECTED' }] } });
  expect(await card(first.id).innerText()).toContain('APPROVAL_REJECTED');
  expect((await registry(f.platform.gql, 'churn')).champion.version).toBe('v1');

  // The second run reaches the open page through the live subscription, no reload.
  const second = await waitingRun();
  await card(second.id).locator('form').waitFor({ timeout: 60_000 });
  await card(second.id).getByLabel('Comment (the reason, to reject)').fill('looks right');
  await card(second.id).getByRole('button', { name: 'Approve' }).click();
  await poll(() => card(second.id).getAttribute('data-status'), 120_000).toBe('SUCCEEDED');
  const done = (await f.data(`query($id: ID!) { loopRun(id: $id) { status decision { action } steps { name status output } } }`, { id: second.id })).loopRun;
  expect(done).toMatchObject({ status: 'SUCCEEDED', decision: { action: 'PROMOTE' } });
  expect(done.steps.find((s: { name: string }) => s.name === 'approval')).toMatchObject({ status: 'SUCCEEDED', output: { approved: true, comment: 'looks right' } });
  expect((await registry(f.platform.gql, 'churn')).champion.version).toBe(second.candidate);
  await poll(() => card(second.id).locator('.steps').innerText()).toContain('promote: SUCCEEDED');
  await context.close();
}, 300_000);

it('a run waiting for labels shows how many arrived of how many and until when, live, and goes on when the labels are in', async () => {
  // The label step asks labels for the champion's predictions (the approved run's candidate by now): traffic it served, unlabeled.
  const { champion } = await registry(f.platform.gql, 'churn');
  const unlabeled = brokenSliceTraffic(300, 32, 'u');
  await unlabeledTraffic(f.platform, 'churn', unlabeled, champion.version);
  const labeling = { strategy: 'RANDOM', budget: 20, waitFor: 1, maxWait: '10m' };
  await ok(f.platform.gql(POLICY, { input: policyInput('churn', { promotion: 'APPROVAL', maxRunsPerDay: 20, labeling }) }));
  const run = await startLoop(f.platform.gql, 'churn');
  const { page, context } = await openChecked(f, '/models/churn/loop', `[data-run="${run.id}"][data-status="WAITING_LABELS"] [data-testid="label-wait"][data-needed]`);
  const card = page.locator(`[data-run="${run.id}"]`);
  const wait = card.locator('[data-testid="label-wait"]');
  const out = stepOf(await loopRun(f.platform.gql, run.id), 'label').output;
  expect(out).toMatchObject({ labelsNeeded: out.picks, labeledCount: 0 });
  expect(await wait.innerText()).toBe(`Waiting for labels: 0 of ${out.labelsNeeded}, until ${formatTime(out.deadline)} (request ${out.requestId}, ${out.picks} rows picked)`);
  expect(await card.locator('h3 .badge').innerText()).toBe('WAITING_LABELS');

  // Half the picks answered: the count on the open page rises, the run still waits.
  const half = Math.floor(out.labelsNeeded / 2);
  expect(await answerQueue(f.platform, 'churn', out.requestId, unlabeled, half)).toHaveLength(half);
  await poll(() => wait.getAttribute('data-labeled')).toBe(String(half));
  expect(await wait.innerText()).toContain(`Waiting for labels: ${half} of ${out.labelsNeeded}, until`);
  expect(await card.getAttribute('data-status')).toBe('WAITING_LABELS');
  // The waiting state reads in the dark scheme too (openChecked: axe clean, nothing offsite).
  const dark = await openChecked(f, '/models/churn/loop', `[data-run="${run.id}"] [data-testid="label-wait"][data-labeled="${half}"]`, { colorScheme: 'dark' });
  await dark.context.close();

  // The rest: the run goes on (RUNNING, curating and training), and the waiting line goes.
  await answerQueue(f.platform, 'churn', out.requestId, unlabeled);
  await poll(() => card.locator('.steps').innerText()).toContain('label: SUCCEEDED');
  await poll(() => card.getAttribute('data-status')).not.toBe('WAITING_LABELS');
  expect(await wait.count()).toBe(0);
  const api = await loopRun(f.platform.gql, run.id);
  expect(stepOf(api, 'label')).toMatchObject({ status: 'SUCCEEDED', output: { labeledCount: out.labelsNeeded, timedOut: false } });
  // Going on: training (RUNNING), or already through the gate and waiting for approval.
  expect(['RUNNING', 'WAITING_APPROVAL']).toContain(api.status);
  expect(['RUNNING', 'WAITING_APPROVAL']).toContain(await card.getAttribute('data-status'));
  // The rest of the run is the first test's business.
  expect((await ok(f.platform.gql<Any>(`mutation { cancelLoop(id: "${run.id}") { status } }`))).cancelLoop.status).toBe('CANCELLED');
  await context.close();
}, 300_000);
