import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './signature.ts';

const secret = 's'.repeat(32);
const body = JSON.stringify({ id: 'a1.FIRED', type: 'FIRED' });
const now = 1_700_000_000_000;

describe('signWebhook', () => {
  it('follows the documented scheme: t=<ms>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>', () => {
    const expected = createHmac('sha256', secret).update(`${now}.${body}`).digest('hex');
    expect(signWebhook(secret, body, now)).toBe(`t=${now},v1=${expected}`);
  });
});

describe('verifyWebhook', () => {
  const header = signWebhook(secret, body, now);

  it('accepts its own signature within the tolerance', () => {
    expect(verifyWebhook(secret, header, body, { now })).toBe(true);
    expect(verifyWebhook(secret, header, body, { now: now + 299_000 })).toBe(true);
  });

  it('refuses another secret, another body, an old timestamp, or a malformed header', () => {
    expect(verifyWebhook('x'.repeat(32), header, body, { now })).toBe(false);
    expect(verifyWebhook(secret, header, body.replace('FIRED', 'RESOLVED'), { now })).toBe(false);
    expect(verifyWebhook(secret, header, body, { now: now + 301_000 })).toBe(false);
    expect(verifyWebhook(secret, header, body, { now: now + 10_000, toleranceMs: 5_000 })).toBe(false);
    expect(verifyWebhook(secret, undefined, body, { now })).toBe(false);
    expect(verifyWebhook(secret, 'v1=abc', body, { now })).toBe(false);
    expect(verifyWebhook(secret, `t=${now},v1=zz`, body, { now })).toBe(false);
    // A signature whose timestamp was swapped no longer matches.
    expect(verifyWebhook(secret, header.replace(`t=${now}`, `t=${now + 1}`), body, { now })).toBe(false);
  });
});
