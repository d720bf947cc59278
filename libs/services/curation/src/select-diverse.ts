import type { ClickHouseClient } from '@tideline/clickhouse';
import { PublicError } from '@tideline/graphql';
import { rows } from '@tideline/store';
import { dSquaredSampling, kCenterGreedy, seededRandom, standardize } from './diversity.ts';
import type { CandidateSource, Pick, Selection } from './select.ts';

/** Rows labeled or queued before, most recent batches' coverage: k-center keeps new picks away from them. */
export const MAX_ANCHORS = 2000;

export interface DiversePlan {
  seed: number;
  activeN: number;
  controlN: number;
  /** Candidates brought into Node for k-center greedy. */
  poolSize: number;
  /** HYBRID: the pool is the most uncertain candidates (sort key and score SQL); DIVERSITY: a seeded uniform sample. */
  uncertainty: { sql: string; name: string } | null;
  /** Earlier rows (labeled, or queued by another request) as SQL yielding `id` and `features_num`. */
  anchors: CandidateSource;
}

type PoolEntry = [unknown, string, string, number | null, Record<string, number>];

/**
 * DIVERSITY and HYBRID. ClickHouse chooses the control arm and the pool in
 * one scan (bounded `groupArraySorted` aggregates, as for the other
 * strategies); only the pool's numeric features come to Node, where
 * k-center greedy (DIVERSITY) or D² sampling (HYBRID) picks the active arm. The pool is at most
 * CURATION_DIVERSITY_POOL rows, so memory stays bounded whatever the window
 * holds: pool × features (≤ 256) × 4 bytes.
 */
export async function selectDiverse(client: ClickHouseClient, source: CandidateSource, plan: DiversePlan): Promise<Selection> {
  const order = plan.uncertainty ? `(-${plan.uncertainty.sql}, cityHash64(id, {seed:Int64}))` : `cityHash64(id, {seed:Int64}, 'pool')`;
  const score = plan.uncertainty ? `toFloat64(${plan.uncertainty.sql})` : 'CAST(NULL AS Nullable(Float64))';
  const [[result], [anchorResult]] = await Promise.all([
    rows<{ candidates: string; control: PoolEntry[]; pool: PoolEntry[] }>(
      client,
      `SELECT count() AS candidates,
         groupArraySorted({controlK:UInt32})((cityHash64(id, {seed:Int64}, 'control'), id, model_version, CAST(NULL AS Nullable(Float64)), features_num)) AS control,
         groupArraySorted({poolK:UInt32})((${order}, id, model_version, ${score}, features_num)) AS pool
       FROM (${source.sql})`,
      { ...source.params, seed: plan.seed, controlK: Math.max(1, plan.controlN), poolK: plan.poolSize + plan.controlN },
    ),
    rows<{ anchors: [unknown, Record<string, number>][] }>(
      client,
      `SELECT groupArraySorted({anchorK:UInt32})((cityHash64(id, {seed:Int64}, 'anchor'), features_num)) AS anchors FROM (${plan.anchors.sql})`,
      { ...plan.anchors.params, seed: plan.seed, anchorK: MAX_ANCHORS },
    ),
  ]);
  const taken = new Set<string>();
  const control: Pick[] = [];
  for (const [, id, modelVersion] of result?.control ?? []) {
    if (control.length === plan.controlN || taken.has(id)) continue;
    taken.add(id);
    control.push({ id, modelVersion, arm: 'CONTROL', score: null, reason: `control arm: uniform random pick (seed ${plan.seed})` });
  }
  const pool: PoolEntry[] = [];
  for (const entry of result?.pool ?? []) {
    if (pool.length === plan.poolSize || taken.has(entry[1])) continue;
    taken.add(entry[1]);
    pool.push(entry);
  }
  const standardized = standardize(
    pool.map((e) => ({ features: e[4] })),
    (anchorResult?.anchors ?? []).map((a) => ({ features: a[1] })),
  );
  if (pool.length > 0 && standardized.pool.names.length === 0) {
    throw new PublicError('STRATEGY_NOT_APPLICABLE', 'DIVERSITY and HYBRID measure distances over numeric features, and the candidates have none that vary', { field: 'input.strategy' });
  }
  const what = plan.uncertainty ? `the ${pool.length} most uncertain candidates` : `a random pool of ${pool.length} candidates`;
  // DIVERSITY covers the space (k-center greedy); HYBRID spreads over the uncertain pool by its mass (D² sampling), so lone outliers do not crowd out a dense uncertain region.
  const spread = plan.uncertainty
    ? dSquaredSampling(standardized.pool, standardized.anchors, plan.activeN, seededRandom(plan.seed), pool.map((e) => e[3] ?? 0))
    : kCenterGreedy(standardized.pool, standardized.anchors, plan.activeN);
  const method = plan.uncertainty ? 'D² sampling' : 'k-center greedy';
  const active = spread.map(({ index, distance }): Pick => {
    const [, id, modelVersion, uncertainty] = pool[index]!;
    const far = Number.isFinite(distance) ? `${distance.toFixed(3)} from the nearest earlier pick or labeled row` : 'the first pick';
    const why = plan.uncertainty ? `${plan.uncertainty.name} ${(uncertainty ?? 0).toFixed(4)}, ` : '';
    return {
      id,
      modelVersion,
      arm: 'ACTIVE',
      score: plan.uncertainty ? uncertainty : Number.isFinite(distance) ? distance : null,
      reason: `${why}${method} over ${standardized.pool.names.length} standardized features among ${what}: ${far}`,
    };
  });
  return { candidates: Number(result?.candidates ?? 0), picks: [...active, ...control], allocation: [] };
}
