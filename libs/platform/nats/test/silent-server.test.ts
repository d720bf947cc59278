/**
 * A NATS server that stops answering without closing its connections (a
 * frozen process, a partitioned or lost host) is left within a few ping
 * intervals (NATS_PING_INTERVAL_MS, also the time a dialed server has to answer): the nats module's connection takes it
 * for dead and moves to another node of the cluster. A SIGKILLed server on
 * the same host is noticed at once (the kernel closes its sockets); a
 * SIGSTOPped one keeps them open, as a vanished host would, and only the
 * pings tell. With the client library's own ping (every 2 minutes, 2 unanswered)
 * the connection would stay on the silent node for 6 minutes, every publish
 * timing out.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { captureLogs, type ModuleContext } from '@tideline/runtime';
import { eventually, startNatsCluster, type NatsClusterHandle } from '@tideline/testing';
import { natsModule, type Nats } from '../src/index.ts';

let cluster: NatsClusterHandle;
let frozen: number | undefined;

beforeAll(async () => {
  cluster = await startNatsCluster({ nodes: 3 });
}, 120_000);

afterAll(async () => {
  if (frozen) process.kill(frozen, 'SIGCONT');
  await cluster?.stop();
});

it('leaves a server that went silent for another node of the cluster within a few pings', async () => {
  const [first] = cluster.nodes;
  const config = natsModule.config!.read({ NATS_URL: first!.url, NATS_PING_INTERVAL_MS: '2000' });
  expect(config.errors).toEqual([]);
  const { logger, entries } = captureLogs();
  const running = await natsModule.start!({ logger } as ModuleContext, config.value!);
  try {
    const { connection } = running.value as Nats;
    const silent = `127.0.0.1:${first!.port}`;
    expect(connection.getServer()).toBe(silent);
    // Frozen: its sockets stay open, nothing comes back.
    process.kill(first!.pid, 'SIGSTOP');
    frozen = first!.pid;
    // Three 2 s pings, then a reconnect that may dial the silent server first (2 s more): 30 s leaves room for a loaded machine,
    // far below the library's own 6 minutes (and 20 s for each dial of the silent server).
    // Left means connected elsewhere and answering: while it reconnects, getServer() already names the node it dials, and a
    // ping then fails ('connection disconnected'), so the wait is for a ping another node answers, not for the name alone.
    const moved = await eventually(async () => (connection.getServer() === silent ? null : { server: connection.getServer(), rtt: await connection.rtt() }), 30_000, 100);
    expect(cluster.nodes.slice(1).map((node) => `127.0.0.1:${node.port}`)).toContain(moved.server);
    expect(moved.rtt).toBeGreaterThanOrEqual(0);
    // The log says why: a ping left unanswered, then the disconnect from the silent server and the reconnect.
    const statuses = entries.filter((e) => e.msg === 'nats status').map((e) => `${e.status as string}${e.pendingPings ? ` ${e.pendingPings as number}` : ''}`);
    expect(statuses).toEqual(expect.arrayContaining(['ping 2', 'disconnect', 'reconnect']));
  } finally {
    process.kill(first!.pid, 'SIGCONT');
    frozen = undefined;
    await running.stop?.();
  }
  expect(natsModule.config!.read({ NATS_PING_INTERVAL_MS: '100' }).errors).toEqual(['NATS_PING_INTERVAL_MS="100" is invalid: expected an integer from 1000 to 120000']);
}, 60_000);
