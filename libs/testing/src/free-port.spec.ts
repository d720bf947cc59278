import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from './free-port.ts';

const held: Server[] = [];
afterEach(async () => {
  await Promise.all(held.splice(0).map((s) => new Promise((r) => s.close(r))));
});
const hold = (port: number) =>
  new Promise<void>((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(port, '127.0.0.1', () => (held.push(server), resolve()));
  });

describe('freePort', () => {
  it('chooses ports below the range the kernel hands outgoing connections, distinct when asked for at once', async () => {
    const [ephemeralLow] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    const ports = await Promise.all(Array.from({ length: 30 }, () => freePort()));
    expect(new Set(ports).size).toBe(30);
    for (const port of ports) expect(port).toBeLessThan(ephemeralLow!);
  });

  it('skips a port another process holds', async () => {
    const port = await freePort();
    // The next port of this worker's slice of 1,000 (wrapping at its end) is the one it would hand out next.
    const sliceStart = port - ((port - 20_000) % 1_000);
    const following = sliceStart + ((port - sliceStart + 1) % 1_000);
    await hold(following);
    const chosen = await freePort();
    expect(chosen).not.toBe(following);
    await hold(chosen); // and it is free
  });
});
