/**
 * Webhooks cannot reach inside: createWebhook refuses loopback, private,
 * link-local, metadata and unspecified hosts in every spelling, and each
 * delivery checks the addresses its connection uses, so a name that resolves
 * elsewhere after creation (DNS rebinding) is refused too. The allow-list
 * admits 127.0.0.1 only, where the test's receivers listen; names resolve
 * through a stub the test controls, as a DNS server an attacker controls would.
 */
import type { LookupAddress } from 'node:dns';
import { eventually } from '@tideline/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertEvent, startHarness, type Harness } from './webhook-harness.ts';

const MAX_ATTEMPTS = 2;
const TIMEOUT_MS = 1000;

describe('webhook egress', () => {
  let h: Harness;
  const dns = new Map<string, LookupAddress[]>();
  const resolved: string[] = [];

  beforeAll(async () => {
    h = await startHarness({
      maxAttempts: MAX_ATTEMPTS,
      baseDelayMs: 50,
      timeoutMs: TIMEOUT_MS,
      ackWaitMs: 2 * TIMEOUT_MS,
      allow: { hosts: [], cidrs: ['127.0.0.1/32'] },
      resolve: async (host) => {
        resolved.push(host);
        const answer = dns.get(host);
        if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
        return answer;
      },
    });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('refuses at creation every spelling of an address inside, naming the field', async () => {
    const project = 'p-egress-create';
    dns.set('inside.test', [{ address: '10.1.2.3', family: 4 }]);
    dns.set('half-inside.test', [{ address: '93.184.215.14', family: 4 }, { address: 'fd00:ec2::254', family: 6 }]);
    const refused = [
      'http://127.0.0.2:8080/hook',
      'http://[::ffff:127.0.0.2]/hook',
      'http://2130706434/hook',
      'http://0x7f.0.0.2/hook',
      'http://0177.0.0.2/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:169.254.169.254]/',
      'http://localhost:8080/hook',
      'http://metadata.google.internal/computeMetadata/v1/',
      'http://0.0.0.0:8080/',
      'http://[::]/',
      'http://[::1]/',
      'http://[fd00::1]/',
      'http://[fe80::1]/',
      'http://100.64.0.1/',
      'http://192.168.0.10/',
      'https://inside.test/hook',
      'https://half-inside.test/hook',
    ];
    for (const url of refused) {
      const res = await h.tryCreateWebhook(project, url);
      expect(res.errors?.[0]?.extensions, url).toEqual({ code: 'BAD_USER_INPUT', field: 'url' });
      expect(res.errors?.[0]?.message, url).toMatch(/which webhooks may not reach/);
      // The tenant learns the kind of address a name has, not the address.
      expect(res.errors?.[0]?.message, url).not.toMatch(/10\.1\.2\.3|fd00:ec2/);
    }
    expect(await h.listWebhooks(project)).toEqual([]);
  });

  it('delivers to a name only at the address it checked, and refuses the name once it resolves inside', async () => {
    const project = 'p-egress-rebind';
    const allowed = await h.receiver();
    // The same port on another loopback address: where a rebinding attacker would send the delivery.
    const inside = await h.receiver({ host: '127.0.0.2', port: allowed.port });
    dns.set('hooks.test', [{ address: '127.0.0.1', family: 4 }]);
    const { webhook } = await h.createWebhook(project, `http://hooks.test:${allowed.port}/hook`);

    const first = alertEvent(project, 'm1');
    await h.publish(first);
    await eventually(async () => allowed.requests.length === 1);
    expect(allowed.requests[0]!.headers.host).toBe(`hooks.test:${allowed.port}`);

    // The name now answers an inside address first, beside the allowed one: every address is checked.
    dns.set('hooks.test', [{ address: '127.0.0.2', family: 4 }, { address: '127.0.0.1', family: 4 }]);
    resolved.length = 0;
    const second = alertEvent(project, 'm1');
    await h.publish(second);
    const deadLetter = await eventually(async () => (await h.listWebhooks(project)).find((w) => w.id === webhook.id)?.deadLetters[0], 15_000);
    expect(deadLetter).toMatchObject({ eventId: second.id, attempts: MAX_ATTEMPTS, lastError: 'refused: hooks.test resolves to a loopback address, which webhooks may not reach' });
    // Resolved at every attempt, not once and cached.
    expect(resolved.filter((host) => host === 'hooks.test')).toHaveLength(MAX_ATTEMPTS);
    expect(inside.requests).toHaveLength(0);
    expect(allowed.events().map((e) => e.id)).toEqual([first.id]);
  });

  it('does not follow a redirect, wherever it points', async () => {
    const project = 'p-egress-redirect';
    const inside = await h.receiver({ host: '127.0.0.2' });
    const target = `http://127.0.0.2:${inside.port}/hook`;
    const redirecting = await h.receiver({ status: () => 307, headers: { location: target }, body: `redirecting to ${target}` });
    const { webhook } = await h.createWebhook(project, redirecting.url);
    await h.publish(alertEvent(project, 'm1'));
    const deadLetter = await eventually(async () => (await h.listWebhooks(project)).find((w) => w.id === webhook.id)?.deadLetters[0], 15_000);
    expect(deadLetter).toMatchObject({ attempts: MAX_ATTEMPTS, lastError: 'HTTP 307' });
    expect(redirecting.requests).toHaveLength(MAX_ATTEMPTS);
    await h.settled();
    expect(inside.requests).toHaveLength(0);
  });
});
