import { ApiError, gql } from './api.ts';

/**
 * What a read may meet once and not the next time: the platform's unexpected
 * error (logged under its request id) and the gateway still composing its
 * schema. A query is idempotent, so it is asked again after these delays
 * before the page shows the error, as clients retry a read; a mutation never is.
 */
const TRANSIENT = new Set(['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE']);
export const QUERY_RETRY_DELAYS_MS = [500, 2_000];

/** `gql`, asked again on a transient error while `current()` (the answer is still wanted). */
export async function readRetried<T>(query: string, variables: Record<string, unknown>, current: () => boolean): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await gql<T>(query, variables);
    } catch (error) {
      const delay = QUERY_RETRY_DELAYS_MS[attempt];
      if (delay === undefined || !current() || !(error instanceof ApiError && TRANSIENT.has(error.code ?? ''))) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
