import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { GATEWAY_TOPICS, gatewaySubject, storeProgressEvent } from '@tideline/contracts';
import type { ClickHouseClient } from '@tideline/clickhouse';
import { countModels, listModels, type FieldNames, type ModelCountKind, type ModelCounts, type ModelListing } from '@tideline/store';

/**
 * Drops the cached listings of every model a store writer announces it stored
 * into (this process's writer and other replicas' alike: each publishes one
 * event per project and model after a batch). Unsubscribe to stop.
 */
export function followStoreProgress(connection: NatsConnection, listings: ModelListings): Subscription {
  return connection.subscribe(gatewaySubject(GATEWAY_TOPICS.storeProgress('*')), {
    callback: (err, msg) => {
      if (err) return;
      let event;
      try {
        event = storeProgressEvent.safeParse(msg.json());
      } catch {
        return; // not JSON: not an event this store understands
      }
      if (event.success) listings.invalidate(event.data.project, event.data.model.name);
    },
  });
}

/** Most (project, model, count) entries the service keeps finalized; beyond, the oldest are dropped. */
const MAX_CACHED = 50_000;

/**
 * Longest a listing is served without re-reading the summary. Store progress
 * events invalidate it at once; the bound covers what no event announces (an
 * event missed across a reconnect, rows written by something other than a
 * store writer).
 */
export const LISTING_MAX_AGE_MS = 2_000;

/** Most listings kept (a project's, or one model's); beyond, the oldest are dropped. */
const MAX_LISTINGS = 10_000;

/**
 * Model listings (name, task, first/last prediction time, fingerprint) kept
 * per project and per model until a store progress event says the model got
 * new records, or LISTING_MAX_AGE_MS passed. With the finalized counts, an
 * unchanged model is answered without reading ClickHouse at all.
 */
export class ModelListings {
  private readonly cache = new Map<string, { at: number; listing: Promise<ModelListing[]> }>();

  constructor(
    private readonly client: ClickHouseClient,
    private readonly maxAgeMs = LISTING_MAX_AGE_MS,
  ) {}

  /** Every model of `project`, or only `model`. */
  get(project: string, model?: string): Promise<ModelListing[]> {
    const key = model === undefined ? project : `${project}\u0000${model}`;
    const hit = this.cache.get(key);
    if (hit && performance.now() - hit.at < this.maxAgeMs) return hit.listing;
    const entry = { at: performance.now(), listing: listModels(this.client, project, model === undefined ? undefined : [model]) };
    this.cache.delete(key);
    this.cache.set(key, entry);
    if (this.cache.size > MAX_LISTINGS) this.cache.delete(this.cache.keys().next().value!);
    // A failed read is not kept: the next request tries again.
    entry.listing.catch(() => this.cache.get(key) === entry && this.cache.delete(key));
    return entry.listing;
  }

  /**
   * `model` of `project` got new records: its listing and its project's are
   * read again. A read already in flight may predate the records, so it is
   * dropped too (its callers keep what they asked for; later ones re-read).
   */
  invalidate(project: string, model: string): void {
    this.cache.delete(project);
    this.cache.delete(`${project}\u0000${model}`);
  }
}

/**
 * Counts finalized from the summary's uniqExact states, kept while the
 * model's fingerprint (rows ever inserted, which every insert grows) is
 * unchanged: an unchanged model answers from one key lookup, a changed one
 * finalizes its states again. Exact either way; one per service process.
 */
export class FinalizedCounts {
  private readonly cache = new Map<string, { n: number; fingerprint: number }>();
  private readonly inflight = new Map<string, Promise<Map<ModelCountKind, ModelCounts>>>();

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
    if (stale.size === 0) return out;
    const fresh = await this.finalize(project, [...staleKinds].sort(), [...stale.values()]);
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

  /**
   * One finalization at a time per question: requests arriving while the same
   * models at the same fingerprints are being finalized (a dashboard's panels
   * opened together) wait for it rather than each reading every id again.
   */
  private finalize(project: string, kinds: ModelCountKind[], stale: ModelListing[]) {
    const question = JSON.stringify([project, kinds, stale.map((m) => [m.name, m.fingerprint])]);
    let running = this.inflight.get(question);
    if (!running) {
      running = countModels(this.client, project, kinds, stale.map((m) => m.name)).finally(() => this.inflight.delete(question));
      this.inflight.set(question, running);
    }
    return running;
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
  private byName?: Promise<Map<string, ModelListing>>;
  private readonly counted = new Map<ModelCountKind, Promise<Map<string, number>>>();
  private batch?: { kinds: Set<ModelCountKind>; result: Promise<Map<ModelCountKind, Map<string, number>>> };

  /** Every model of `project`, or only `model`. */
  constructor(
    private readonly listings: ModelListings,
    private readonly finalized: FinalizedCounts,
    readonly project: string,
    private readonly model?: string,
  ) {}

  listing(): Promise<ModelListing[]> {
    this.listed ??= this.listings.get(this.project, this.model);
    return this.listed;
  }

  /** One lookup per field of each model answered (a thousand models ask four thousand times). */
  async find(name: string): Promise<ModelListing | undefined> {
    this.byName ??= this.listing().then((listed) => new Map(listed.map((m) => [m.name, m])));
    return (await this.byName).get(name);
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
/**
 * The parent of a `Model` in resolvers: its name, and the request that reads
 * the rest when asked; a list (`models`) reads its items' listing and the
 * counts and field names its selection asks for up front and hands them
 * down as values, so a thousand items cost no per-field lookups.
 */
export interface ModelRef {
  name: string;
  request: ModelsRequest;
  listed?: ModelListing;
  counts?: Partial<Record<ModelCountKind, number>>;
  names?: FieldNames;
}

/** The count fields of `Model` and the kind each reads. */
export const COUNT_FIELDS: Readonly<Record<string, ModelCountKind>> = { predictionCount: 'predictions', labeledCount: 'labeled', feedbackCount: 'feedback' };
