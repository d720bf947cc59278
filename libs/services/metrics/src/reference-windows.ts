import type { ClickHouseClient } from '@tideline/clickhouse';
import { PublicError } from '@tideline/graphql';
import { checkWindow, rows, type Window } from '@tideline/store';

export interface StoredReference extends Window {
  updatedMs: number;
}

/** Reference windows stored per model, so monitors and users need not repeat them. */
export class ReferenceWindows {
  constructor(private readonly client: ClickHouseClient) {}

  async get(project: string, model: string): Promise<StoredReference | null> {
    const found = await rows<{ from_ms: string; to_ms: string; updated_ms: string }>(
      this.client,
      'SELECT from_ms, to_ms, updated_ms FROM metrics_reference_windows FINAL WHERE project = {project:String} AND model = {model:String}',
      { project, model },
    );
    const r = found[0];
    return r ? { fromMs: Number(r.from_ms), toMs: Number(r.to_ms), updatedMs: Number(r.updated_ms) } : null;
  }

  async set(project: string, model: string, window: Window): Promise<StoredReference> {
    const stored = { ...window, updatedMs: Date.now() };
    await this.client.insert({
      table: 'metrics_reference_windows',
      values: [{ project, model, from_ms: window.fromMs, to_ms: window.toMs, updated_ms: stored.updatedMs }],
      format: 'JSONEachRow',
    });
    return stored;
  }

  /** The request's reference if it names one, else the model's stored one; an error naming `field` when neither exists. */
  async resolve(project: string, model: string, given: { from: Date; to: Date } | null | undefined, field = 'reference'): Promise<Window> {
    if (given) return checkWindow(given, field);
    const stored = await this.get(project, model);
    if (!stored) {
      throw new PublicError('REFERENCE_REQUIRED', `model '${model}' has no stored reference window: give ${field}, or store one with setReferenceWindow`, { field });
    }
    return stored;
  }
}
