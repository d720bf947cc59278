import { PublicError } from '@tideline/contracts';
import { remainingBudgetMs, setting, type Setting } from '@tideline/runtime';
import { Counter } from 'prom-client';
import type { CommandParams, CommandResult } from '@clickhouse/client';
import type { ClickHouseClient } from './client.ts';

export const queryTimeouts = new Counter({
  name: 'tideline_clickhouse_query_timeouts_total',
  help: "Queries of user requests ClickHouse stopped at their time bound (TIMEOUT_EXCEEDED), by service and by the bound that applied: caller (the budget a service sent, e.g. a monitor's) or default (the service's setting)",
  labelNames: ['service', 'bound'] as const,
});

/** A service's bound on one query of a request (`max_execution_time`), 60 s unless set; `whose` names the queries in the setting's doc. */
export function queryTimeoutSetting(env: string, whose: string): Setting<number> {
  return setting.int({
    env,
    doc: `longest one query of ${whose} may run in ClickHouse (its \`max_execution_time\`); past it ClickHouse stops it and the request fails with QUERY_TIMEOUT. A service that asks with a shorter budget bounds the queries by what is left of it (default 60000)`,
    default: 60_000,
    min: 100,
  });
}

/**
 * The time bound of the queries the evaluation store and curation run for
 * requests; one setting for both: their reads are of one kind (rows of the
 * store's tables), and a deployment that wants them apart runs them in
 * separate processes, each with its own environment. Metrics keeps
 * `METRICS_QUERY_TIMEOUT_MS`: its aggregations are the heavy queries and the
 * alerts evaluator's budgets are tuned against it.
 */
export const clickhouseQueryTimeoutSetting = queryTimeoutSetting('CLICKHOUSE_QUERY_TIMEOUT_MS', 'a request');

/** Whose queries a bounded client runs, and the bound it applies when the caller sent no shorter one. */
export interface QueryBound {
  /** The service, a label of `tideline_clickhouse_query_timeouts_total`. */
  service: string;
  /** The setting the default bound comes from, named in the QUERY_TIMEOUT answer. */
  setting: Pick<Setting<number>, 'env'>;
  defaultMs: number;
}

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
  const bound = `max_execution_time = ${seconds}`;
  return TRAILING_SETTINGS.test(statement) ? `${statement}, ${bound}` : `${statement}\nSETTINGS ${bound}`;
}

/** The bound of a statement starting now: what remains of the caller's budget when that is shorter, else `defaultMs`. */
function boundNow(defaultMs: number): { ms: number; bound: 'caller' | 'default' } {
  const budget = remainingBudgetMs();
  return { bound: budget !== undefined && budget < defaultMs ? 'caller' : 'default', ms: Math.max(1, Math.min(budget ?? defaultMs, defaultMs)) };
}

/**
 * Runs one statement with its bound in its SETTINGS clause; a statement
 * ClickHouse stopped there (or one the client gave up on a little after)
 * fails with QUERY_TIMEOUT naming what bounded it, and is counted.
 */
async function runBounded<T>(run: (query: string, abort: AbortSignal) => Promise<T>, params: { query: string; abort_signal?: AbortSignal }, { service, setting: boundSetting, defaultMs }: QueryBound): Promise<T> {
  const { ms, bound } = boundNow(defaultMs);
  const late = AbortSignal.timeout(ms + ABORT_GRACE_MS);
  try {
    return await run(withMaxExecutionTime(params.query, ms / 1000), params.abort_signal ? AbortSignal.any([params.abort_signal, late]) : late);
  } catch (error) {
    const stopped = (error as { code?: unknown }).code === TIMEOUT_EXCEEDED;
    if (!stopped && !late.aborted) throw error;
    if (stopped) queryTimeouts.inc({ service, bound });
    const why = bound === 'caller' ? 'the time the service that asked had left' : boundSetting.env;
    throw new PublicError('QUERY_TIMEOUT', `the query did not finish within ${ms} ms (${why}); ClickHouse stopped it`, {}, { cause: error });
  }
}

/**
 * A statement other than a SELECT that reads as much as one (an INSERT …
 * SELECT), bounded as `boundedClient` bounds a SELECT: its own bound (or the
 * caller's shorter budget) in its SETTINGS clause, QUERY_TIMEOUT naming the
 * setting, the timeout counted. What it wrote before ClickHouse stopped it
 * stays (an INSERT commits block by block): the caller removes it.
 */
export function boundedCommand(client: ClickHouseClient, params: CommandParams, bound: QueryBound): Promise<CommandResult> {
  return runBounded((query, abort_signal) => client.command({ ...params, query, abort_signal }), params, bound);
}

/**
 * A service's ClickHouse client with every SELECT bounded in time:
 * by the budget the caller sent with the request (`x-tideline-time-budget-ms`,
 * what remains of it when the query starts) when it has one, else by
 * `defaultMs`. ClickHouse stops the query at the bound (the engine checks as
 * it reads, on a server and in chDB alike), so a caller that gave up does not
 * leave it burning a core; the caller gets QUERY_TIMEOUT. Other statements
 * (inserts, commands, `exec`) pass as they are: give it only to the code
 * that answers requests, never to writers or migrations; a statement of a
 * request that reads much (an INSERT … SELECT) goes through `boundedCommand`.
 */
export function boundedClient(client: ClickHouseClient, bound: QueryBound): ClickHouseClient {
  const query: ClickHouseClient['query'] = (params) => {
    if (!SELECT_LIKE.test(params.query)) return client.query(params);
    return runBounded((sql, abort_signal) => client.query({ ...params, query: sql, abort_signal } as typeof params), params, bound);
  };
  return new Proxy(client, {
    get(target, property) {
      if (property === 'query') return query;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
