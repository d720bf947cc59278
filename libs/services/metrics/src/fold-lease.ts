import type { KV } from '@nats-io/kv';
import { isCompareAndSetConflict } from '@tideline/nats';

/** The NATS KV bucket of the fold leases: one key per model being folded, by any metrics process. */
export const FOLD_LEASES_BUCKET = 'tideline-metrics-fold-leases';
/** A lease's key expires this long after its holder last renewed it (a holder that died frees its models). */
export const FOLD_LEASE_TTL_MS = 120_000;

/** Releases a lease taken. */
export type Release = () => Promise<void>;

/**
 * One fold of a model at a time across the metrics processes sharing a
 * NATS: a fold first creates the model's key (refused while another
 * process's lease lives), renews it while it runs, and deletes it at its
 * end. Folds are exact whoever runs them (each writes a complete version,
 * the latest is read); the lease saves the replicas from each folding the
 * same hours, which at 10M rows costs 20–35 s of both cores.
 */
export class FoldLeases {
  /** The leases this process holds, by key: their renewal timers. */
  private readonly held = new Map<string, ReturnType<typeof setInterval>>();

  constructor(
    private readonly kv: KV,
    /** Who holds a lease (the key's value): for an operator looking at the bucket. */
    private readonly holder: string,
    /** The bucket's TTL: a holder renews its leases four times in it while it folds. */
    private readonly ttlMs = FOLD_LEASE_TTL_MS,
  ) {}

  /** The model's lease, or null while another process holds it. */
  async take(project: string, model: string): Promise<Release | null> {
    const key = leaseKey(project, model);
    try {
      await this.kv.create(key, this.holder);
    } catch (err) {
      if (isCompareAndSetConflict(err)) return null;
      throw err;
    }
    const renewal = setInterval(() => void this.kv.put(key, this.holder).catch(() => {}), this.ttlMs / 4);
    renewal.unref();
    this.held.set(key, renewal);
    return () => this.release(key);
  }

  /** Gives back every lease held (a process stopping: its folds end with it, others may fold those models at once). */
  async releaseAll(): Promise<void> {
    await Promise.all([...this.held.keys()].map((key) => this.release(key)));
  }

  private async release(key: string): Promise<void> {
    const renewal = this.held.get(key);
    if (!renewal) return;
    clearInterval(renewal);
    this.held.delete(key);
    await this.kv.delete(key);
  }
}

// A KV key takes letters, digits and - _ = . /; a model name may hold any other character.
export const leaseKey = (project: string, model: string) => `${Buffer.from(project).toString('base64url')}.${Buffer.from(model).toString('base64url')}`;
