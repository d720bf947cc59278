import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kvm } from '@nats-io/kv';
import { sendJson } from '@tideline/runtime';
import { findProjectByApiKey, hashApiKey } from './projects.ts';

/** The API key a request authenticated with: the project it belongs to, its name (the actor) and role. */
export interface AuthenticatedKey {
  /** sha256 of the key, as `apiKeys` lists it. */
  id: string;
  project: string;
  name: string;
  admin: boolean;
}

export type Authenticate = (authorization: string | undefined) => Promise<AuthenticatedKey | undefined>;

export interface Authenticator {
  authenticate: Authenticate;
  /** Drops a key from this replica's cache (it was revoked here); other replicas let go within `ttlMs`. */
  forget(id: string): void;
}

export interface AuthCacheOptions {
  /** How long a lookup (found or not) is reused; a key revoked on another replica or by the CLI works at most this long. */
  ttlMs?: number;
  maxEntries?: number;
}

export const bearerToken = (authorization: string | undefined): string | undefined => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
};

/**
 * API key → its record, cached briefly so bulk ingest (tens of thousands of
 * records a second in many requests) does not pay a KV round trip each time.
 * Concurrent lookups of one key share a single KV read.
 */
export function createAuthenticator(kvm: Kvm, { ttlMs = 10_000, maxEntries = 10_000 }: AuthCacheOptions = {}): Authenticator {
  const cache = new Map<string, { key: Promise<AuthenticatedKey | undefined>; expires: number }>();
  const authenticate: Authenticate = (authorization) => {
    const key = bearerToken(authorization);
    if (!key) return Promise.resolve(undefined);
    const id = hashApiKey(key);
    const now = Date.now();
    const hit = cache.get(id);
    if (hit && hit.expires > now) return hit.key;
    // Bounded: junk keys from a scanner must not grow memory without limit.
    if (cache.size >= maxEntries) cache.clear();
    const found = findProjectByApiKey(kvm, key).then((record) => record && { id, project: record.project, name: record.name, admin: record.admin });
    // Failed lookups (NATS down) are not cached.
    found.catch(() => cache.delete(id));
    cache.set(id, { key: found, expires: now + ttlMs });
    return found;
  };
  return { authenticate, forget: (id) => void cache.delete(id) };
}

export function sendUnauthenticated(res: ServerResponse, message: string): void {
  sendJson(res, 401, { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }, { 'www-authenticate': 'Bearer' });
}

/** The request's API key, or undefined after answering 401. */
export async function authenticateRequest(authenticate: Authenticate, req: IncomingMessage, res: ServerResponse): Promise<AuthenticatedKey | undefined> {
  const header = req.headers.authorization;
  if (!bearerToken(header)) {
    sendUnauthenticated(res, 'missing API key: send Authorization: Bearer <api key>');
    return undefined;
  }
  const key = await authenticate(header);
  if (!key) sendUnauthenticated(res, 'invalid API key');
  return key;
}
