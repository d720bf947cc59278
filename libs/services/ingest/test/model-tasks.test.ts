/**
 * Two ingest replicas fixing the task of the same new model at once, on a
 * real nats-server: the first `create` wins, the other sees the conflict
 * (isCompareAndSetConflict) and takes the winner's task.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Kvm, type KV } from '@nats-io/kv';
import { startNatsServer, type NatsServerHandle } from '@tideline/testing';
import { ModelTasks } from '../src/model-tasks.ts';

let server: NatsServerHandle;
let nc: NatsConnection;
let kv: KV;

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url });
  kv = await new Kvm(nc).create('model_tasks_race');
});

afterAll(async () => {
  await nc?.close();
  await server?.stop();
});

it("gives every replica the first writer's task when they fix a new model at once", async () => {
  for (let round = 0; round < 5; round++) {
    const model = `m${round}`;
    const replicas = [new ModelTasks(kv), new ModelTasks(kv), new ModelTasks(kv)];
    const fixed = await Promise.all(replicas.map((tasks, i) => tasks.fix('p', model, i % 2 ? 'REGRESSION' : 'BINARY')));
    const stored = JSON.parse((await kv.get(`p.${model}`))!.string()).task;
    expect(fixed).toEqual([stored, stored, stored]);
  }
  // A replica that comes later reads it.
  expect(await new ModelTasks(kv).fix('p', 'm0', 'MULTICLASS')).toBe(JSON.parse((await kv.get('p.m0'))!.string()).task);
});

it('lets a failure that is no conflict through, as it is', async () => {
  // A bucket too small for any record: JetStream refuses the write, and nobody else wrote it.
  const full = await new Kvm(nc).create('model_tasks_full', { max_bytes: 16 });
  const failure = await new ModelTasks(full).fix('p', 'm', 'BINARY').catch((err: unknown) => err);
  expect(failure).toMatchObject({ name: 'JetStreamApiError', message: expect.stringMatching(/maximum bytes|message size/i) });
});
