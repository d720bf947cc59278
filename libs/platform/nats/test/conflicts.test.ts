import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { startNatsServer, type NatsServerHandle } from '@tideline/testing';
import { isCompareAndSetConflict } from '../src/index.ts';

let server: NatsServerHandle;
let nc: NatsConnection;
let js: JetStreamClient;
let kv: KV;

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url });
  js = jetstream(nc);
  await (await jetstreamManager(nc)).streams.add({ name: 'CAS', subjects: ['cas.>'] });
  kv = await new Kvm(nc).create('cas_bucket');
});

afterAll(async () => {
  await nc?.close();
  await server?.stop();
});

/** What `write` rejected with (it must reject). */
const failureOf = async (write: () => Promise<unknown>): Promise<unknown> => {
  try {
    await write();
  } catch (error) {
    return error;
  }
  throw new Error('the write was expected to fail');
};

describe('isCompareAndSetConflict (real nats-server)', () => {
  it('is true for a KV create of a key that exists, and an update at a stale revision', async () => {
    const first = await kv.create('k', 'one');
    expect(isCompareAndSetConflict(await failureOf(() => kv.create('k', 'two')))).toBe(true);
    await kv.update('k', 'three', first);
    expect(isCompareAndSetConflict(await failureOf(() => kv.update('k', 'four', first)))).toBe(true);
  });

  it('is true for a publish with a wrong expected subject or stream sequence', async () => {
    const ack = await js.publish('cas.a', 'one', { expect: { lastSubjectSequence: 0 } });
    expect(isCompareAndSetConflict(await failureOf(() => js.publish('cas.a', 'two', { expect: { lastSubjectSequence: 0 } })))).toBe(true);
    expect(isCompareAndSetConflict(await failureOf(() => js.publish('cas.b', 'two', { expect: { lastSequence: ack.seq + 5 } })))).toBe(true);
    await js.publish('cas.a', 'two', { expect: { lastSubjectSequence: ack.seq } });
  });

  it('is false for other failures', async () => {
    // A JetStream API error of another kind: the expected stream is not the one the subject is in.
    const otherApiError = await failureOf(() => js.publish('cas.c', 'x', { expect: { streamName: 'OTHER' } }));
    expect(otherApiError).toMatchObject({ name: 'JetStreamApiError' });
    expect(isCompareAndSetConflict(otherApiError)).toBe(false);
    expect(isCompareAndSetConflict(await failureOf(() => js.publish('nowhere.x', 'x', { timeout: 500 })))).toBe(false);
    expect(isCompareAndSetConflict(Object.assign(new Error('wrong last sequence: 3'), { code: 10071 }))).toBe(false);
    expect(isCompareAndSetConflict(undefined)).toBe(false);
  });
});
