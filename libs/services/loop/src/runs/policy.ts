import { MODEL_NAME_PATTERN } from '@tideline/contracts';
import { PublicError, badInput, type SubgraphClient } from '@tideline/graphql';
import type { LabelingPolicyInput, RetrainingPolicyInput } from '../__generated__/resolvers-types.ts';
import { LoopMonitorDocument } from '../__generated__/alerts-operations.ts';
import { ModelTrafficDocument } from '../__generated__/evalstore-operations.ts';
import { passThrough } from '../decision/evidence-sources.ts';
import { durationMs, windowBack } from './durations.ts';

export type TriggerKind = 'ALERT' | 'NEW_LABELS' | 'SCHEDULE' | 'MANUAL';

/** The label step: what to ask labels for, and how long to wait for them (README "Waiting for labels"). */
export interface Labeling {
  strategy: string;
  budget: number;
  window: string;
  /** Share of the request's picks labeled before the run curates; 0 does not wait. */
  waitFor: number;
  maxWait: string;
  onTimeout: 'PROCEED' | 'FAIL';
}

/** A model's retraining policy as stored (defaults filled in); README "Retraining policies" documents every field. */
export interface Policy {
  model: string;
  enabled: boolean;
  triggers: { alerts: { monitors: string[]; severities: string[] } | null; newLabels: number | null; schedule: string | null };
  coolDown: string;
  maxRunsPerDay: number;
  labeling: Labeling | null;
  dataset: { windows: string[]; strategy: string; maxRows: number | null; recencyHalfLife: string | null; stratifyBy: string[] | null };
  /** `maxWait`: how long the train step waits for its training run (README "Bounded waits"). */
  training: { family: 'LOGISTIC' | 'LINEAR' | 'MLP'; params: unknown; warmStart: boolean; seed: number; maxWait: string };
  /** `shadowMaxWait`: how long the shadow step waits for the store to hold the candidate's predictions. */
  validation: { shadowWindow: string; evidence: 'OFFLINE' | 'PRODUCTION'; shadowMaxWait: string };
  promotion: 'AUTO' | 'APPROVAL';
  watchPeriod: string;
  updatedAt: string;
}

const MAX_WINDOWS = 20;
const MAX_RUNS_PER_DAY = 100;
const CLASSIFIER_ONLY = new Set(['LEAST_CONFIDENCE', 'MARGIN', 'ENTROPY', 'HYBRID', 'SLICE_WEIGHTED']);

function positiveInt(value: number | null | undefined, field: string, max: number): number | null {
  if (value == null) return null;
  if (!Number.isInteger(value) || value < 1 || value > max) throw badInput(`${field} must be an integer from 1 to ${max}; got ${value}`, field);
  return value;
}

/** Monitors named by an alert trigger must exist in the project and watch this model: the alerts service says which do. */
async function checkMonitors(alerts: SubgraphClient, project: string, model: string, ids: readonly string[]): Promise<void> {
  for (const [i, id] of ids.entries()) {
    const field = `input.triggers.alerts.monitors[${i}]`;
    const { monitor } = await alerts.request(project, LoopMonitorDocument, { id }).catch(passThrough('alerts'));
    if (!monitor) throw new PublicError('MONITOR_NOT_FOUND', `${field}: no monitor '${id}' in this project`, { field });
    if (monitor.model.name !== model) throw badInput(`${field}: monitor '${monitor.name}' watches model '${monitor.model.name}', not '${model}'`, field);
  }
}

/** The family must fit the model's task, as the trainer will require: LINEAR for regression, LOGISTIC for classifiers. */
function checkFamily(task: string, family: string, labeling: string | null): void {
  if ((family === 'LINEAR') !== (task === 'REGRESSION') && family !== 'MLP')
    throw new PublicError('FAMILY_NOT_APPLICABLE', `input.training.family ${family} does not fit a ${task} model (LINEAR: regression; LOGISTIC: classifiers; MLP: any)`, { field: 'input.training.family' });
  if (labeling && task === 'REGRESSION' && CLASSIFIER_ONLY.has(labeling))
    throw new PublicError('STRATEGY_NOT_APPLICABLE', `input.labeling.strategy ${labeling} ranks classifiers' outputs; a REGRESSION model takes RANDOM, STRATIFIED or DIVERSITY`, { field: 'input.labeling.strategy' });
}

/** The labeling request and its wait; defaults argued in the README: most of the picks, a labeler's day, then go on. */
function parseLabeling(input: LabelingPolicyInput): Labeling {
  const window = input.window ?? '7d';
  windowBack(window, 'input.labeling.window');
  const waitFor = input.waitFor ?? 0.9;
  if (!Number.isFinite(waitFor) || waitFor < 0 || waitFor > 1) throw badInput(`input.labeling.waitFor must be a share of the picks from 0 to 1; got ${waitFor}`, 'input.labeling.waitFor');
  const maxWait = maxWaitOf(input.maxWait, '24h', 'input.labeling.maxWait');
  return { strategy: input.strategy, budget: positiveInt(input.budget, 'input.labeling.budget', 100_000)!, window, waitFor, maxWait, onTimeout: input.onTimeout ?? 'PROCEED' };
}

/** A policy stored before the label step could wait: its runs go on at once, as they did then. */
const STORED_BEFORE_WAITS: Pick<Labeling, 'waitFor' | 'maxWait' | 'onTimeout'> = { waitFor: 0, maxWait: '24h', onTimeout: 'PROCEED' };

/** A stored policy's labeling, with the wait of a policy stored before waits existed. */
export const labelingOf = (policy: Pick<Policy, 'labeling'>): Labeling | null => policy.labeling && { ...STORED_BEFORE_WAITS, ...policy.labeling };

/** Defaults of the train and shadow steps' waits, argued in the README ("Bounded waits"). */
const TRAINING_MAX_WAIT = '6h';
const SHADOW_MAX_WAIT = '1h';

/** A duration field with its default, checked (naming the field). */
function maxWaitOf(value: string | null | undefined, fallback: string, field: string): string {
  const text = value ?? fallback;
  durationMs(text, field);
  return text;
}

/**
 * A stored policy with every wait filled in: one stored before the train and
 * shadow waits had deadlines gets the defaults, so its runs never wait forever either.
 */
export const withWaits = (policy: Policy): Policy => ({
  ...policy,
  labeling: labelingOf(policy),
  training: { ...policy.training, maxWait: (policy.training as Partial<Policy['training']>).maxWait ?? TRAINING_MAX_WAIT },
  validation: { ...policy.validation, shadowMaxWait: (policy.validation as Partial<Policy['validation']>).shadowMaxWait ?? SHADOW_MAX_WAIT },
});

/** Checks a policy input field by field (naming the field at fault) and fills in the defaults. */
export async function parsePolicy(clients: { alerts: SubgraphClient; evalstore: SubgraphClient }, project: string, input: RetrainingPolicyInput): Promise<Policy> {
  if (!MODEL_NAME_PATTERN.test(input.model)) throw badInput("input.model must be 1 to 128 letters, digits, '_', '.' or '-', starting with a letter or digit", 'input.model');
  const { model } = await clients.evalstore.request(project, ModelTrafficDocument, { name: input.model }).catch(passThrough('evalstore'));
  if (!model) throw new PublicError('MODEL_NOT_FOUND', `input.model: the store holds no prediction of model '${input.model}'`, { field: 'input.model' });
  const alerts = input.triggers?.alerts;
  const monitors = [...new Set(alerts?.monitors ?? [])];
  await checkMonitors(clients.alerts, project, input.model, monitors);
  const schedule = input.triggers?.schedule ?? null;
  if (schedule !== null) durationMs(schedule, 'input.triggers.schedule');
  const coolDown = input.coolDown ?? '1h';
  durationMs(coolDown, 'input.coolDown');
  const watchPeriod = input.watchPeriod ?? '24h';
  durationMs(watchPeriod, 'input.watchPeriod');
  const windows = input.dataset?.windows ?? ['14d'];
  if (windows.length === 0 || windows.length > MAX_WINDOWS) throw badInput(`input.dataset.windows must hold 1 to ${MAX_WINDOWS} windows`, 'input.dataset.windows');
  windows.forEach((w, i) => windowBack(w, `input.dataset.windows[${i}]`));
  const recencyHalfLife = input.dataset?.recencyHalfLife ?? null;
  if (recencyHalfLife !== null) durationMs(recencyHalfLife, 'input.dataset.recencyHalfLife');
  const stratifyBy = input.dataset?.stratifyBy ?? null;
  if (stratifyBy && stratifyBy.length > 3) throw badInput('input.dataset.stratifyBy takes at most 3 fields', 'input.dataset.stratifyBy');
  const shadowWindow = input.validation?.shadowWindow ?? '7d';
  windowBack(shadowWindow, 'input.validation.shadowWindow');
  const labeling = input.labeling ? parseLabeling(input.labeling) : null;
  if (model.task) checkFamily(model.task, input.training.family, labeling?.strategy ?? null);
  const seed = input.training.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1) throw badInput(`input.training.seed must be an integer from 0 to 2147483647; got ${seed}`, 'input.training.seed');
  return {
    model: input.model,
    enabled: input.enabled ?? true,
    triggers: {
      alerts: monitors.length || alerts?.severities?.length ? { monitors, severities: [...new Set(alerts?.severities ?? [])] } : null,
      newLabels: positiveInt(input.triggers?.newLabels, 'input.triggers.newLabels', 100_000_000),
      schedule,
    },
    coolDown,
    maxRunsPerDay: positiveInt(input.maxRunsPerDay ?? 4, 'input.maxRunsPerDay', MAX_RUNS_PER_DAY)!,
    labeling,
    dataset: { windows, strategy: input.dataset?.strategy ?? 'ALL', maxRows: positiveInt(input.dataset?.maxRows, 'input.dataset.maxRows', 5_000_000), recencyHalfLife, stratifyBy },
    training: { family: input.training.family, params: input.training.params ?? null, warmStart: input.training.warmStart ?? false, seed, maxWait: maxWaitOf(input.training.maxWait, TRAINING_MAX_WAIT, 'input.training.maxWait') },
    validation: { shadowWindow, evidence: input.validation?.evidence ?? 'PRODUCTION', shadowMaxWait: maxWaitOf(input.validation?.shadowMaxWait, SHADOW_MAX_WAIT, 'input.validation.shadowMaxWait') },
    promotion: input.promotion ?? 'AUTO',
    watchPeriod,
    updatedAt: new Date().toISOString(),
  };
}
