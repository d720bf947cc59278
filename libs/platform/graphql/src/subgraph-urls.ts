import { internalPath } from '@tideline/contracts';
import type { Setting } from '@tideline/runtime';

export type SubgraphUrls = Record<string, string>;

/**
 * `TIDELINE_SUBGRAPH_URLS`: where each subgraph is served, as `name=url`
 * pairs. The gateway composes exactly these; services that query another
 * subgraph (the alert evaluator reads metrics, the registry reads production
 * evaluations) look theirs up here. Unset, every subgraph is served by this
 * process at `<its URL>/internal/<name>/graphql`.
 */
export const subgraphUrlsSetting: Setting<SubgraphUrls | null> = {
  env: 'TIDELINE_SUBGRAPH_URLS',
  doc: "where each service's subgraph is served, as name=url pairs, comma-separated (the targets with a subgraph); the gateway composes exactly these and forwards each service's /v1 routes beside its URL; when unset, all of them at <this process's URL>/internal/<name>/graphql",
  default: null,
  parse(raw) {
    const urls: SubgraphUrls = {};
    for (const pair of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const url = pair.slice(at + 1).trim();
      if (at <= 0 || !url) throw new Error(`expected name=url pairs such as evalstore=http://evalstore:4000/internal/evalstore/graphql, got '${pair}'`);
      try {
        new URL(url);
      } catch (cause) {
        throw new Error(`subgraph '${name}' has an invalid URL '${url}'`, { cause });
      }
      urls[name] = url;
    }
    return urls;
  },
};

/** The URL of subgraph `name`: from the configured list, else served by this process. */
export function subgraphUrl(urls: SubgraphUrls | null, serverUrl: string, name: string): string {
  if (!urls) return `${serverUrl}${internalPath(name)}/graphql`;
  const url = urls[name];
  if (!url) throw new Error(`TIDELINE_SUBGRAPH_URLS names no URL for subgraph '${name}'`);
  return url;
}
