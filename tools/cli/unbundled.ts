/**
 * bootstrap and demo-data read files beside their sources (the gateway's
 * GraphQL schemas, the demo's generator), so the CLI's bundle (launch.mjs)
 * leaves them out: run from the bundle, they load from tools/cli through tsx,
 * registered only when one of them runs (it is most of a start-up).
 */
const bundled = !import.meta.url.endsWith('.ts');
// The bundle is node_modules/.cache/tideline-cli/tideline.mjs (launch.mjs).
const SOURCES = bundled ? new URL('../../../tools/cli/', import.meta.url) : new URL('./', import.meta.url);

export async function unbundled<T>(name: 'bootstrap' | 'demo-data'): Promise<T> {
  if (bundled) (await import('tsx/esm/api')).register();
  return (await import(new URL(`${name}.ts`, SOURCES).href)) as T;
}
