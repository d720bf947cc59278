import type { KV } from '@nats-io/kv';
import { isCompareAndSetConflict, ProjectRecords } from '@tideline/nats';
import type { MonitorDefinition } from './monitor-definition.ts';
import { emptyState, type MonitorState } from './monitor-state.ts';

const key = (project: string, id: string) => `${project}.${id}`;

/**
 * Monitors live in NATS KV, not ClickHouse: a handful of small records per
 * project that every evaluator replica reads (and watches) and that change
 * with compare-and-set, which KV gives and ClickHouse does not.
 */
export class MonitorStore extends ProjectRecords<MonitorDefinition> {
  /** The project's monitors (of one model, if given), oldest first. */
  override async list(project: string, model?: string | null): Promise<MonitorDefinition[]> {
    return (await super.list(project)).filter((m) => !model || m.model === model);
  }

  /** Every monitor of every project as it changes (the evaluator's schedule). */
  async watch(onChange: (key: string, monitor: MonitorDefinition | null) => void): Promise<{ stop(): void }> {
    const watcher = await this.kv.watch();
    void (async () => {
      for await (const entry of watcher) onChange(entry.key, entry.operation === 'PUT' ? (entry.json() as MonitorDefinition) : null);
    })();
    return { stop: () => watcher.stop() };
  }
}

/** The evaluator's state per monitor, updated only with compare-and-set so two evaluators never both apply a tick. */
export class MonitorStateStore {
  constructor(private readonly kv: KV) {}

  async read(project: string, id: string): Promise<{ state: MonitorState; revision: number }> {
    const entry = await this.kv.get(key(project, id));
    if (!entry || entry.operation !== 'PUT') return { state: emptyState(id), revision: 0 };
    return { state: entry.json() as MonitorState, revision: entry.revision };
  }

  /** Writes `state` if nobody wrote since `revision` (0: if nobody ever did); the new revision, or null when someone did. */
  async write(project: string, state: MonitorState, revision: number): Promise<number | null> {
    try {
      if (revision === 0) return await this.kv.create(key(project, state.monitorId), JSON.stringify(state));
      return await this.kv.update(key(project, state.monitorId), JSON.stringify(state), revision);
    } catch (error) {
      if (isCompareAndSetConflict(error)) return null;
      throw error;
    }
  }

  async delete(project: string, id: string): Promise<void> {
    await this.kv.purge(key(project, id));
  }
}
