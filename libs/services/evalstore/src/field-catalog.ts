import type { PredictionRow } from './rows.ts';

export interface FieldRow {
  project: string;
  model: string;
  kind: 'tags' | 'features';
  name: string;
}

/** Names remembered per process, so steady traffic writes no field rows at all. */
const MAX_REMEMBERED = 100_000;

type Names = Record<FieldRow['kind'], Set<string>>;

/**
 * The tag and feature names of stored predictions, for `evalstore_fields`.
 * Only names this process has not written before are returned; writing one
 * again (another replica, a restart) is harmless, the table collapses it.
 * Names are looked up in per-model sets as they are, without building a key
 * per name: this runs for every feature of every stored prediction.
 */
export class FieldCatalog {
  private readonly seen = new Map<string, Names>();
  private remembered = 0;

  unseen(rows: readonly PredictionRow[]): FieldRow[] {
    const found: FieldRow[] = [];
    let model = '';
    let names: Names | undefined;
    const add = (r: PredictionRow, kind: FieldRow['kind'], name: string) => {
      if (names![kind].has(name)) return;
      if (this.remembered >= MAX_REMEMBERED) this.forget();
      names = this.namesOf(r);
      names[kind].add(name);
      this.remembered++;
      found.push({ project: r.project, model: r.model, kind, name });
    };
    for (const r of rows) {
      const key = `${r.project}\u0000${r.model}`;
      if (key !== model || !names) {
        model = key;
        names = this.namesOf(r);
      }
      for (const name of Object.keys(r.tags)) add(r, 'tags', name);
      for (const name in r.features_num) add(r, 'features', name);
      for (const name in r.features_str) add(r, 'features', name);
      for (const name in r.features_bool) add(r, 'features', name);
      for (const name of r.features_null) add(r, 'features', name);
    }
    return found;
  }

  private namesOf(r: PredictionRow): Names {
    const key = `${r.project}\u0000${r.model}`;
    let names = this.seen.get(key);
    if (!names) this.seen.set(key, (names = { tags: new Set(), features: new Set() }));
    return names;
  }

  private forget() {
    this.seen.clear();
    this.remembered = 0;
  }
}
