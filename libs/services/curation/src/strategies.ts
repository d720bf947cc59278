import type { ClickHouseClient } from '@tideline/clickhouse';
import type { Task } from '@tideline/contracts';
import { PublicError, badInput, type SubgraphClient } from '@tideline/graphql';
import { groupKeySql } from './inputs.ts';
import { randomRanking, selectByGroups, selectRanked, uncertaintyRanking, type CandidateSource, type Selection } from './select.ts';
import { selectDiverse } from './select-diverse.ts';
import { alertSlices, sliceWeights, type SliceWeightScope } from './slice-weights.ts';
import { UNCERTAINTY_STRATEGIES, describeUncertainty, uncertaintySql, type UncertaintyStrategy } from './uncertainty.ts';

export type LabelStrategy = 'RANDOM' | 'STRATIFIED' | 'LEAST_CONFIDENCE' | 'MARGIN' | 'ENTROPY' | 'DIVERSITY' | 'HYBRID' | 'SLICE_WEIGHTED';

/** What a strategy works from: the request's scope (as slice weighting reads it) and where its candidates are. */
export interface StrategyContext extends Omit<SliceWeightScope, 'field'> {
  client: ClickHouseClient;
  source: CandidateSource;
  /** Rows labeled or queued before in the window (DIVERSITY, HYBRID keep away from them). */
  anchors: CandidateSource;
  seed: number;
  activeN: number;
  controlN: number;
  stratifyBy: string | null;
  alerts: readonly string[] | null;
  poolMax: number;
  metrics: SubgraphClient;
  alertsService: SubgraphClient;
}

/** HYBRID's uncertainty pre-filter keeps this many candidates per active pick for k-center greedy to spread over. */
export const HYBRID_POOL_PER_PICK = 10;

/** Refuses a strategy that cannot apply to the model's task, or inputs it does not take, before any row is read. */
export function checkStrategy(strategy: LabelStrategy, task: Task, input: { stratifyBy?: string | null; alerts?: readonly string[] | null }): void {
  if (UNCERTAINTY_STRATEGIES.includes(strategy)) uncertaintySql(strategy as UncertaintyStrategy, task);
  if (strategy === 'HYBRID' || strategy === 'SLICE_WEIGHTED') {
    if (task === 'REGRESSION') throw new PublicError('STRATEGY_NOT_APPLICABLE', `${strategy} ranks rows by class probabilities; a REGRESSION model has none: use RANDOM, STRATIFIED or DIVERSITY`, { field: 'input.strategy' });
  }
  const grouped = strategy === 'STRATIFIED' || strategy === 'SLICE_WEIGHTED';
  if (strategy === 'STRATIFIED' && !input.stratifyBy) throw badInput('STRATIFIED needs stratifyBy: the field whose values are the strata (e.g. tags.country)', 'input.stratifyBy');
  if (strategy === 'SLICE_WEIGHTED' && !input.stratifyBy && !input.alerts?.length) throw badInput('SLICE_WEIGHTED needs stratifyBy (the field whose values are the slices) or alerts (firing alerts whose slices to favour)', 'input.stratifyBy');
  if (!grouped && input.stratifyBy) throw badInput(`stratifyBy applies to STRATIFIED and SLICE_WEIGHTED, not ${strategy}`, 'input.stratifyBy');
  if (strategy !== 'SLICE_WEIGHTED' && input.alerts?.length) throw badInput(`alerts applies to SLICE_WEIGHTED, not ${strategy}`, 'input.alerts');
}

/** Runs the strategy: the picks of both arms, and for group strategies how the budget was split. */
export async function runStrategy(strategy: LabelStrategy, ctx: StrategyContext): Promise<Selection> {
  const plan = { seed: ctx.seed, activeN: ctx.activeN, controlN: ctx.controlN };
  switch (strategy) {
    case 'RANDOM':
      return selectRanked(ctx.client, ctx.source, randomRanking(ctx.seed), plan);
    case 'LEAST_CONFIDENCE':
    case 'MARGIN':
    case 'ENTROPY': {
      const sql = uncertaintySql(strategy, ctx.task);
      return selectRanked(ctx.client, ctx.source, uncertaintyRanking(sql, (score) => describeUncertainty(strategy, score)), plan);
    }
    case 'STRATIFIED': {
      const key = await groupKeySql(ctx.client, ctx, ctx.stratifyBy!, 'stratum', 'input.stratifyBy');
      return selectByGroups(ctx.client, ctx.source, { ...key, field: ctx.stratifyBy!, describe: 'input.stratifyBy' }, randomRanking(ctx.seed), (groups) => groups.map(() => ({ weight: 1 })), plan);
    }
    case 'DIVERSITY':
      return selectDiverse(ctx.client, ctx.source, { ...plan, poolSize: ctx.poolMax, uncertainty: null, anchors: ctx.anchors });
    case 'HYBRID': {
      const poolSize = Math.min(ctx.poolMax, Math.max(ctx.activeN, HYBRID_POOL_PER_PICK * ctx.activeN));
      return selectDiverse(ctx.client, ctx.source, { ...plan, poolSize, uncertainty: { sql: uncertaintySql('MARGIN', ctx.task), name: 'margin uncertainty' }, anchors: ctx.anchors });
    }
    case 'SLICE_WEIGHTED': {
      const targets = ctx.alerts?.length ? await alertSlices(ctx.alertsService, ctx.project, ctx.model, ctx.alerts) : null;
      if (targets && ctx.stratifyBy && targets.field !== ctx.stratifyBy) throw badInput(`the alerts split by ${targets.field}, not ${ctx.stratifyBy}`, 'input.stratifyBy');
      const field = targets?.field ?? ctx.stratifyBy!;
      const describe = targets ? 'input.alerts' : 'input.stratifyBy';
      const key = await groupKeySql(ctx.client, ctx, field, 'slicefield', describe);
      const margin = uncertaintySql('MARGIN', ctx.task);
      return selectByGroups(
        ctx.client,
        ctx.source,
        { ...key, field, describe, estimateSql: uncertaintySql('LEAST_CONFIDENCE', ctx.task) },
        uncertaintyRanking(margin, (score) => describeUncertainty('MARGIN', score)),
        (groups) => sliceWeights(ctx.metrics, { ...ctx, field }, groups, targets?.values ?? null),
        plan,
      );
    }
    default:
      throw new PublicError('BAD_USER_INPUT', `unknown strategy ${String(strategy)}`, { field: 'input.strategy' });
  }
}
