import type { KV } from '@nats-io/kv';
import { isCompareAndSetConflict } from '@tideline/nats';

/** The NATS KV bucket of the fold leases: one key per model being folded, by any metrics process. */
export const FOLD_LEASES_BUCKET = 'tideline-metrics-fold-leases';
/** A lease's key expires this long after its holder last renewed it (a holder that died frees its models). */
export const FOLD_LEASE_TTL_MS = 120_000;

/** A lease taken: `plan` tells the other processes how many rows the fold will read; `release` gives the model back. */
export interface Lease {
  plan(rows: number): Promise<void>;
  release(): Promise<void>;
}

/** What a lease's key holds: who folds, and once known the rows the fold reads (for others deciding whether to wait). */
interface LeaseValue {
  holder: string;
  rows?: number;
}

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
    /** Who holds a lease (in the key's value): for an operator looking at the bucket. */
    private readonly holder: string,
    /** The bucket's TTL: a holder renews its leases four times in it while it folds. */
    private readonly ttlMs = FOLD_LEASE_TTL_MS,
  ) {}

  /** The model's lease, or null while another process holds it. */
  async take(project: string, model: string): Promise<Lease | null> {
    const key = leaseKey(project, model);
    const value: LeaseValue = { holder: this.holder };
    try {
      await this.kv.create(key, JSON.stringify(value));
    } catch (err) {
      if (isCompareAndSetConflict(err)) return null;
      throw err;
    }
    // Renewed with the value as it is then: the plan, once told, stays in the key.
    const write = () => this.kv.put(key, JSON.stringify(value));
    const renewal = setInterval(() => void write().catch(() => {}), this.ttlMs / 4);
    renewal.unref();
    this.held.set(key, renewal);
    return {
      plan: async (rows) => {
        value.rows = rows;
        await write();
      },
      release: () => this.release(key),
    };
  }

  /**
   * Another process's fold of the model: the rows it reads once it has
   * planned (undefined before); null when no lease is held (it ended).
   */
  async foldElsewhere(project: string, model: string): Promise<{ rows?: number } | null> {
    const entry = await this.kv.get(leaseKey(project, model));
    if (!entry || entry.operation !== 'PUT') return null;
    const { rows } = entry.json<LeaseValue>();
    return { rows };
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
