import type { ClickHouseClient } from '@tideline/clickhouse';
import { countModels, listModels, type ModelCountKind, type ModelListing } from '@tideline/store';

/** Most (project, model, count) entries the service keeps finalized; beyond, the oldest are dropped. */
const MAX_CACHED = 50_000;

/**
 * Counts finalized from the summary's uniqExact states, kept while the
 * model's fingerprint (rows ever inserted, which every insert grows) is
 * unchanged: an unchanged model answers from one key lookup, a changed one
 * finalizes its states again. Exact either way; one per service process.
 */
export class FinalizedCounts {
  private readonly cache = new Map<string, { n: number; fingerprint: number }>();

  constructor(private readonly client: ClickHouseClient) {}

  /** `kinds` for every model listed, finalizing only those that changed since they were last finalized. */
  async counts(project: string, kinds: readonly ModelCountKind[], listed: readonly ModelListing[]): Promise<Map<ModelCountKind, Map<string, number>>> {
    const key = (model: string, kind: ModelCountKind) => `${project}\u0000${model}\u0000${kind}`;
    const out = new Map(kinds.map((kind) => [kind, new Map<string, number>()]));
    const stale = new Map<string, ModelListing>();
    const staleKinds = new Set<ModelCountKind>();
    for (const kind of kinds) {
      for (const m of listed) {
        const hit = this.cache.get(key(m.name, kind));
        if (hit?.fingerprint === m.fingerprint) {
          out.get(kind)!.set(m.name, hit.n);
        } else {
          stale.set(m.name, m);
          staleKinds.add(kind);
        }
      }
    }
    const fresh = await countModels(this.client, project, [...staleKinds], [...stale.keys()]);
    for (const [kind, counts] of fresh) {
      for (const m of stale.values()) {
        // A model missing from the answer has no rows of that kind (data only grows): 0 at its listed fingerprint.
        const found = counts.get(m.name) ?? { n: 0, fingerprint: m.fingerprint };
        out.get(kind)?.set(m.name, found.n);
        this.remember(key(m.name, kind), found);
      }
    }
    return out;
  }

  private remember(key: string, value: { n: number; fingerprint: number }) {
    this.cache.delete(key);
    this.cache.set(key, value);
    if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
  }
}

/**
 * What one request reads about models: the listing once, and the counts
 * only if a resolver asks for them, for every model the request lists. The
 * counts asked for in one tick (the fields of every Model of the answer) are
 * finalized together: the labeled count's read yields the other two.
 */
export class ModelsRequest {
  private listed?: Promise<ModelListing[]>;
  private readonly counted = new Map<ModelCountKind, Promise<Map<string, number>>>();
  private batch?: { kinds: Set<ModelCountKind>; result: Promise<Map<ModelCountKind, Map<string, number>>> };

  /** Every model of `project`, or only `model`. */
  constructor(
    private readonly client: ClickHouseClient,
    private readonly finalized: FinalizedCounts,
    private readonly project: string,
    private readonly model?: string,
  ) {}

  listing(): Promise<ModelListing[]> {
    const listed = this.listed ?? listModels(this.client, this.project, this.model === undefined ? undefined : [this.model]);
    this.listed = listed;
    return listed;
  }

  async find(name: string): Promise<ModelListing | undefined> {
    return (await this.listing()).find((m) => m.name === name);
  }

  async count(kind: ModelCountKind, name: string): Promise<number> {
    let found = this.counted.get(kind);
    if (!found) {
      const batch = this.batch ?? this.startBatch();
      batch.kinds.add(kind);
      this.counted.set(kind, (found = batch.result.then((all) => all.get(kind)!)));
    }
    return (await found).get(name) ?? 0;
  }

  /** A batch collects the kinds asked for until the next turn of the event loop, then finalizes them in one call. */
  private startBatch() {
    const kinds = new Set<ModelCountKind>();
    const result = new Promise((resolve) => setImmediate(resolve)).then(async () => {
      this.batch = undefined;
      return this.finalized.counts(this.project, [...kinds], await this.listing());
    });
    this.batch = { kinds, result };
    return this.batch;
  }
}
/** The parent of a `Model` in resolvers: its name, and the request that reads the rest when asked. */
export interface ModelRef {
  name: string;
  request: ModelsRequest;
}
