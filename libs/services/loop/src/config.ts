import { configSection, setting } from '@tideline/runtime';

export const loopConfig = configSection({
  /** @default 60000 */
  decisionIntervalMs: setting.int({
    env: 'LOOP_DECISION_INTERVAL_MS',
    doc: 'how often the loop decides again for every model with a published retraining decision (labels and traffic change without events); alert events and stage changes trigger a decision at once',
    default: 60_000,
    min: 1000,
  }),
  /** @default 60000 */
  triggerIntervalMs: setting.int({
    env: 'LOOP_TRIGGER_INTERVAL_MS',
    doc: "how often retraining policies' schedule and new-label triggers are checked (alert triggers act at once)",
    default: 60_000,
    min: 200,
  }),
  /** @default 2 */
  concurrency: setting.int({ env: 'LOOP_CONCURRENCY', doc: 'loop runs this process drives at once (0: none, another replica drives them)', default: 2, min: 0, max: 64 }),
  /** @default 30000 */
  ackWaitMs: setting.int({
    env: 'LOOP_ACK_WAIT_MS',
    doc: "how long a loop run's job stays with a worker that stopped reporting progress (a dead process) before another worker resumes the run",
    default: 30_000,
    min: 1000,
  }),
  /** @default 1000 */
  pollMs: setting.int({ env: 'LOOP_POLL_MS', doc: 'how often a run waiting on the labels it requested, on a training run or on shadow predictions being stored asks again', default: 1000, min: 100 }),
  /** @default 10000 */
  watchCheckMs: setting.int({ env: 'LOOP_WATCH_CHECK_MS', doc: "how often a run in its watch period looks for the champion's monitors firing", default: 10_000, min: 200 }),
  /** @default 5 */
  maxStepFailures: setting.int({ env: 'LOOP_MAX_STEP_FAILURES', doc: "internal failures of one step (a service down) retried with backoff before the run fails", default: 5, min: 1, max: 100 }),
});
