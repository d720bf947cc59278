import { configSection, setting } from '@tideline/runtime';

export const loopConfig = configSection({
  /** @default 60000 */
  decisionIntervalMs: setting.int({
    env: 'LOOP_DECISION_INTERVAL_MS',
    doc: 'how often the loop decides again for every model with a published retraining decision (labels and traffic change without events); alert events and stage changes trigger a decision at once',
    default: 60_000,
    min: 1000,
  }),
});
