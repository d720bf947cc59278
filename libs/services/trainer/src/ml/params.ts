import { PublicError, type Task } from '@tideline/contracts';
import type { Family } from './types.ts';

export type ClassWeights = 'NONE' | 'BALANCED' | Record<string, number>;

/** Training parameters after validation, every default applied (what a run records). */
export interface ResolvedParams {
  /** Passes over the train split. @default 20 */
  epochs: number;
  /** Rows per gradient step. @default 256 */
  batchSize: number;
  /** Adam's step size. @default 0.01 for LOGISTIC and LINEAR, 0.001 for MLP */
  learningRate: number;
  /** Epochs without a lower validation loss before training stops (the best epoch's weights are kept); 0 runs every epoch. @default 3 */
  patience: number;
  /** MLP only: units of each hidden ReLU layer. @default [64, 32] */
  hidden: number[];
  /** MLP only: dropout rate after each hidden layer. @default 0 */
  dropout: number;
  /** L2 penalty on every kernel (not biases): l2 · Σ w². @default 0 */
  l2: number;
  /** Categorical features: one-hot of the topK most frequent train values, the rest in an OTHER bucket. @default 20 */
  topK: number;
  /** Multiplied with each row's weight: NONE, BALANCED (total / (classes · class total)), or a map class → weight ('true'/'false' for BINARY). @default 'NONE' */
  classWeights: ClassWeights;
}

/**
 * A parameter the caller got wrong: `field` names it as the API does
 * ('params.hidden[1]', 'family'). A PublicError (BAD_USER_INPUT with
 * `extensions.field`), so a resolver may let it through as it is.
 */
export class ParamsError extends PublicError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('BAD_USER_INPUT', `${field}: ${message}`, { field });
  }
}

const FAMILY_TASKS: Record<Family, readonly Task[]> = {
  LOGISTIC: ['BINARY', 'MULTICLASS'],
  LINEAR: ['REGRESSION'],
  MLP: ['BINARY', 'MULTICLASS', 'REGRESSION'],
};
const KEYS: readonly (keyof ResolvedParams)[] = ['epochs', 'batchSize', 'learningRate', 'patience', 'hidden', 'dropout', 'l2', 'topK', 'classWeights'];
const MLP_ONLY: readonly string[] = ['hidden', 'dropout'];

function integer(raw: unknown, field: string, min: number, max: number): number {
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < min || raw > max) throw new ParamsError(field, `must be an integer from ${min} to ${max}; got ${JSON.stringify(raw)}`);
  return raw;
}

function real(raw: unknown, field: string, min: number, max: number, minOpen = false): number {
  const ok = typeof raw === 'number' && Number.isFinite(raw) && (minOpen ? raw > min : raw >= min) && raw <= max;
  if (!ok) throw new ParamsError(field, `must be a number ${minOpen ? '>' : '≥'} ${min} and ≤ ${max}; got ${JSON.stringify(raw)}`);
  return raw as number;
}

function classWeights(raw: unknown, task: Task): ClassWeights {
  if (raw === 'NONE') return raw;
  if (task === 'REGRESSION') throw new ParamsError('params.classWeights', `a REGRESSION model has no classes: only 'NONE' applies; got ${JSON.stringify(raw)}`);
  if (raw === 'BALANCED') return raw;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ParamsError('params.classWeights', `must be 'NONE', 'BALANCED' or a map of class → weight; got ${JSON.stringify(raw)}`);
  const map: Record<string, number> = {};
  for (const [cls, weight] of Object.entries(raw)) {
    if (task === 'BINARY' && cls !== 'true' && cls !== 'false') throw new ParamsError(`params.classWeights.${cls}`, "a BINARY model's classes are 'true' and 'false'");
    map[cls] = real(weight, `params.classWeights.${cls}`, 0, 1e6, true);
  }
  return map;
}

/** Validates `raw` (the run's params object) for a family and task and applies the documented defaults. Throws ParamsError. */
export function parseParams(family: Family, task: Task, raw: unknown): ResolvedParams {
  const tasks = FAMILY_TASKS[family];
  if (!tasks) throw new ParamsError('family', `must be one of ${Object.keys(FAMILY_TASKS).join(', ')}; got ${JSON.stringify(family)}`);
  if (!tasks.includes(task)) throw new ParamsError('family', `${family} does not fit a ${task} task (it fits ${tasks.join(', ')})`);
  const given = raw ?? {};
  if (typeof given !== 'object' || Array.isArray(given)) throw new ParamsError('params', `must be an object; got ${JSON.stringify(raw)}`);
  const p = given as Record<string, unknown>;
  for (const key of Object.keys(p)) {
    if (!(KEYS as readonly string[]).includes(key)) throw new ParamsError(`params.${key}`, `unknown parameter (known: ${KEYS.join(', ')})`);
    if (MLP_ONLY.includes(key) && family !== 'MLP') throw new ParamsError(`params.${key}`, `applies to the MLP family only, not ${family}`);
  }
  const epochs = p.epochs === undefined ? 20 : integer(p.epochs, 'params.epochs', 1, 1000);
  let hidden = family === 'MLP' ? [64, 32] : [];
  if (p.hidden !== undefined) {
    if (!Array.isArray(p.hidden) || p.hidden.length < 1 || p.hidden.length > 8) throw new ParamsError('params.hidden', `must be a list of 1 to 8 layer sizes; got ${JSON.stringify(p.hidden)}`);
    hidden = p.hidden.map((units, i) => integer(units, `params.hidden[${i}]`, 1, 4096));
  }
  return {
    epochs,
    batchSize: p.batchSize === undefined ? 256 : integer(p.batchSize, 'params.batchSize', 1, 65536),
    learningRate: p.learningRate === undefined ? (family === 'MLP' ? 0.001 : 0.01) : real(p.learningRate, 'params.learningRate', 0, 10, true),
    patience: p.patience === undefined ? 3 : integer(p.patience, 'params.patience', 0, 1000),
    hidden,
    dropout: p.dropout === undefined ? 0 : real(p.dropout, 'params.dropout', 0, 0.95),
    l2: p.l2 === undefined ? 0 : real(p.l2, 'params.l2', 0, 10),
    topK: p.topK === undefined ? 20 : integer(p.topK, 'params.topK', 1, 10000),
    classWeights: p.classWeights === undefined ? 'NONE' : classWeights(p.classWeights, task),
  };
}
