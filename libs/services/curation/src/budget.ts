import type { ClickHouseClient } from '@tideline/clickhouse';
import { ms, rows } from '@tideline/store';
import { REQUESTS_TABLE } from './picked-rows.ts';

const DAY_MS = 86_400_000;

export interface BudgetState {
  model: string;
  periodStart: Date;
  periodEnd: Date;
  granted: number;
  spent: number;
  remaining: number;
}

/**
 * The label budget ledger of each model: granted per period (setLabelBudget,
 * else CURATION_LABEL_BUDGET), spent as the rows its requests picked in the
 * period (the requests table is the ledger: nothing to keep in step).
 * Periods are fixed spans of `periodDays` counted from the epoch, so every
 * process agrees where one ends.
 */
export class LabelBudgets {
  constructor(
    private readonly client: ClickHouseClient,
    private readonly defaults: { labels: number; periodDays: number },
  ) {}

  period(now = Date.now()): { startMs: number; endMs: number } {
    const span = this.defaults.periodDays * DAY_MS;
    const startMs = Math.floor(now / span) * span;
    return { startMs, endMs: startMs + span };
  }

  async get(project: string, model: string, now = Date.now()): Promise<BudgetState> {
    const { startMs, endMs } = this.period(now);
    const [row] = await rows<{ granted: number | null; spent: string }>(
      this.client,
      `SELECT
         (SELECT argMax(labels_per_period, set_at) FROM curation_label_budgets WHERE project = {project:String} AND model = {model:String} HAVING count() > 0) AS granted,
         (SELECT sum(active_count + control_count) FROM ${REQUESTS_TABLE} WHERE project = {project:String} AND model = {model:String} AND created_at >= ${ms('start')}) AS spent`,
      { project, model, start: startMs },
    );
    const granted = row?.granted ?? this.defaults.labels;
    const spent = Number(row?.spent ?? 0);
    return { model, periodStart: new Date(startMs), periodEnd: new Date(endMs), granted, spent, remaining: Math.max(0, granted - spent) };
  }

  async set(project: string, model: string, labelsPerPeriod: number, actor: string | null): Promise<BudgetState> {
    await this.client.insert({
      table: 'curation_label_budgets',
      values: [{ project, model, labels_per_period: labelsPerPeriod, set_at: Date.now(), set_by: actor }],
      format: 'JSONEachRow',
    });
    return this.get(project, model);
  }
}
