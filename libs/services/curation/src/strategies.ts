import type { ClickHouseClient } from '@tideline/clickhouse';
import type { Task } from '@tideline/contracts';
import { PublicError, badInput } from '@tideline/graphql';
import { groupKeySql } from './inputs.ts';
import { randomRanking, selectByGroups, selectRanked, uncertaintyRanking, type CandidateSource, type Selection } from './select.ts';
import { UNCERTAINTY_STRATEGIES, describeUncertainty, uncertaintySql, type UncertaintyStrategy } from './uncertainty.ts';

export type LabelStrategy = 'RANDOM' | 'STRATIFIED' | 'LEAST_CONFIDENCE' | 'MARGIN' | 'ENTROPY';

export interface StrategyContext {
  client: ClickHouseClient;
  project: string;
  model: string;
  task: Task;
  source: CandidateSource;
  seed: number;
  activeN: number;
  controlN: number;
  stratifyBy: string | null;
}

/** Refuses a strategy that cannot apply to the model's task before any row is read. */
export function checkStrategy(strategy: LabelStrategy, task: Task, input: { stratifyBy?: string | null }): void {
  if (UNCERTAINTY_STRATEGIES.includes(strategy)) uncertaintySql(strategy as UncertaintyStrategy, task);
  if (strategy === 'STRATIFIED' && !input.stratifyBy) throw badInput('STRATIFIED needs stratifyBy: the field whose values are the strata (e.g. tags.country)', 'input.stratifyBy');
  if (strategy !== 'STRATIFIED' && input.stratifyBy) throw badInput(`stratifyBy applies to STRATIFIED only, not ${strategy}`, 'input.stratifyBy');
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
      return selectByGroups(ctx.client, ctx.source, { ...key, field: ctx.stratifyBy!, describe: 'input.stratifyBy' }, randomRanking(ctx.seed), (groups) => groups.map(() => 1), plan);
    }
    default:
      throw new PublicError('BAD_USER_INPUT', `unknown strategy ${String(strategy)}`, { field: 'input.strategy' });
  }
}
