import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';

/** Resolves a host name to every address it has (dns.lookup with `all: true` by default; tests pass a stub). */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export interface EgressAllowList {
  /** Host names (as in the URL, case-insensitive) reached whatever they resolve to. */
  hosts: readonly string[];
  /** Address ranges (`10.1.0.0/16`, `127.0.0.1/32`, `fd00::/8`) reached although not public. */
  cidrs: readonly string[];
}

/** Refused whatever they resolve to: names that always mean this machine or the cloud's metadata service. */
const FORBIDDEN_NAMES = [/^localhost$/, /\.localhost$/, /^metadata$/, /^metadata\.google\.internal$/];

/** IPv4 ranges that are not the public internet (RFC 6890), by the reason given for refusing them. */
const IPV4_RANGES: [string, string, number][] = [
  ['unspecified', '0.0.0.0', 8],
  ['private', '10.0.0.0', 8],
  ['shared (carrier-grade NAT)', '100.64.0.0', 10],
  ['loopback', '127.0.0.0', 8],
  ['link-local (cloud metadata)', '169.254.0.0', 16],
  ['private', '172.16.0.0', 12],
  ['special-purpose', '192.0.0.0', 24],
  ['private', '192.168.0.0', 16],
  ['special-purpose', '198.18.0.0', 15],
  ['multicast', '224.0.0.0', 4],
  ['reserved', '240.0.0.0', 4],
];

const IPV6_RANGES: [string, string, number][] = [
  ['unspecified', '::', 128],
  ['loopback', '::1', 128],
  ['special-purpose', '100::', 64],
  ['private', '64:ff9b:1::', 48],
  ['private', 'fc00::', 7],
  ['link-local', 'fe80::', 10],
  ['private', 'fec0::', 10],
  ['multicast', 'ff00::', 8],
];

const hex16 = (a: number, b: number) => ((a << 8) | b).toString(16);

/**
 * The forbidden ranges, each with the reason given for refusing it, in the
 * order they are tried. Every IPv4 range is also forbidden inside the IPv6
 * forms that carry an IPv4 address — mapped (::ffff:a.b.c.d), compatible
 * (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::) — since a
 * host may route those to the embedded address. IPv6's own ranges come
 * first, so ::1 is loopback rather than the compatible form of 0.0.0.1.
 */
function forbiddenRanges(): [string, BlockList][] {
  const ranges: [string, BlockList][] = [];
  for (const [reason, v6, prefix] of IPV6_RANGES) {
    const list = new BlockList();
    list.addSubnet(v6, prefix, 'ipv6');
    ranges.push([reason, list]);
  }
  for (const [reason, v4, prefix] of IPV4_RANGES) {
    const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
    const list = new BlockList();
    list.addSubnet(v4, prefix, 'ipv4');
    for (const v6 of [`::ffff:${v4}`, `::${v4}`, `64:ff9b::${v4}`]) list.addSubnet(v6, 96 + prefix, 'ipv6');
    list.addSubnet(`2002:${hex16(a, b)}:${hex16(c, d)}::`, 16 + prefix, 'ipv6');
    ranges.push([reason, list]);
  }
  return ranges;
}

/** `a.b.c.d/n` or `x::y/n`; throws on anything else (config is checked at start). */
export function parseCidr(text: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } {
  const [address = '', bits, ...rest] = text.trim().split('/');
  const version = isIP(address);
  const prefix = Number(bits);
  const max = version === 6 ? 128 : 32;
  if (!version || rest.length || bits === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
    throw new Error(`'${text}' is not a CIDR such as 10.0.0.0/8 or fd00::/8`);
  }
  return { address, prefix, family: version === 6 ? 'ipv6' : 'ipv4' };
}

/** A host name as compared: lower case, without the root's trailing dot, without IPv6 brackets. */
const canonicalHost = (host: string) => host.toLowerCase().replace(/\.$/, '').replace(/^\[(.*)\]$/, '$1');

/** Why a webhook may not reach something: shown to the tenant (createWebhook's error, a dead letter's lastError). */
export class EgressRefused extends Error {
  override readonly name = 'EgressRefused';
}

/**
 * Which endpoints webhooks may reach: public addresses only, unless the
 * operator's allow-list names the host or the address range. Checked when a
 * webhook is created and again at every delivery, on the addresses the
 * connection then uses (see `lookup`), so a name that resolves elsewhere later
 * (DNS rebinding) cannot lead a delivery inside.
 */
export class EgressPolicy {
  private readonly forbidden = forbiddenRanges();
  private readonly allowedHosts: Set<string>;
  private readonly allowedRanges = new BlockList();

  constructor(
    allow: EgressAllowList,
    private readonly resolve: Resolve = (hostname) => dnsLookup(hostname, { all: true, verbatim: true }),
  ) {
    this.allowedHosts = new Set(allow.hosts.map(canonicalHost));
    for (const cidr of allow.cidrs) {
      const { address, prefix, family } = parseCidr(cidr);
      this.allowedRanges.addSubnet(address, prefix, family);
    }
  }

  /** Why `address` (an IP address) may not be reached, or null. */
  refusalOfAddress(address: string): string | null {
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (this.allowedRanges.check(address, family)) return null;
    for (const [reason, ranges] of this.forbidden) if (ranges.check(address, family)) return `${/^[aeiou]/.test(reason) ? 'an' : 'a'} ${reason} address`;
    return null;
  }

  /**
   * Why the URL's host may not be reached judging by the host alone (an IP
   * literal — the URL parser has already turned `2130706433`, `0x7f.1` or
   * `0177.0.0.1` into `127.0.0.1` — or a forbidden name), or null.
   */
  refusalOfHost(hostname: string): string | null {
    const host = canonicalHost(hostname);
    if (this.allowedHosts.has(host)) return null;
    if (isIP(host)) {
      const reason = this.refusalOfAddress(host);
      return reason && `${host} is ${reason}, which webhooks may not reach`;
    }
    if (FORBIDDEN_NAMES.some((name) => name.test(host))) return `${host} is a local or metadata host name, which webhooks may not reach`;
    return null;
  }

  /** Why `hostname` may not be reached once resolved: the first forbidden address among all it resolves to, or null. */
  refusalOfResolved(hostname: string, addresses: LookupAddress[]): string | null {
    const host = canonicalHost(hostname);
    if (this.allowedHosts.has(host)) return null;
    for (const { address } of addresses) {
      const reason = this.refusalOfAddress(address);
      // The tenant learns the kind of address, not the address: names inside are not theirs to map.
      if (reason) return `${host} resolves to ${reason}, which webhooks may not reach`;
    }
    return null;
  }

  /**
   * The check of a new webhook's URL: its host, then what the name resolves
   * to now. A name that does not resolve (yet) is accepted; every delivery
   * checks again.
   */
  async refusalOfUrl(url: URL, resolveTimeoutMs = 5_000): Promise<string | null> {
    const host = canonicalHost(url.hostname);
    const byHost = this.refusalOfHost(host);
    if (byHost || isIP(host) || this.allowedHosts.has(host)) return byHost;
    const timeout = new Promise<null>((resolve) => setTimeout(resolve, resolveTimeoutMs, null).unref());
    const addresses = await Promise.race([this.resolve(host).catch(() => null), timeout]);
    return addresses ? this.refusalOfResolved(host, addresses) : null;
  }

  /**
   * A `lookup` for http.request: resolves with `resolve`, refuses the
   * connection unless every address is allowed, and hands the connection
   * exactly the addresses it checked.
   */
  readonly lookup: LookupFunction = (hostname: string, options: LookupOptions, callback) => {
    const refuse = (reason: string) => callback(new EgressRefused(`refused: ${reason}`), '', 0);
    const byName = this.refusalOfHost(hostname);
    if (byName) return refuse(byName);
    void (async () => {
      const all = await this.resolve(hostname);
      const reason = this.refusalOfResolved(hostname, all);
      if (reason) return refuse(reason);
      const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
      const wanted = family === 4 || family === 6 ? all.filter((a) => a.family === family) : all;
      if (!wanted.length) return callback(Object.assign(new Error(`${hostname} has no IPv${family} address`), { code: 'ENOTFOUND' }), '', 0);
      if (options.all) return callback(null, wanted);
      return callback(null, wanted[0]!.address, wanted[0]!.family);
    })().catch((err: NodeJS.ErrnoException) => callback(err, '', 0));
  };
}
