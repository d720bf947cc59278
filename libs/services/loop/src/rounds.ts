/**
 * Runs `round` every `intervalMs`, counted from the end of the previous
 * round (a slow round never overlaps the next). `round` gets `stopped()` to
 * leave early; a failing round is reported to `onError` and the next
 * interval tries again. `stop()` waits for the round in flight.
 */
export function everyInterval(intervalMs: number, round: (stopped: () => boolean) => Promise<void>, onError: (err: unknown) => void): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const next = () => {
    timer = setTimeout(() => {
      current = round(() => stopped)
        .catch(onError)
        .finally(() => !stopped && next());
    }, intervalMs);
  };
  next();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
