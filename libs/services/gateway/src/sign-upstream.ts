import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { signRequest } from '@tideline/graphql';

/** What the gateway adds to every operation's context: the authenticated key. Subscription topics read `project`. */
export interface TenantContext {
  project: string;
  /** The API key's name, passed to subgraphs as the actor. */
  actor: string;
  admin: boolean;
}

/**
 * Signs every upstream subgraph request (ARCHITECTURE.md §8): the caller's
 * project and key, and the request itself — method, URL and the sha256 of the
 * body the executor built — so a captured signature carries no other query.
 */
export function signUpstream(secret: string): GatewayPlugin<TenantContext> {
  return {
    onFetch({ url, context, options, setOptions }) {
      const tenant = context as Partial<TenantContext> | undefined;
      const body = options.body ?? null;
      // Without a project, or with a body that cannot be hashed here, the subgraph refuses the request: better than guessing.
      if (!tenant?.project || (body !== null && typeof body !== 'string' && !(body instanceof Uint8Array))) return;
      const signed = signRequest(secret, { project: tenant.project, actor: tenant.actor, admin: tenant.admin }, { method: options.method ?? 'GET', url, body });
      setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), ...signed } });
    },
  };
}
