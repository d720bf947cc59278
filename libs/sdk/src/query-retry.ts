import { TidelineError } from './errors.ts';
import { backoffMs, sleep } from './retry-delay.ts';

/** Attempts of one query, the first included: a transient failure is met once, rarely twice. */
export const QUERY_ATTEMPTS = 3;
/** No answer, the platform's unexpected error (logged under its request id), the gateway still composing, a proxy's 502–504. */
const TRANSIENT = new Set(['NETWORK_ERROR', 'INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE', 'HTTP_502', 'HTTP_503', 'HTTP_504']);

/**
 * Whether a document holds only queries (fragments aside): the words at
 * brace depth 0, comments and strings removed, name no mutation or
 * subscription. Only such a document may be sent again: a mutation that
 * failed without an answer may have been applied.
 */
export function isQueryOnly(document: string): boolean {
  const text = document.replace(/"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|#[^\n]*/g, ' ');
  let depth = 0;
  let topLevel = '';
  for (const char of text) {
    if (char === '{' || char === '(') depth += 1;
    else if (char === '}' || char === ')') depth -= 1;
    else if (depth === 0) topLevel += char;
  }
  return !/\b(?:mutation|subscription)\b/.test(topLevel);
}

/** Runs `attempt` again after a transient failure, with the client's backoff, up to QUERY_ATTEMPTS times in all. */
export async function retryQuery<T>(attempt: () => Promise<T>, backoff: { baseMs: number; maxMs: number }): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= QUERY_ATTEMPTS || !(error instanceof TidelineError && TRANSIENT.has(error.code))) throw error;
      await sleep(backoffMs(n, backoff.baseMs, backoff.maxMs));
    }
  }
}
