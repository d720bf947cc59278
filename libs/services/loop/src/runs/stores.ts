import type { KV } from '@nats-io/kv';
import { bucketKeys, isCompareAndSetConflict, ProjectRecords } from '@tideline/nats';
import { fromToken, token } from '../decision/ledger.ts';
import type { Policy, TriggerKind } from './policy.ts';
import type { LoopRunRecord } from './run-types.ts';

/**
 * Changes one KV entry by compare-and-set on its revision (creating it when
 * absent), deciding again on the newer value when another writer got there
 * first. `change` returns null to leave the entry as it is; resolves to the
 * value as stored.
 */
async function changeEntry<T>(kv: KV, key: string, change: (current: T | null) => T | null): Promise<T | null> {
  for (let tries = 1; ; tries++) {
    const entry = await kv.get(key);
    const current = entry?.operation === 'PUT' ? entry.json<T>() : null;
    const next = change(current);
    if (next === null) return current;
    try {
      if (entry) await kv.update(key, JSON.stringify(next), entry.revision);
      else await kv.create(key, JSON.stringify(next));
      return next;
    } catch (err) {
      if (!isCompareAndSetConflict(err) && !(entry === null && /exists/i.test(String(err)))) throw err;
      if (tries >= 20) throw new Error(`${key}: 20 concurrent writes in a row`);
    }
  }
}

/** Loop runs, one KV entry each (`<project>.<run id>`). */
export class LoopRunStore extends ProjectRecords<LoopRunRecord> {
  constructor(kv: KV) {
    super(kv);
  }

  update(project: string, id: string, change: (run: LoopRunRecord) => LoopRunRecord | null): Promise<LoopRunRecord | null> {
    return changeEntry<LoopRunRecord>(this.kv, this.key(project, id), (run) => (run ? change(run) : null));
  }

  /** The model's runs, newest first. */
  async ofModel(project: string, model: string, first: number): Promise<LoopRunRecord[]> {
    return (await this.list(project)).filter((r) => r.model === model).reverse().slice(0, first);
  }
}

/** A trigger the loop saw and what it did with it. */
export interface TriggerRecord {
  kind: TriggerKind;
  detail: Record<string, unknown> | null;
  at: string;
  outcome: 'STARTED' | 'SKIPPED';
  reason: string | null;
  run: string | null;
}

/** What the loop keeps beside a policy: the run it drives, when runs started, the labels counted then, recent triggers. */
export interface PolicyState {
  activeRun: string | null;
  /** Start times of recent runs (the cool-down and the daily cap), newest last, at most 100. */
  starts: string[];
  /** The model's labeled count when the last run started (the new-labels trigger counts from it). */
  labeledAtLastRun: number | null;
  /** Newest first, at most 20. */
  lastTriggers: TriggerRecord[];
}

export interface PolicyRecord {
  project: string;
  policy: Policy;
  state: PolicyState;
}

export const EMPTY_STATE: PolicyState = { activeRun: null, starts: [], labeledAtLastRun: null, lastTriggers: [] };

/** Retraining policies and the loop's state for each, in KV (`<project>.<model token>`): model names may hold dots. */
export class PolicyStore {
  constructor(readonly kv: KV) {}

  private key = (project: string, model: string) => `${project}.${token(model)}`;

  async get(project: string, model: string): Promise<PolicyRecord | null> {
    const entry = await this.kv.get(this.key(project, model));
    return entry?.operation === 'PUT' ? entry.json<PolicyRecord>() : null;
  }

  /** Sets the policy, keeping the loop's state. */
  async set(project: string, policy: Policy): Promise<PolicyRecord> {
    return (await changeEntry<PolicyRecord>(this.kv, this.key(project, policy.model), (r) => ({ project, policy, state: r?.state ?? EMPTY_STATE })))!;
  }

  update(project: string, model: string, change: (record: PolicyRecord) => PolicyRecord | null): Promise<PolicyRecord | null> {
    return changeEntry<PolicyRecord>(this.kv, this.key(project, model), (r) => (r ? change(r) : null));
  }

  /** Every policy of every project: the trigger timer's round. */
  async all(): Promise<PolicyRecord[]> {
    const keys = await bucketKeys(this.kv);
    const records = await Promise.all(keys.map((k) => this.get(k.slice(0, k.lastIndexOf('.')), fromToken(k.slice(k.lastIndexOf('.') + 1)))));
    return records.filter((r): r is PolicyRecord => r !== null);
  }
}
