import type { PredictionRow } from './rows.ts';

export interface FieldRow {
  project: string;
  model: string;
  kind: 'tags' | 'features';
  name: string;
}

/** Names remembered per process, so steady traffic writes no field rows at all. */
const MAX_REMEMBERED = 100_000;

/**
 * The tag and feature names of stored predictions, for `evalstore_fields`.
 * Only names this process has not written before are returned; writing one
 * again (another replica, a restart) is harmless, the table collapses it.
 */
export class FieldCatalog {
  private readonly seen = new Set<string>();

  unseen(rows: readonly PredictionRow[]): FieldRow[] {
    const found: FieldRow[] = [];
    const add = (project: string, model: string, kind: FieldRow['kind'], name: string) => {
      const key = `${project}\u0000${model}\u0000${kind}\u0000${name}`;
      if (this.seen.has(key)) return;
      if (this.seen.size >= MAX_REMEMBERED) this.seen.clear();
      this.seen.add(key);
      found.push({ project, model, kind, name });
    };
    for (const r of rows) {
      for (const name of Object.keys(r.tags)) add(r.project, r.model, 'tags', name);
      for (const name of [...Object.keys(r.features_num), ...Object.keys(r.features_str), ...Object.keys(r.features_bool), ...r.features_null]) {
        add(r.project, r.model, 'features', name);
      }
    }
    return found;
  }
}
