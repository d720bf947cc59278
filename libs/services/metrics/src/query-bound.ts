import { PublicError } from '@tideline/contracts';
import type { ClickHouseClient } from '@tideline/clickhouse';
import { remainingBudgetMs } from '@tideline/graphql';
import { Counter } from 'prom-client';

export const queryTimeouts = new Counter({
  name: 'tideline_metrics_query_timeouts_total',
  help: "Metrics queries ClickHouse stopped at their time bound (TIMEOUT_EXCEEDED), by the bound that applied: caller (the budget a service sent, e.g. a monitor's) or default (METRICS_QUERY_TIMEOUT_MS)",
  labelNames: ['bound'] as const,
});

/** ClickHouse's TIMEOUT_EXCEEDED: the engine itself stopped the query at max_execution_time. */
const TIMEOUT_EXCEEDED = '159';
/** An abort only drops a query still waiting for its turn (chDB runs one parameterized query at a time); a running one is stopped by the engine, so the abort waits a little longer. */
const ABORT_GRACE_MS = 1_000;

// A SETTINGS clause ending the statement: the bound joins it (a second SETTINGS clause would not parse).
const SETTING = String.raw`\w+\s*=\s*(?:'(?:[^'\\]|\\.)*'|[\w.]+)`;
const TRAILING_SETTINGS = new RegExp(String.raw`\bSETTINGS\s+${SETTING}(?:\s*,\s*${SETTING})*$`, 'i');
const SELECT_LIKE = /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*(?:\(|SELECT\b|WITH\b)/i;

/**
 * The statement with `max_execution_time` (seconds) in its own SETTINGS
 * clause. Not `clickhouse_settings`: with chDB those become a `SET` on the
 * process's one shared session, which would outlive the query and bound
 * every later statement of every service.
 */
export function withMaxExecutionTime(sql: string, seconds: number): string {
  const statement = sql.replace(/[\s;]+$/, '');
  const setting = `max_execution_time = ${seconds}`;
  return TRAILING_SETTINGS.test(statement) ? `${statement}, ${setting}` : `${statement}\nSETTINGS ${setting}`;
}

/**
 * The metrics service's ClickHouse client with every SELECT bounded in time:
 * by the budget the caller sent with the request (`x-tideline-time-budget-ms`,
 * what remains of it when the query starts) when it has one, else by
 * `defaultMs`. ClickHouse stops the query at the bound (the engine checks as
 * it reads, on a server and in chDB alike), so a caller that gave up does not
 * leave it burning a core; the caller gets QUERY_TIMEOUT. Other statements
 * (the reference windows' writes) pass as they are.
 */
export function boundedClient(client: ClickHouseClient, defaultMs: number): ClickHouseClient {
  const query: ClickHouseClient['query'] = async (params) => {
    if (!SELECT_LIKE.test(params.query)) return client.query(params);
    const budget = remainingBudgetMs();
    const bound = budget !== undefined && budget < defaultMs ? 'caller' : 'default';
    const ms = Math.max(1, Math.min(budget ?? defaultMs, defaultMs));
    const late = AbortSignal.timeout(ms + ABORT_GRACE_MS);
    try {
      return await client.query({
        ...params,
        query: withMaxExecutionTime(params.query, ms / 1000),
        abort_signal: params.abort_signal ? AbortSignal.any([params.abort_signal, late]) : late,
      } as typeof params);
    } catch (error) {
      const stopped = (error as { code?: unknown }).code === TIMEOUT_EXCEEDED;
      if (!stopped && !late.aborted) throw error;
      if (stopped) queryTimeouts.inc({ bound });
      const why = bound === 'caller' ? "the time the service that asked had left" : 'METRICS_QUERY_TIMEOUT_MS';
      throw new PublicError('QUERY_TIMEOUT', `the query did not finish within ${ms} ms (${why}); ClickHouse stopped it`, {}, { cause: error });
    }
  };
  return new Proxy(client, {
    get(target, property) {
      if (property === 'query') return query;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
