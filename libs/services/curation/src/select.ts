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

/**
 * How the active arm orders rows: best first by `keySql` (a Float64, lower
 * first), ties broken by a seeded hash salted with `salt` (a constant of the
 * code, never input), and the score reported with each pick.
 */
export interface Ranking {
  keySql: string;
  salt: string;
  scoreSql: string;
  reason(score: number | null): string;
}

export const randomRanking = (seed: number): Ranking => ({
  keySql: '0',
  salt: 'active',
  scoreSql: 'CAST(NULL AS Nullable(Float64))',
  reason: () => `uniform random pick (seed ${seed})`,
});

export const uncertaintyRanking = (uncertaintySql: string, reason: (score: number) => string): Ranking => ({
  keySql: `-${uncertaintySql}`,
  salt: 'rank',
  scoreSql: `toFloat64(${uncertaintySql})`,
  reason: (score) => reason(score ?? 0),
});

/** The control arm's order: a seeded hash, uniform over the candidates. */
export const CONTROL_RANKING: Ranking = { keySql: '0', salt: 'control', scoreSql: 'CAST(NULL AS Nullable(Float64))', reason: () => '' };
const hashSql = (r: Ranking) => `cityHash64(id, {seed:Int64}, '${r.salt}')`;
/** SQL ordering by the ranking: its key, then its hash. */
export const orderSql = (r: Ranking) => `toFloat64(${r.keySql}), ${hashSql(r)}`;

interface RankedRow {
  arm: string;
  id: string;
  model_version: string;
  k: number;
  /** The tie-breaking hash, as text: a UInt64 does not fit a JSON number. */
  h: string;
  pick_score: number | null;
}

// `pick_score`, not `score`: an alias named like a column would take its place inside the ranking's own expressions.
/** The first `limit` candidates in a ranking's order, as one part of a UNION ALL (each part sorted and cut by ClickHouse's top-N sort). */
export const topPart = (arm: string, source: CandidateSource, r: Ranking, limitParam: string, extra = '') =>
  `SELECT * FROM (SELECT '${arm}' AS arm, id, model_version, toFloat64(${r.keySql}) AS k, toString(${hashSql(r)}) AS h, ${r.scoreSql} AS pick_score${extra}
     FROM (${source.sql}) ORDER BY ${orderSql(r)} LIMIT {${limitParam}:UInt32})`;

export const byRank = (a: RankedRow, b: RankedRow) => a.k - b.k || (BigInt(a.h) < BigInt(b.h) ? -1 : BigInt(a.h) > BigInt(b.h) ? 1 : 0);

/** The first `n` rows with ids not taken yet (a model with shadow traffic has several rows per id). */
export function distinct<T extends { id: string }>(entries: readonly T[], n: number, taken: Set<string>): T[] {
  const out: T[] = [];
  for (const entry of entries) {
    if (out.length === n) break;
    if (taken.has(entry.id)) continue;
    taken.add(entry.id);
    out.push(entry);
  }
  return out;
}

const MAX_ROUNDS = 4;

/**
 * One statement picks both arms and counts the candidates: a UNION ALL of
 * two top-N sorts, which ClickHouse runs side by side over the candidates.
 * The control arm is the `controlN` rows first in a seeded hash order (a
 * uniform sample of every candidate, the active arm's favourites included);
 * the active arm is the rows first in the ranking's order, control picks
 * removed. Only the picks reach Node. (Bounded `groupArraySorted`
 * aggregates did the same in one pass but took twice as long on 10M rows.)
 */
export async function selectRanked(client: ClickHouseClient, source: CandidateSource, ranking: Ranking, plan: { seed: number; activeN: number; controlN: number }): Promise<Selection> {
  let factor = 2;
  for (let round = 1; ; round++) {
    const activeK = (plan.activeN + plan.controlN) * factor;
    const controlK = plan.controlN * factor;
    const found = await rows<RankedRow>(
      client,
      `${topPart('A', source, ranking, 'activeK')}
       UNION ALL ${topPart('C', source, CONTROL_RANKING, 'controlK')}
       UNION ALL SELECT 'N' AS arm, '' AS id, '' AS model_version, toFloat64(count()) AS k, '' AS h, CAST(NULL AS Nullable(Float64)) AS pick_score FROM (${source.sql})`,
      { ...source.params, seed: plan.seed, activeK, controlK },
    );
    const candidates = found.find((r) => r.arm === 'N')?.k ?? 0;
    const ranked = (arm: string) => found.filter((r) => r.arm === arm).sort(byRank);
    const taken = new Set<string>();
    const controlRows = ranked('C');
    const activeRows = ranked('A');
    const control = distinct(controlRows, plan.controlN, taken);
    const active = distinct(activeRows, plan.activeN, taken);
    const short = (control.length < plan.controlN && controlRows.length === controlK) || (active.length < plan.activeN && activeRows.length === activeK);
    if (short && round < MAX_ROUNDS) {
      factor *= 4; // duplicates of ids crowded the lists: look further
      continue;
    }
    return {
      candidates,
      allocation: [],
      picks: [
        ...active.map((r): Pick => ({ id: r.id, modelVersion: r.model_version, arm: 'ACTIVE', score: r.pick_score, reason: ranking.reason(r.pick_score) })),
        ...control.map((r): Pick => controlPick(r.id, r.model_version, plan.seed)),
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

/** Past this many entries (Σ over groups of min(candidates, largest quota)) the per-group top lists give way to a window function. */
const MAX_GROUP_ENTRIES = 1_000_000;

/**
 * The active arm split over groups (the values of a field): `weights` gives
 * each group's weight from its value, candidates and estimate, `allocate`
 * the quotas, and a second statement takes each group's first rows in the
 * ranking's order. The control arm is a uniform sample of all candidates,
 * as for every strategy; the first statement picks it and counts each
 * group's candidates side by side (UNION ALL). Each group's top list is a
 * bounded `groupArraySorted` of the largest quota; when the groups could
 * hold more than MAX_GROUP_ENTRIES rows that way, one window-function pass
 * (a sort of the candidates by group) takes exactly each group's quota.
 */
export async function selectByGroups(
  client: ClickHouseClient,
  source: CandidateSource,
  group: { sql: string; params: Params; field: string; describe: string; estimateSql?: string },
  ranking: Ranking,
  weights: (groups: GroupCandidates[]) => Promise<GroupWeight[]> | GroupWeight[],
  plan: { seed: number; activeN: number; controlN: number },
): Promise<Selection> {
  const keyed: CandidateSource = { sql: `SELECT *, ${keyOf(group.sql)} AS group_key FROM (${source.sql})`, params: { ...source.params, ...group.params } };
  const params = { ...keyed.params, seed: plan.seed, controlK: plan.controlN * 2 };
  const first = await rows<RankedRow & { group_key: string; n: string; estimate: number | null }>(
    client,
    `${topPart('C', keyed, CONTROL_RANKING, 'controlK', ', group_key, 0 AS n, CAST(NULL AS Nullable(Float64)) AS estimate')}
     UNION ALL SELECT * FROM (
       SELECT 'G' AS arm, '' AS id, '' AS model_version, toFloat64(0) AS k, '' AS h, CAST(NULL AS Nullable(Float64)) AS pick_score, group_key, count() AS n,
         ${group.estimateSql ? `toNullable(avg(${group.estimateSql}))` : 'CAST(NULL AS Nullable(Float64))'} AS estimate
       FROM (${keyed.sql}) GROUP BY group_key ORDER BY n DESC, group_key LIMIT ${MAX_GROUPS + 1})`,
    params,
  );
  const counted = first.filter((r) => r.arm === 'G');
  if (counted.length > MAX_GROUPS) throw new PublicError('TOO_MANY_GROUPS', `${group.field} has more than ${MAX_GROUPS} values among the candidates; choose a coarser field`, { field: group.describe });
  const taken = new Set<string>();
  const control = distinct(first.filter((r) => r.arm === 'C').sort(byRank), plan.controlN, taken);
  const inControl = new Map<string, number>();
  for (const c of control) inControl.set(c.group_key, (inControl.get(c.group_key) ?? 0) + 1);
  const groups = counted.map((c) => ({ key: c.group_key, value: valueOfKey(c.group_key), candidates: Number(c.n) - (inControl.get(c.group_key) ?? 0), estimate: c.estimate }));
  const groupWeights = await weights(groups);
  const quotas = allocate(groups.map((g) => g.candidates), groupWeights.map((w) => w.weight), plan.activeN);
  const largest = Math.max(0, ...quotas);
  const open = groups.filter((_, i) => quotas[i]! > 0);
  const rest = `SELECT * FROM (${keyed.sql}) WHERE id NOT IN {control:Array(String)} AND group_key IN {keys:Array(String)}`;
  const restParams = { ...params, control: control.map((c) => c.id), keys: open.map((g) => g.key), quotas: Object.fromEntries(groups.map((g, i) => [g.key, quotas[i]!])), largest };
  const entries = open.reduce((sum, g) => sum + Math.min(g.candidates, largest), 0);
  const picked =
    open.length === 0
      ? []
      : entries <= MAX_GROUP_ENTRIES
        ? (
            await rows<{ group_key: string; top: [number, string, string, string, number | null][] }>(
              client,
              `SELECT group_key, groupArraySorted({largest:UInt32})((toFloat64(${ranking.keySql}), ${hashSql(ranking)}, id, model_version, ${ranking.scoreSql})) AS top
               FROM (${rest}) GROUP BY group_key`,
              restParams,
            )
          ).flatMap((g) => g.top.slice(0, restParams.quotas[g.group_key]).map(([, , id, model_version, pick_score]) => ({ id, model_version, group_key: g.group_key, pick_score })))
        : await rows<{ id: string; model_version: string; group_key: string; pick_score: number | null }>(
            client,
            `SELECT id, model_version, group_key, pick_score FROM (
               SELECT id, model_version, group_key, ${ranking.scoreSql} AS pick_score, row_number() OVER (PARTITION BY group_key ORDER BY ${orderSql(ranking)}) AS rn FROM (${rest}))
             WHERE rn <= {quotas:Map(String, UInt32)}[group_key]`,
            restParams,
          );
  const byKey = new Map(groups.map((g, i) => [g.key, { g, quota: quotas[i]!, note: groupWeights[i]!.note }]));
  const active: Pick[] = [];
  const count = new Map<string, number>();
  for (const row of picked) {
    if (taken.has(row.id)) continue;
    taken.add(row.id);
    count.set(row.group_key, (count.get(row.group_key) ?? 0) + 1);
    const { g, quota, note } = byKey.get(row.group_key)!;
    const where = `${group.field} = ${g.value ?? '(none)'}${note ? ` (${note})` : ''}: ${quota} of its ${g.candidates} candidates`;
    active.push({ id: row.id, modelVersion: row.model_version, arm: 'ACTIVE', score: row.pick_score, reason: `${where}; ${ranking.reason(row.pick_score)}` });
  }
  return {
    candidates: counted.reduce((sum, c) => sum + Number(c.n), 0),
    picks: [...active, ...control.map((c) => controlPick(c.id, c.model_version, plan.seed))],
    allocation: groups.map((g, i) => ({ value: g.value, candidates: g.candidates, weight: groupWeights[i]!.weight, picked: count.get(g.key) ?? 0 })),
  };
}
