import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { setting } from '@tideline/runtime';

/**
 * The gateway authenticates API keys; subgraphs and the services' HTTP APIs
 * trust only what it vouches for, in headers signed (HMAC-SHA256) with a
 * secret they share: the project, the name of the API key (the actor) and
 * whether it is an admin key. The signature also covers the request itself —
 * method, path with query, the sha256 of the body — and a timestamp: a
 * captured signature cannot be replayed with another query, body or path,
 * nor after five minutes.
 *
 * A streamed body's digest is known only once it has been sent, so a streaming
 * sender puts the signature in an HTTP trailer instead of a header
 * (`principalHeaders` first, `requestSignature` at the end): the receiver
 * reads the body, then verifies (the signature may come in either place), and
 * acts on nothing before that (ARCHITECTURE.md §8).
 */
export const PROJECT_HEADER = 'x-tideline-project';
/** The API key's name, URI-encoded (key names may hold any character). */
export const ACTOR_HEADER = 'x-tideline-actor';
/** `admin` for an admin key; absent otherwise. */
export const ROLE_HEADER = 'x-tideline-role';
export const TIMESTAMP_HEADER = 'x-tideline-timestamp';
export const SIGNATURE_HEADER = 'x-tideline-signature';
const MAX_SKEW_MS = 5 * 60_000;
const VERSION = 'tideline-v2';

export const internalSecretSetting = {
  ...setting.string({
    env: 'TIDELINE_INTERNAL_SECRET',
    doc: 'shared secret (at least 32 characters) with which the gateway signs the project, the API key and the request it passes to subgraphs; npm start generates one',
  }),
  parse(raw: string) {
    if (raw.length < 32) throw new Error('must be at least 32 characters');
    return raw;
  },
};

export class SignatureError extends Error {
  override readonly name = 'SignatureError';
  readonly code = 'UNAUTHENTICATED';
}

/** Whom the gateway vouches for. `actor` and `admin` are absent on service-to-service requests. */
export interface Principal {
  project: string;
  actor?: string | null;
  admin?: boolean;
}

export interface VerifiedPrincipal {
  project: string;
  /** The authenticated API key's name; null when a service asked on its own. */
  actor: string | null;
  admin: boolean;
}

/** The request a signature covers; `url` absolute or a path, as sent. */
export interface SignedTarget {
  method: string;
  url: string;
  bodySha256: string;
}

export const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
export const EMPTY_BODY_SHA256 = sha256Hex('');

/** What goes on the wire: URL parsing resolves `..` and normalizes, as fetch and http.request do. */
const sentPath = (url: string) => {
  const parsed = new URL(url, 'http://internal');
  return `${parsed.pathname}${parsed.search}`;
};

type HeaderValue = string | string[] | undefined;
const first = (value: HeaderValue) => (Array.isArray(value) ? value[0] : value);

const canonical = (headers: Record<string, HeaderValue>, method: string, path: string, bodySha256: string) =>
  [VERSION, method.toUpperCase(), path, bodySha256, first(headers[TIMESTAMP_HEADER]), first(headers[PROJECT_HEADER]), first(headers[ACTOR_HEADER]) ?? '', first(headers[ROLE_HEADER]) ?? ''].join('\n');

const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

/** The headers naming the principal and the time, without the signature. */
export function principalHeaders(principal: Principal, now = Date.now()): Record<string, string> {
  const headers: Record<string, string> = { [PROJECT_HEADER]: principal.project, [TIMESTAMP_HEADER]: String(now) };
  if (principal.actor) headers[ACTOR_HEADER] = encodeURIComponent(principal.actor);
  if (principal.admin) headers[ROLE_HEADER] = 'admin';
  return headers;
}

/** The signature over `principalHeaders`' output and the request (a header, or a trailer after a streamed body). */
export function requestSignature(secret: string, headers: Record<string, string>, target: SignedTarget): string {
  return hmac(secret, canonical(headers, target.method, sentPath(target.url), target.bodySha256));
}

/** Every header a request needs when its whole body is at hand. */
export function signRequest(secret: string, principal: Principal, request: { method: string; url: string; body?: string | Uint8Array | null }, now = Date.now()): Record<string, string> {
  const headers = principalHeaders(principal, now);
  const bodySha256 = request.body ? sha256Hex(request.body) : EMPTY_BODY_SHA256;
  return { ...headers, [SIGNATURE_HEADER]: requestSignature(secret, headers, { method: request.method, url: request.url, bodySha256 }) };
}

/** A received request as node's IncomingMessage has it; `trailers` are there once the body was read. */
export interface ReceivedRequest {
  method?: string;
  url?: string;
  headers: Record<string, HeaderValue>;
  trailers?: Record<string, HeaderValue>;
}

/**
 * The principal a request claims, once its headers are present and fresh: a
 * cheap check before reading a body. Nothing may act on it before
 * `verifyRequest` succeeded.
 */
export function claimedPrincipal(req: ReceivedRequest, now = Date.now()): VerifiedPrincipal {
  const project = first(req.headers[PROJECT_HEADER]);
  const timestamp = first(req.headers[TIMESTAMP_HEADER]);
  if (!project || !timestamp) throw new SignatureError('request is not signed by the gateway');
  if (!/^\d{1,16}$/.test(timestamp)) throw new SignatureError('request signature is invalid: the timestamp must be epoch milliseconds');
  if (Math.abs(now - Number(timestamp)) > MAX_SKEW_MS) throw new SignatureError('request signature has expired');
  const actor = first(req.headers[ACTOR_HEADER]);
  let name: string | null = null;
  try {
    name = actor ? decodeURIComponent(actor) : null;
  } catch {
    throw new SignatureError('request signature is invalid: malformed actor');
  }
  return { project, actor: name, admin: first(req.headers[ROLE_HEADER]) === 'admin' };
}

/**
 * The principal of a request the gateway signed, given the sha256 of the body
 * as received; throws `SignatureError` otherwise. `now` is when the request
 * arrived: a long upload is not expired by its own duration.
 */
export function verifyRequest(secret: string, req: ReceivedRequest, bodySha256: string, now = Date.now()): VerifiedPrincipal {
  const principal = claimedPrincipal(req, now);
  const signature = first(req.headers[SIGNATURE_HEADER]) ?? first(req.trailers?.[SIGNATURE_HEADER]);
  if (!signature) throw new SignatureError('request is not signed by the gateway');
  // The path as received, not normalized: the sender signed what it put on the wire.
  const expected = Buffer.from(hmac(secret, canonical(req.headers, req.method ?? 'GET', req.url ?? '/', bodySha256)), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new SignatureError('request signature is invalid');
  return principal;
}
