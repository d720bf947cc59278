import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { EgressPolicy, parseCidr, type Resolve } from './egress.ts';

const noDns: Resolve = async (host) => {
  throw new Error(`unexpected lookup of ${host}`);
};
const hostOf = (url: string) => new URL(url).hostname;
const closed = new EgressPolicy({ hosts: [], cidrs: [] }, noDns);

describe('EgressPolicy.refusalOfHost', () => {
  it('refuses loopback, private, link-local, metadata and unspecified hosts in every spelling', () => {
    const inside = {
      loopback: ['http://127.0.0.1/', 'http://[::ffff:127.0.0.1]/', 'http://2130706433/', 'http://0x7f.0.0.1/', 'http://0177.0.0.1/', 'http://127.1/', 'http://017700000001/', 'http://[::1]/', 'http://[::127.0.0.1]/', 'http://[64:ff9b::7f00:1]/', 'http://[2002:7f00:1::]/'],
      unspecified: ['http://0.0.0.0/', 'http://0/', 'http://[::]/', 'http://[::ffff:0.0.0.0]/'],
      'link-local (cloud metadata)': ['http://169.254.169.254/latest/meta-data/', 'http://[::ffff:a9fe:a9fe]/', 'http://2852039166/'],
      private: ['http://10.0.0.1/', 'http://172.16.0.1/', 'http://172.31.255.255/', 'http://192.168.1.1/', 'http://[fc00::1]/', 'http://[fd00:ec2::254]/', 'http://[::ffff:10.1.2.3]/'],
      'link-local': ['http://[fe80::1]/'],
      'shared (carrier-grade NAT)': ['http://100.64.0.1/', 'http://100.100.100.200/'],
      'special-purpose': ['http://192.0.0.192/'],
      multicast: ['http://224.0.0.1/', 'http://[ff02::1]/'],
      reserved: ['http://255.255.255.255/'],
    };
    for (const [reason, urls] of Object.entries(inside)) {
      for (const url of urls) expect(closed.refusalOfHost(hostOf(url)), url).toMatch(new RegExp(`is an? ${reason.replace(/[()]/g, '\\$&')} address`));
    }
    for (const url of ['http://localhost/', 'http://LOCALHOST./', 'http://api.localhost:8080/', 'http://metadata.google.internal/computeMetadata/v1/', 'http://metadata/']) {
      expect(closed.refusalOfHost(hostOf(url)), url).toMatch(/local or metadata host name/);
    }
  });

  it('lets public addresses and names through', () => {
    for (const url of ['https://93.184.215.14/', 'https://[2606:4700:4700::1111]/', 'https://hooks.example.com/x', 'http://172.32.0.1/', 'http://100.128.0.1/', 'http://11.0.0.1/', 'http://[2002:5db8:d70e::]/']) {
      expect(closed.refusalOfHost(hostOf(url)), url).toBeNull();
    }
  });

  it('allows what the operator lists: host names as written, address ranges in any spelling', () => {
    const open = new EgressPolicy({ hosts: ['LocalHost', 'metadata.google.internal'], cidrs: ['127.0.0.1/32', 'fd00::/8'] }, noDns);
    for (const url of ['http://localhost:8080/', 'http://localhost./', 'http://metadata.google.internal/', 'http://127.0.0.1/', 'http://2130706433/', 'http://[::ffff:127.0.0.1]/', 'http://[fd12::1]/']) {
      expect(open.refusalOfHost(hostOf(url)), url).toBeNull();
    }
    for (const url of ['http://127.0.0.2/', 'http://api.localhost/', 'http://[fc00::1]/', 'http://169.254.169.254/']) expect(open.refusalOfHost(hostOf(url)), url).not.toBeNull();
  });
});

describe('EgressPolicy.refusalOfUrl', () => {
  const answers: Record<string, LookupAddress[]> = {
    'public.test': [{ address: '93.184.215.14', family: 4 }],
    'inside.test': [{ address: '10.1.2.3', family: 4 }],
    'mixed.test': [{ address: '93.184.215.14', family: 4 }, { address: '::1', family: 6 }],
    'mapped.test': [{ address: '::ffff:169.254.169.254', family: 6 }],
  };
  const asked: string[] = [];
  const resolve: Resolve = async (host) => {
    asked.push(host);
    const found = answers[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found;
  };
  const policy = new EgressPolicy({ hosts: ['allowed.test'], cidrs: [] }, resolve);

  it('refuses a name when any address it resolves to is not public, without naming the address', async () => {
    expect(await policy.refusalOfUrl(new URL('https://public.test/x'))).toBeNull();
    expect(await policy.refusalOfUrl(new URL('https://inside.test/x'))).toBe('inside.test resolves to a private address, which webhooks may not reach');
    expect(await policy.refusalOfUrl(new URL('https://mixed.test/x'))).toMatch(/mixed\.test resolves to a loopback address/);
    expect(await policy.refusalOfUrl(new URL('https://mapped.test/x'))).toMatch(/link-local \(cloud metadata\)/);
  });

  it('accepts a name that does not resolve yet (delivery checks again), and does not resolve allowed names or literals', async () => {
    expect(await policy.refusalOfUrl(new URL('https://nowhere.test/x'))).toBeNull();
    asked.length = 0;
    expect(await policy.refusalOfUrl(new URL('https://allowed.test/x'))).toBeNull();
    expect(await policy.refusalOfUrl(new URL('https://93.184.215.14/x'))).toBeNull();
    expect(await policy.refusalOfUrl(new URL('http://[::1]/x'))).toMatch(/loopback/);
    expect(asked).toEqual([]);
  });
});

describe('EgressPolicy.lookup', () => {
  const answers: LookupAddress[] = [{ address: '93.184.215.14', family: 4 }, { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 }];
  const policy = new EgressPolicy({ hosts: [], cidrs: [] }, async (host) => (host === 'evil.test' ? [...answers, { address: '127.0.0.1', family: 4 }] : answers));
  const lookup = (host: string, options: { all?: boolean; family?: number }) =>
    new Promise<{ err: Error | null; address: unknown; family?: number }>((resolve) => policy.lookup(host, options, (err, address, family) => resolve({ err, address, family })));

  it('hands the connection exactly the checked addresses, in the form asked for', async () => {
    expect(await lookup('hooks.test', { all: true })).toEqual({ err: null, address: answers, family: undefined });
    expect(await lookup('hooks.test', {})).toEqual({ err: null, address: '93.184.215.14', family: 4 });
    expect(await lookup('hooks.test', { family: 6 })).toEqual({ err: null, address: answers[1]!.address, family: 6 });
  });

  it('fails the connection when any address is not public, or the name is forbidden', async () => {
    expect((await lookup('evil.test', { all: true })).err?.message).toBe('refused: evil.test resolves to a loopback address, which webhooks may not reach');
    expect((await lookup('localhost', {})).err?.message).toMatch(/^refused: localhost is a local or metadata host name/);
  });
});

describe('parseCidr', () => {
  it('reads IPv4 and IPv6 ranges and refuses anything else', () => {
    expect(parseCidr(' 10.0.0.0/8 ')).toEqual({ address: '10.0.0.0', prefix: 8, family: 'ipv4' });
    expect(parseCidr('fd00::/8')).toEqual({ address: 'fd00::', prefix: 8, family: 'ipv6' });
    for (const bad of ['10.0.0.0', '10.0.0.0/33', 'fd00::/129', 'example.com/8', '10.0.0.0/8/1', '10.0.0.0/x']) expect(() => parseCidr(bad), bad).toThrow(/is not a CIDR/);
  });
});
