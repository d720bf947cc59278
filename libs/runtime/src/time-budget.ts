import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage } from 'node:http';

/**
 * The time a caller still gives a subgraph request, in milliseconds: set by a
 * service that works to a budget (the alerts evaluator), never by the gateway
 * for users. A header rather than a GraphQL argument or extension: it is
 * transport metadata like `x-request-id`, no schema shows it, and it is read
 * before the body is parsed. It is not covered by the signature, which is
 * harmless: it can only shorten a request's time, never lengthen it (a
 * service applies the shorter of it and its own bound).
 */
export const TIME_BUDGET_HEADER = 'x-tideline-time-budget-ms';

const WELL_FORMED = /^\d{1,9}$/;
/** The deadline (epoch ms) of the request being served, when its caller gave one. */
const scope = new AsyncLocalStorage<number | undefined>();

/** The deadline a request's budget header sets, counted from its arrival; undefined without a (well-formed) one. */
export function deadlineOf(req: IncomingMessage, arrivedAt: number): number | undefined {
  const given = req.headers[TIME_BUDGET_HEADER];
  return typeof given === 'string' && WELL_FORMED.test(given) ? arrivedAt + Number(given) : undefined;
}

/** Runs `serve` under a request's deadline: `remainingBudgetMs` reads it anywhere in its handling. */
export const withDeadline = <T>(deadline: number | undefined, serve: () => T): T => scope.run(deadline, serve);

/** Milliseconds left of the budget of the request being served (0 when spent); undefined when it has none. */
export function remainingBudgetMs(now = Date.now()): number | undefined {
  const deadline = scope.getStore();
  return deadline === undefined ? undefined : Math.max(0, deadline - now);
}
