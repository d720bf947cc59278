/** Longest wait between two tries, so a long outage still gets retried within minutes of ending. */
export const MAX_RETRY_DELAY_MS = 5 * 60_000;

/**
 * How long to wait after failed attempt `attempt` (1-based) before the next:
 * `baseDelayMs × 2^(attempt − 1)`, capped at `maxDelayMs`. With the defaults
 * (1 s, 6 attempts) the retries come after 1, 2, 4, 8 and 16 s.
 */
export function retryDelayMs(attempt: number, baseDelayMs: number, maxDelayMs = MAX_RETRY_DELAY_MS): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // 2^exponent overflows to Infinity long before it matters; the cap handles it.
  return Math.min(maxDelayMs, baseDelayMs * 2 ** exponent);
}
