import type { ClickHouseClient } from '@tideline/clickhouse';
import { PublicError } from '@tideline/graphql';
import { rows, type Params } from '@tideline/store';
import { allocate } from './allocation.ts';

export type Arm = 'ACTIVE' | 'CONTROL';

export interface Pick {
  id: string;
  modelVersion: string;
  arm: Arm;
  /** The strategy's uncertainty (higher: less sure); null for random picks. */
  score: number | null;
  reason: string;
}

export interface AllocationEntry {
  value: string | null;
  candidates: number;
  /** Weight the split followed (STRATIFIED: 1 each). */
  weight: number;
  picked: number;
}

export interface Selection {
  candidates: number;
  picks: Pick[];
  allocation: AllocationEntry[];
}

/** The unlabeled, not yet queued rows a request chooses from, as SQL over the store's row source. */
export interface CandidateSource {
  sql: string;
  params: Params;
}

/** How the active arm orders rows: SQL for a sort key (ascending: best first) and for the score reported. */
export interface Ranking {
  orderSql: string;
  scoreSql: string;
  reason(score: number | null): string;
}

export const randomRanking = (seed: number): Ranking => ({
  orderSql: `cityHash64(id, {seed:Int64}, 'active')`,
  scoreSql: 'CAST(NULL AS Nullable(Float64))',
  reason: () => `uniform random pick (seed ${seed})`,
});

export const uncertaintyRanking = (uncertaintySql: string, reason: (score: number) => string): Ranking => ({
  orderSql: `(-${uncertaintySql}, cityHash64(id, {seed:Int64}))`,
  scoreSql: `toFloat64(${uncertaintySql})`,
  reason: (score) => reason(score ?? 0),
});

type Entry = [unknown, string, string, number | null];

/** The first `n` entries with ids not seen yet (a model with shadow traffic has several rows per id). */
function distinct(entries: readonly Entry[], n: number, taken: Set<string>): Entry[] {
  const out: Entry[] = [];
  for (const entry of entries) {
    if (out.length === n) break;
    if (taken.has(entry[1])) continue;
    taken.add(entry[1]);
    out.push(entry);
  }
  return out;
}

const MAX_ROUNDS = 4;

/**
 * One scan of the candidates picks both arms: the control arm as the
 * `controlN` rows first in a seeded hash order (a uniform sample of every
 * candidate, the active arm's favourites included), the active arm as the
 * rows first in the ranking's order, control picks removed. Each arm is a
 * bounded `groupArraySorted` in ClickHouse; only the picks reach Node.
 */
export async function selectRanked(client: ClickHouseClient, source: CandidateSource, ranking: Ranking, plan: { seed: number; activeN: number; controlN: number }): Promise<Selection> {
  let factor = 2;
  for (let round = 1; ; round++) {
    const [result] = await rows<{ candidates: string; control: Entry[]; active: Entry[] }>(
      client,
      `SELECT count() AS candidates,
         groupArraySorted({controlK:UInt32})((cityHash64(id, {seed:Int64}, 'control'), id, model_version, CAST(NULL AS Nullable(Float64)))) AS control,
         groupArraySorted({activeK:UInt32})((${ranking.orderSql}, id, model_version, ${ranking.scoreSql})) AS active
       FROM (${source.sql})`,
      // groupArraySorted needs N ≥ 1: an arm of 0 rows asks for 1 and takes none.
      { ...source.params, seed: plan.seed, controlK: Math.max(1, plan.controlN * factor), activeK: Math.max(1, (plan.activeN + plan.controlN) * factor) },
    );
    const candidates = Number(result?.candidates ?? 0);
    const taken = new Set<string>();
    const control = distinct(result?.control ?? [], plan.controlN, taken);
    const active = distinct(result?.active ?? [], plan.activeN, taken);
    const short = (control.length < plan.controlN && (result?.control.length ?? 0) === plan.controlN * factor) || (active.length < plan.activeN && (result?.active.length ?? 0) === (plan.activeN + plan.controlN) * factor);
    if (short && round < MAX_ROUNDS) {
      factor *= 4; // duplicates of ids crowded the lists: look further
      continue;
    }
    return {
      candidates,
      allocation: [],
      picks: [
        ...active.map((e): Pick => ({ id: e[1], modelVersion: e[2], arm: 'ACTIVE', score: e[3], reason: ranking.reason(e[3]) })),
        ...control.map((e): Pick => controlPick(e[1], e[2], plan.seed)),
      ],
    };
  }
}

const controlPick = (id: string, modelVersion: string, seed: number): Pick => ({ id, modelVersion, arm: 'CONTROL', score: null, reason: `control arm: uniform random pick (seed ${seed})` });

const MAX_GROUPS = 1000;

export interface GroupCandidates {
  value: string | null;
  candidates: number;
  /** Mean of the group's `estimateSql` over its candidates, when asked for. */
  estimate: number | null;
}

export interface GroupWeight {
  weight: number;
  /** Why the group weighs what it does, for the picks' reasons. */
  note?: string;
}
/** Group keys travel as one String: 'N' for rows without a value, 'V<value>' otherwise. */
const keyOf = (sql: string) => `if(isNull(${sql}), 'N', concat('V', assumeNotNull(${sql})))`;
const valueOfKey = (key: string) => (key === 'N' ? null : key.slice(1));

/**
 * The active arm split over groups (the values of a field): `weights` gives
 * each group's weight from its value and candidate count, `allocate` the
 * quotas, and one window-function pass takes each group's first rows in the
 * ranking's order. The control arm is a uniform sample of all candidates, as
 * for every strategy, taken first.
 */
export async function selectByGroups(
  client: ClickHouseClient,
  source: CandidateSource,
  group: { sql: string; params: Params; field: string; describe: string; estimateSql?: string },
  ranking: Ranking,
  weights: (groups: GroupCandidates[]) => Promise<GroupWeight[]> | GroupWeight[],
  plan: { seed: number; activeN: number; controlN: number },
): Promise<Selection> {
  const base = await selectRanked(client, source, randomRanking(plan.seed), { seed: plan.seed, activeN: 0, controlN: plan.controlN });
  const control = base.picks;
  const params = { ...source.params, ...group.params, seed: plan.seed, control: control.map((p) => p.id) };
  const rest = `SELECT *, ${keyOf(group.sql)} AS group_key FROM (${source.sql}) WHERE id NOT IN {control:Array(String)}`;
  const counts = await rows<{ group_key: string; n: string; estimate: number | null }>(
    client,
    `SELECT group_key, count() AS n, ${group.estimateSql ? `avg(${group.estimateSql})` : 'NULL'} AS estimate
     FROM (${rest}) GROUP BY group_key ORDER BY n DESC, group_key LIMIT ${MAX_GROUPS + 1}`,
    params,
  );
  if (counts.length > MAX_GROUPS) throw new PublicError('TOO_MANY_GROUPS', `${group.field} has more than ${MAX_GROUPS} values among the candidates; choose a coarser field`, { field: group.describe });
  const groups = counts.map((c) => ({ key: c.group_key, value: valueOfKey(c.group_key), candidates: Number(c.n), estimate: c.estimate }));
  const groupWeights = await weights(groups);
  const quotas = allocate(groups.map((g) => g.candidates), groupWeights.map((w) => w.weight), plan.activeN);
  const picked = await rows<{ id: string; model_version: string; group_key: string; score: number | null }>(
    client,
    `SELECT id, model_version, group_key, score FROM (
       SELECT id, model_version, group_key, ${ranking.scoreSql} AS score,
         row_number() OVER (PARTITION BY group_key ORDER BY ${ranking.orderSql}) AS rn
       FROM (${rest}) WHERE group_key IN {keys:Array(String)})
     WHERE rn <= {quotas:Map(String, UInt32)}[group_key]`,
    { ...params, keys: groups.filter((_, i) => quotas[i]! > 0).map((g) => g.key), quotas: Object.fromEntries(groups.map((g, i) => [g.key, quotas[i]!])) },
  );
  const taken = new Set(control.map((p) => p.id));
  const byKey = new Map(groups.map((g, i) => [g.key, { g, quota: quotas[i]!, note: groupWeights[i]!.note }]));
  const active: Pick[] = [];
  const count = new Map<string, number>();
  for (const row of picked) {
    if (taken.has(row.id)) continue;
    taken.add(row.id);
    count.set(row.group_key, (count.get(row.group_key) ?? 0) + 1);
    const { g, quota, note } = byKey.get(row.group_key)!;
    const where = `${group.field} = ${g.value ?? '(none)'}${note ? ` (${note})` : ''}: ${quota} of its ${g.candidates} candidates`;
    active.push({ id: row.id, modelVersion: row.model_version, arm: 'ACTIVE', score: row.score, reason: `${where}; ${ranking.reason(row.score)}` });
  }
  return {
    candidates: base.candidates,
    picks: [...active, ...control],
    allocation: groups.map((g, i) => ({ value: g.value, candidates: g.candidates, weight: groupWeights[i]!.weight, picked: count.get(g.key) ?? 0 })),
  };
}
