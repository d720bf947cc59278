import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { EgressPolicy } from './egress.ts';
import { WEBHOOK_HEADERS } from './signature.ts';

export type AttemptResult = { ok: true; status: number } | { ok: false; error: string };

export interface Attempt {
  url: string;
  /** Sent byte for byte: the signed AlertEvent, or a channel's message. */
  body: string;
  /** The channel's own headers (the signature of a SIGNED webhook). */
  headers: Record<string, string>;
  eventId: string;
  attempt: number;
  timeoutMs: number;
}

/**
 * One POST of one event. Any 2xx is success; anything else (another status,
 * no answer within the timeout, a connection error, an address the egress
 * policy refuses) is a failure described for the dead letter.
 *
 * - The connection goes to an address `egress` checked: an IP literal is
 *   checked here (the URL parser has normalised its spelling), a name by the
 *   policy's `lookup`, which the socket then connects to. One connection per
 *   attempt (no keep-alive), so every attempt resolves and checks afresh.
 * - Redirects are not followed (node:http never does): the signature was
 *   made for the registered URL, and a redirect could point inside.
 * - The answer's body is never read: the error names the status only, so an
 *   endpoint's response (perhaps an internal page) is never shown to the tenant.
 */
export function postWebhook(a: Attempt, egress: EgressPolicy): Promise<AttemptResult> {
  const url = new URL(a.url);
  const refusal = egress.refusalOfHost(url.hostname);
  if (refusal) return Promise.resolve({ ok: false, error: `refused: ${refusal}` });
  const signal = AbortSignal.timeout(a.timeoutMs);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(
      url,
      {
        method: 'POST',
        agent: false,
        lookup: egress.lookup,
        signal,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(a.body),
          'user-agent': 'tideline-webhooks/1',
          [WEBHOOK_HEADERS.eventId]: a.eventId,
          [WEBHOOK_HEADERS.attempt]: String(a.attempt),
          ...a.headers,
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        res.destroy();
        resolve(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, error: `HTTP ${status}` });
      },
    );
    req.on('error', (err) => resolve({ ok: false, error: signal.aborted ? `no response within ${a.timeoutMs} ms` : err.message }));
    req.end(a.body);
  });
}
