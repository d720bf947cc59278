/**
 * A flush in flight when the connection drops is answered `false`, not
 * thrown: the store writer flushes its acks after every batch, and a NATS
 * node dying under that flush used to end the writer's loop and the whole
 * platform (the NATS-cluster test's "no answer" failures). Made
 * deterministic: the server is frozen (SIGSTOP) so the flush's ping waits,
 * then killed, which closes its sockets and drops the connection.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { eventually, startNatsServer, type NatsServerHandle } from '@tideline/testing';
import { flushAcks } from '../src/index.ts';

let server: NatsServerHandle | undefined;
let nc: NatsConnection | undefined;
let frozen = false;

/** Whether every thread of `pid` is stopped (state T): SIGSTOP returns before a thread running on the other core has stopped. */
const allStopped = (pid: number) => readdirSync(`/proc/${pid}/task`).every((tid) => / T /.test(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')));

afterEach(async () => {
  if (frozen) process.kill(server!.pid, 'SIGCONT');
  frozen = false;
  await nc?.close();
  await server?.stop();
});

it('answers false when the connection drops under a flush, and true when the flush arrives', async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url, maxReconnectAttempts: -1 });
  expect(await flushAcks(nc)).toBe(true);
  process.kill(server.pid, 'SIGSTOP');
  frozen = true;
  await eventually(async () => allStopped(server!.pid), 5_000, 5);
  const flushed = flushAcks(nc);
  // The ping is on its way and nothing answers it; the kill drops the connection under it.
  await server.kill();
  frozen = false;
  expect(await flushed).toBe(false);
  // Dropped, not closed: the client keeps trying to reconnect (another node, in a cluster).
  expect(nc.isClosed()).toBe(false);
});

it('still throws on a closed connection', async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url });
  await nc.close();
  await expect(flushAcks(nc)).rejects.toThrow();
});
