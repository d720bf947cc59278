import { WEBHOOK_HEADERS, signWebhook } from './signature.ts';

export type AttemptResult = { ok: true; status: number } | { ok: false; error: string };

export interface Attempt {
  url: string;
  secret: string;
  /** The AlertEvent as JSON: signed and sent byte for byte. */
  body: string;
  eventId: string;
  attempt: number;
  timeoutMs: number;
}

/** How much of a failing endpoint's answer is kept in the error, enough to diagnose without storing pages of HTML. */
const ERROR_BODY_CHARS = 200;

/**
 * One POST of one event. Any 2xx is success; anything else (another status,
 * no answer within the timeout, a connection error) is a failure described
 * for the dead letter. Redirects are not followed: the signature was made for
 * the registered URL, and following them would let an endpoint bounce
 * deliveries elsewhere.
 */
export async function postWebhook(a: Attempt): Promise<AttemptResult> {
  const signal = AbortSignal.timeout(a.timeoutMs);
  try {
    const res = await fetch(a.url, {
      method: 'POST',
      redirect: 'manual',
      signal,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'tideline-webhooks/1',
        [WEBHOOK_HEADERS.eventId]: a.eventId,
        [WEBHOOK_HEADERS.attempt]: String(a.attempt),
        [WEBHOOK_HEADERS.signature]: signWebhook(a.secret, a.body),
      },
      body: a.body,
    });
    if (res.status >= 200 && res.status < 300) {
      // Free the connection without waiting for a body nobody reads.
      await res.body?.cancel().catch(() => undefined);
      return { ok: true, status: res.status };
    }
    const text = (await res.text().catch(() => '')).slice(0, ERROR_BODY_CHARS).trim();
    return { ok: false, error: `HTTP ${res.status}${text ? `: ${text}` : ''}` };
  } catch (err) {
    if (signal.aborted) return { ok: false, error: `no response within ${a.timeoutMs} ms` };
    const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, error: cause?.message ? `${(err as Error).message}: ${cause.message}` : (err as Error).message };
  }
}
