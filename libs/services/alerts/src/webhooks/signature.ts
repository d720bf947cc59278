import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of every delivery. */
export const WEBHOOK_HEADERS = {
  signature: 'x-tideline-signature',
  eventId: 'x-tideline-event-id',
  /** 1 for the first try, 2 for the first retry, … */
  attempt: 'x-tideline-attempt',
} as const;

/** How old a signature a receiver accepts by default: long enough for clock skew, short enough that a captured request cannot be replayed for long. */
export const DEFAULT_SIGNATURE_TOLERANCE_MS = 5 * 60_000;

const digest = (secret: string, timestamp: string, body: string) => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/**
 * The `x-tideline-signature` value of one delivery: `t=<unix ms>,v1=<hex
 * HMAC-SHA256(secret, "<t>.<body>")>`. The timestamp is signed with the body
 * so a receiver can refuse old requests; `v1` names the scheme so another can
 * be added beside it without breaking receivers.
 */
export function signWebhook(secret: string, body: string, now = Date.now()): string {
  const t = String(now);
  return `t=${t},v1=${digest(secret, t, body)}`;
}

export interface VerifyOptions {
  /** @default 300000 (5 minutes) */
  toleranceMs?: number;
  /** @default Date.now() */
  now?: number;
}

/**
 * True when `header` is a valid signature of the raw request `body` (the bytes
 * received, not a re-serialised object) with `secret`, made within the
 * tolerance. For receivers; compares in constant time.
 */
export function verifyWebhook(secret: string, header: string | null | undefined, body: string, options: VerifyOptions = {}): boolean {
  if (!header) return false;
  const parts = new Map(header.split(',').map((part) => {
    const eq = part.indexOf('=');
    return [part.slice(0, eq).trim(), part.slice(eq + 1).trim()] as const;
  }));
  const t = parts.get('t');
  const v1 = parts.get('v1');
  if (!t || !v1 || !/^\d+$/.test(t) || !/^[0-9a-f]{64}$/.test(v1)) return false;
  const age = Math.abs((options.now ?? Date.now()) - Number(t));
  if (age > (options.toleranceMs ?? DEFAULT_SIGNATURE_TOLERANCE_MS)) return false;
  return timingSafeEqual(Buffer.from(v1, 'hex'), Buffer.from(digest(secret, t, body), 'hex'));
}
