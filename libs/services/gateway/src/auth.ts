import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kvm } from '@nats-io/kv';
import { sendJson } from '@tideline/runtime';
import { findProjectByApiKey, hashApiKey } from './projects.ts';

export type Authenticate = (authorization: string | undefined) => Promise<string | undefined>;

export interface AuthCacheOptions {
  /** How long a lookup (found or not) is reused; a revoked key works at most this long. */
  ttlMs?: number;
  maxEntries?: number;
}

export const bearerToken = (authorization: string | undefined): string | undefined => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
};

/**
 * API key → project, cached briefly so bulk ingest (tens of thousands of
 * records a second in many requests) does not pay a KV round trip each time.
 * Concurrent lookups of one key share a single KV read.
 */
export function createAuthenticator(kvm: Kvm, { ttlMs = 10_000, maxEntries = 10_000 }: AuthCacheOptions = {}): Authenticate {
  const cache = new Map<string, { project: Promise<string | undefined>; expires: number }>();
  return (authorization) => {
    const key = bearerToken(authorization);
    if (!key) return Promise.resolve(undefined);
    const hash = hashApiKey(key);
    const now = Date.now();
    const hit = cache.get(hash);
    if (hit && hit.expires > now) return hit.project;
    // Bounded: junk keys from a scanner must not grow memory without limit.
    if (cache.size >= maxEntries) cache.clear();
    const project = findProjectByApiKey(kvm, key).then((record) => record?.project);
    // Failed lookups (NATS down) are not cached.
    project.catch(() => cache.delete(hash));
    cache.set(hash, { project, expires: now + ttlMs });
    return project;
  };
}

export function sendUnauthenticated(res: ServerResponse, message: string): void {
  sendJson(res, 401, { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }, { 'www-authenticate': 'Bearer' });
}

/** The request's project, or undefined after answering 401. */
export async function authenticateRequest(authenticate: Authenticate, req: IncomingMessage, res: ServerResponse): Promise<string | undefined> {
  const header = req.headers.authorization;
  if (!bearerToken(header)) {
    sendUnauthenticated(res, 'missing API key: send Authorization: Bearer <api key>');
    return undefined;
  }
  const project = await authenticate(header);
  if (!project) sendUnauthenticated(res, 'invalid API key');
  return project;
}
