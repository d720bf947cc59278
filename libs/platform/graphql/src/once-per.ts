/**
 * `make(key)` run once per key object while the key lives (a request's
 * context, an entity a resolver returned): later calls with the same key get
 * the first call's result, typically a promise that fields resolving the
 * same thing share. Keyed weakly, so nothing outlives its request.
 */
export function oncePer<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const made = new WeakMap<K, V>();
  return (key) => {
    if (!made.has(key)) made.set(key, make(key));
    return made.get(key)!;
  };
}
