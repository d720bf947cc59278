import type { KV } from '@nats-io/kv';
import { modelRecord, type Task } from '@tideline/contracts';
import { isCompareAndSetConflict } from '@tideline/nats';

/**
 * A model's task is fixed by its first record. The registry of tasks lives in
 * NATS KV so that every ingest replica agrees: the first replica to `create`
 * the key wins, the others read what it wrote.
 */
export class ModelTasks {
  private readonly cache = new Map<string, Task>();

  constructor(private readonly kv: KV) {}

  private key = (project: string, model: string) => `${project}.${model}`;

  /** Tasks of the given models that are already fixed. */
  async known(project: string, models: Iterable<string>): Promise<Map<string, Task>> {
    const result = new Map<string, Task>();
    await Promise.all(
      [...new Set(models)].map(async (model) => {
        const key = this.key(project, model);
        let task = this.cache.get(key);
        if (!task) {
          const entry = await this.kv.get(key);
          if (entry && entry.operation === 'PUT') task = modelRecord.parse(entry.json()).task;
          if (task) this.cache.set(key, task);
        }
        if (task) result.set(model, task);
      }),
    );
    return result;
  }

  /**
   * The task of every model of `records`: known ones as fixed, new ones fixed
   * by their first record here. Callers pass only records that passed
   * validation, so a rejected record never fixes a task and a bad name
   * never reaches a KV key.
   */
  async resolve(project: string, records: readonly { model: string; task: Task }[]): Promise<Map<string, Task>> {
    const tasks = await this.known(project, records.map((r) => r.model));
    for (const r of records) if (!tasks.has(r.model)) tasks.set(r.model, await this.fix(project, r.model, r.task));
    return tasks;
  }

  /** Fixes the task of a new model; returns the task that holds (another replica may have been first). */
  async fix(project: string, model: string, task: Task): Promise<Task> {
    const key = this.key(project, model);
    try {
      await this.kv.create(key, JSON.stringify({ task, createdAt: new Date().toISOString() }));
      this.cache.set(key, task);
      return task;
    } catch (err) {
      // Another replica fixed it first: its task holds. Anything else is a real failure.
      if (!isCompareAndSetConflict(err)) throw err;
      const winner = (await this.known(project, [model])).get(model);
      if (!winner) throw new Error(`the task of model '${model}' was fixed by another writer, then removed`, { cause: err });
      return winner;
    }
  }
}
