import { isCompareAndSetConflict, ProjectRecords } from '@tideline/nats';
import type { Task } from '@tideline/contracts';
import type { ResolvedParams } from './ml/index.ts';

export type RunStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
export type Family = 'LOGISTIC' | 'LINEAR' | 'MLP';
export const FINISHED: ReadonlySet<RunStatus> = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

export interface TestMetric {
  slice: string | null;
  metric: string;
  value: number | null;
  baseline: number | null;
  sampleCount: number;
}

export interface RunMetrics {
  test: TestMetric[];
  beatsBaseline: boolean;
  primaryMetric: string;
  evaluationId: string | null;
  bestEpoch: number;
  stoppedEarly: boolean;
  rowsPerSecond: number;
  dataWaitShare: number;
  trainRows: number;
  validationRows: number;
  testRows: number;
  weightsDigest: string;
  warmStarted: boolean;
  warmStartNote: string | null;
}

/** A training run as the trainer keeps it in NATS KV (`<project>.<id>`); every change is a compare-and-set. */
export interface TrainingRunRecord {
  project: string;
  id: string;
  model: string;
  task: Task;
  datasetId: string;
  family: Family;
  /** As applied, defaults filled in. */
  params: ResolvedParams;
  seed: number;
  parentVersion: string | null;
  version: string;
  description: string | null;
  status: RunStatus;
  progress: { epoch: number; epochs: number; loss: number | null; valLoss: number | null; rowsPerSecond: number | null } | null;
  backend: string | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  metrics: RunMetrics | null;
  modelVersion: string | null;
  error: string | null;
  /** Who asked (the API key's name), for the registry's createdBy. */
  actor: string | null;
}

const CAS_ATTEMPTS = 10;

/** Training runs, one KV record each, scoped to the project. */
export class RunStore extends ProjectRecords<TrainingRunRecord> {
  /** The model's runs, newest first. */
  async ofModel(project: string, model: string, first: number): Promise<TrainingRunRecord[]> {
    const runs = (await this.list(project)).filter((r) => r.model === model);
    return runs.reverse().slice(0, first);
  }

  /**
   * Applies `change` to the run with compare-and-set, retrying on a
   * concurrent write (a cancel while the worker reports progress). `change`
   * returns null to leave the run as it is. Resolves to the run as stored.
   */
  async update(project: string, id: string, change: (run: TrainingRunRecord) => TrainingRunRecord | null): Promise<TrainingRunRecord | null> {
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const entry = await this.kv.get(this.key(project, id));
      if (!entry || entry.operation !== 'PUT') return null;
      const current = entry.json<TrainingRunRecord>();
      const next = change(current);
      if (!next) return current;
      try {
        await this.kv.update(this.key(project, id), JSON.stringify(next), entry.revision);
        return next;
      } catch (error) {
        if (!isCompareAndSetConflict(error)) throw error;
      }
    }
    throw new Error(`training run ${id}: ${CAS_ATTEMPTS} concurrent writes in a row`);
  }

  /** Calls `onChange` whenever the run changes (a worker's way to hear of a cancel). */
  async watchRun(project: string, id: string, onChange: (run: TrainingRunRecord) => void): Promise<{ stop(): void }> {
    const watcher = await this.kv.watch({ key: this.key(project, id) });
    void (async () => {
      for await (const entry of watcher) if (entry.operation === 'PUT') onChange(entry.json<TrainingRunRecord>());
    })();
    return { stop: () => watcher.stop() };
  }
}
