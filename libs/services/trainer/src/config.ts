import { configSection, setting } from '@tideline/runtime';

export const trainerConfig = configSection({
  /** @default 1 */
  concurrency: setting.int({
    env: 'TRAINER_CONCURRENCY',
    doc: 'training runs this process works on at once (0: serve the API only, train nothing); more replicas train more runs at once',
    default: 1,
    min: 0,
    max: 16,
  }),
  /** @default 'auto' */
  backend: setting.oneOf({
    env: 'TRAINER_BACKEND',
    doc: 'TensorFlow.js backend: auto picks tensorflow (@tensorflow/tfjs-node) when it is installed, else wasm; the backend is recorded in each run',
    default: 'auto',
    values: ['auto', 'tensorflow', 'wasm', 'cpu'] as const,
  }),
  /** @default 3 */
  maxAttempts: setting.int({
    env: 'TRAINER_MAX_ATTEMPTS',
    doc: 'deliveries of a run to a worker before it is FAILED (a worker that dies mid-run hands it to another, which restarts it)',
    default: 3,
    min: 1,
    max: 20,
  }),
  /** @default 30000 */
  ackWaitMs: setting.int({
    env: 'TRAINER_ACK_WAIT_MS',
    doc: 'silence after which a run whose worker stopped reporting goes to another worker (workers report every third of it)',
    default: 30_000,
    min: 1000,
  }),
  /** @default null (the system's temporary directory) */
  workDir: setting.optionalString({
    env: 'TRAINER_WORK_DIR',
    doc: "where workers spill a run's rows while it trains (removed after); default: the system's temporary directory",
  }),
  /** @default 100000 */
  shadowMaxRows: setting.int({
    env: 'TRAINER_SHADOW_MAX_ROWS',
    doc: 'most rows one `scoreShadow` call scores (its `maxRows` is capped by it)',
    default: 100_000,
    min: 1,
  }),
  /** @default 10000 */
  predictMaxRows: setting.int({
    env: 'TRAINER_PREDICT_MAX_ROWS',
    doc: 'most rows of one predict request (413 past it)',
    default: 10_000,
    min: 1,
  }),
  /** @default 8 */
  modelCache: setting.int({
    env: 'TRAINER_MODEL_CACHE',
    doc: 'loaded model versions kept in memory for predict and shadow scoring (least recently used first out)',
    default: 8,
    min: 1,
    max: 256,
  }),
});

export type TrainerConfig = NonNullable<ReturnType<typeof trainerConfig.read>['value']>;
