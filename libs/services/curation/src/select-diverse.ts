import type { ClickHouseClient } from '@tideline/clickhouse';
import { PublicError } from '@tideline/graphql';
import { PREDICTIONS_TABLE, rows } from '@tideline/store';
import { seededRandom } from '@tideline/runtime';
import { dSquaredSampling, kCenterGreedy, standardize } from './diversity.ts';
import { CONTROL_RANKING, byRank, distinct, topPart, type CandidateSource, type Pick, type Ranking, type Selection } from './select.ts';

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

/**
 * DIVERSITY and HYBRID. One statement picks the pool, the control arm and
 * the anchors (the ids of earlier rows) and counts the candidates: top-N
 * sorts side by side, as for the other strategies. A second fetches the
 * numeric features of just those rows by id. Only they come to Node, where
 * k-center greedy (DIVERSITY) or D² sampling (HYBRID) picks the active arm.
 * The pool is at most CURATION_DIVERSITY_POOL rows, so memory stays bounded
 * whatever the window holds: (pool + anchors) × features (≤ 256) × 4 bytes.
 * (Carrying the features through the ranking instead took ten times as long
 * on 10M rows: every row's map went through the sort.)
 */
export async function selectDiverse(client: ClickHouseClient, source: CandidateSource, plan: DiversePlan): Promise<Selection> {
  const ranking: Ranking = plan.uncertainty
    ? { keySql: `-${plan.uncertainty.sql}`, salt: 'rank', scoreSql: `toFloat64(${plan.uncertainty.sql})`, reason: () => '' }
    : { keySql: '0', salt: 'pool', scoreSql: 'CAST(NULL AS Nullable(Float64))', reason: () => '' };
  const anchorRanking: Ranking = { keySql: '0', salt: 'anchor', scoreSql: 'CAST(NULL AS Nullable(Float64))', reason: () => '' };
  const found = await rows<{ arm: string; id: string; model_version: string; k: number; h: string; pick_score: number | null }>(
    client,
    `${topPart('P', source, ranking, 'poolK')}
     UNION ALL ${topPart('C', source, CONTROL_RANKING, 'controlK')}
     UNION ALL ${topPart('X', plan.anchors, anchorRanking, 'anchorK')}
     UNION ALL SELECT 'N' AS arm, '' AS id, '' AS model_version, toFloat64(count()) AS k, '' AS h, CAST(NULL AS Nullable(Float64)) AS pick_score FROM (${source.sql})`,
    { ...source.params, ...plan.anchors.params, seed: plan.seed, poolK: plan.poolSize + plan.controlN, controlK: plan.controlN, anchorK: MAX_ANCHORS },
  );
  const ranked = (arm: string) => found.filter((r) => r.arm === arm).sort(byRank);
  const taken = new Set<string>();
  const control: Pick[] = distinct(ranked('C'), plan.controlN, taken).map((r) => ({ id: r.id, modelVersion: r.model_version, arm: 'CONTROL', score: null, reason: `control arm: uniform random pick (seed ${plan.seed})` }));
  const pool = distinct(ranked('P'), plan.poolSize, taken);
  const anchorIds = ranked('X').map((r) => r.id);
  const features = await featuresOf(client, source, [...pool.map((p) => p.id), ...anchorIds]);
  const standardized = standardize(
    pool.map((p) => ({ features: features.get(`${p.id}\u0000${p.model_version}`) ?? {} })),
    anchorIds.map((id) => ({ features: features.get(id) ?? {} })),
  );
  if (pool.length > 0 && standardized.pool.names.length === 0) {
    throw new PublicError('STRATEGY_NOT_APPLICABLE', 'DIVERSITY and HYBRID measure distances over numeric features, and the candidates have none that vary', { field: 'input.strategy' });
  }
  const what = plan.uncertainty ? `the ${pool.length} most uncertain candidates` : `a random pool of ${pool.length} candidates`;
  // DIVERSITY covers the space (k-center greedy); HYBRID spreads over the uncertain pool by its mass (D² sampling), so lone outliers do not crowd out a dense uncertain region.
  const spread = plan.uncertainty
    ? dSquaredSampling(standardized.pool, standardized.anchors, plan.activeN, seededRandom(plan.seed), pool.map((p) => p.pick_score ?? 0))
    : kCenterGreedy(standardized.pool, standardized.anchors, plan.activeN);
  const method = plan.uncertainty ? 'D² sampling' : 'k-center greedy';
  const active = spread.map(({ index, distance }): Pick => {
    const { id, model_version: modelVersion, pick_score: uncertainty } = pool[index]!;
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
  return { candidates: found.find((r) => r.arm === 'N')?.k ?? 0, picks: [...active, ...control], allocation: [] };
}

/** Numeric features of the given prediction ids, by `<id>\0<model version>` and by id alone (anchors: any version). */
async function featuresOf(client: ClickHouseClient, source: CandidateSource, ids: string[]): Promise<Map<string, Record<string, number>>> {
  const found = ids.length
    ? await rows<{ id: string; model_version: string; features_num: Record<string, number> }>(
        client,
        `SELECT id, model_version, features_num FROM ${PREDICTIONS_TABLE} FINAL WHERE project = {project:String} AND model = {model:String} AND id IN {ids:Array(String)}`,
        { project: source.params.project, model: source.params.model, ids },
      )
    : [];
  const byKey = new Map<string, Record<string, number>>();
  for (const r of found) {
    byKey.set(`${r.id}\u0000${r.model_version}`, r.features_num);
    byKey.set(r.id, r.features_num);
  }
  return byKey;
}
