import { internalPath, type ErrorCode } from '@tideline/contracts';
import { servicesOf, type AnyModule, type PublicRoute } from '@tideline/runtime';

/** A public route of some service, with the base URL of the process that serves it. */
export interface ResolvedRoute extends PublicRoute {
  service: string;
  /** `http://host:port/internal/<service>`: the route's path is appended. */
  upstream: string;
}

/**
 * Every public HTTP route the catalog's services declare, each with where it
 * is served: beside the service's subgraph in TIDELINE_SUBGRAPH_URLS (its URL
 * without `/graphql`), else in this process.
 */
export function resolveRoutes(catalog: readonly AnyModule[], urls: Record<string, string> | null, serverUrl: string): ResolvedRoute[] {
  return servicesOf(catalog).flatMap((module) => {
    const listed = urls?.[module.name] ?? `${serverUrl}${internalPath(module.name)}/graphql`;
    const upstream = listed.replace(/\/graphql\/?$/, '');
    return module.service!.routes.map((route) => ({ ...route, service: module.name, upstream }));
  });
}

export type RouteMatch = { route: ResolvedRoute; path: string } | { status: 400 | 404; code: ErrorCode; message: string };

/**
 * The route a raw request path belongs to, and the path to forward. An exact
 * path matches as sent; below a prefix route, the rest of the path is
 * percent-decoded and must match the route's pattern whole, and the path
 * forwarded is rebuilt from the prefix and that decoded rest. Nothing else
 * is parsed or resolved, so `..`, `%2e%2e` or an encoded slash can never turn
 * a public path into another service's internal one.
 */
export function matchRoute(routes: readonly ResolvedRoute[], rawPath: string): RouteMatch {
  const exact = routes.find((r) => !r.pattern && r.path === rawPath);
  if (exact) return { route: exact, path: exact.path };
  const below = routes.find((r) => r.pattern && rawPath.startsWith(r.path));
  if (!below) return { status: 404, code: 'NOT_FOUND', message: `no route for ${rawPath}` };
  let rest: string;
  try {
    rest = decodeURIComponent(rawPath.slice(below.path.length));
  } catch {
    rest = '';
  }
  if (!below.pattern!.test(rest)) return { status: 400, code: 'BAD_REQUEST', message: `expected ${below.path} followed by ${below.pattern!.source} (${below.doc})` };
  return { route: below, path: `${below.path}${rest}` };
}
