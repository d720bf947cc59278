import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, gql, onLiveReconnect, subscribe } from './api.ts';
import { readRetried } from './retry.ts';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** The data or error answers the current variables (not skipped, not stale): what a page waits for before it asks for more. */
  settled: boolean;
  reload(): void;
}

/**
 * A query run whenever its variables change (compared as JSON); `skip` holds
 * it until they are known. A newer answer always replaces an older one, so a
 * slow response never overwrites a faster, later one. A transient error is
 * retried (`readRetried`) before it is shown.
 */
export function useQuery<T>(query: string, variables: Record<string, unknown>, skip = false): QueryState<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean; answers?: string }>({ loading: !skip });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const vars = JSON.stringify(variables);
  useEffect(() => {
    if (skip) return;
    const id = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    readRetried<T>(query, JSON.parse(vars) as Record<string, unknown>, () => id === latest.current).then(
      (data) => id === latest.current && setState({ data, loading: false, answers: vars }),
      (error: unknown) => id === latest.current && setState({ error: asApiError(error), loading: false, answers: vars }),
    );
  }, [query, vars, skip, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, settled: !skip && !state.loading && state.answers === vars, reload };
}

export const asApiError = (error: unknown): ApiError =>
  error instanceof ApiError ? error : new ApiError(error instanceof Error ? error.message : String(error), undefined, undefined);

/**
 * Calls `onData` for each event of a subscription while the component is
 * mounted, and `onResync` (when given) after the live connection came back
 * from a drop, since the events sent meanwhile are not replayed.
 */
export function useSubscription<T>(query: string, variables: Record<string, unknown>, onData: (data: T) => void, onResync?: () => void): ApiError | undefined {
  const [error, setError] = useState<ApiError>();
  const handler = useRef(onData);
  handler.current = onData;
  const resync = useRef(onResync);
  resync.current = onResync;
  const vars = JSON.stringify(variables);
  useEffect(() => subscribe<T>(query, JSON.parse(vars) as Record<string, unknown>, (d) => handler.current(d), setError), [query, vars]);
  useEffect(() => onLiveReconnect(() => resync.current?.()), []);
  return error;
}

/** Calls `tick` every `ms` while `ms` is not null (a page's safety refresh). */
export function useInterval(tick: () => void, ms: number | null): void {
  const current = useRef(tick);
  current.current = tick;
  useEffect(() => {
    if (ms === null) return;
    const timer = setInterval(() => current.current(), ms);
    return () => clearInterval(timer);
  }, [ms]);
}

/** A mutation's state: run it, then its error (with the API's field) or its answer. */
export function useMutation<T>(query: string) {
  const [state, setState] = useState<{ data?: T; error?: ApiError; running: boolean }>({ running: false });
  const run = useCallback(
    async (variables: Record<string, unknown>): Promise<T | undefined> => {
      setState({ running: true });
      try {
        const data = await gql<T>(query, variables);
        setState({ data, running: false });
        return data;
      } catch (error) {
        setState({ error: asApiError(error), running: false });
        return undefined;
      }
    },
    [query],
  );
  return { ...state, run };
}
