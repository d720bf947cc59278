/**
 * Fold leases (src/fold-lease.ts) on a real nats-server: one fold of a
 * model at a time across processes. A lease refuses others while its
 * holder renews it, frees the model when released (or its holder stops),
 * and expires when its holder died; a metrics process (an HourStates with
 * leases) that finds another folding a model answers from the rows instead
 * of folding it too.
 */
import { Kvm, type KV } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { openBucket } from '@tideline/nats';
import { eventually } from '@tideline/testing';
import { register } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLD_LEASE_TTL_MS, FOLD_LEASES_BUCKET, FoldLeases, leaseKey } from '../src/fold-lease.ts';
import { HourStates } from '../src/slice-states.ts';
import type { Harness } from './harness.ts';
import { HOUR, mixedRecord, T0 } from './mixed-traffic.ts';

const TTL = 1_000;
let h: Harness;
let nc: NatsConnection;
let short: KV;

beforeAll(async () => {
  const { startHarness } = await import('./harness.ts');
  h = await startHarness();
  nc = await connect({ servers: h.natsUrl });
  short = await openBucket(new Kvm(nc), 'test-fold-leases', { ttlMs: TTL });
}, 120_000);
afterAll(async () => {
  await nc?.close();
  await h?.stop();
});

const folds = async (outcome: string) => (await register.getSingleMetric('tideline_metrics_folds_total')!.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;

describe('fold leases', () => {
  it('refuse others while the holder renews, free the model when released or the holder stops, expire when the holder died', async () => {
    const [a, b] = [new FoldLeases(short, 'a', TTL), new FoldLeases(short, 'b', TTL)];
    const release = await a.take('p', 'm/1 é');
    expect(release).not.toBeNull();
    expect(await b.take('p', 'm/1 é')).toBeNull();
    // A holder that died: its key, written once and never renewed. Once it has expired, so would a's without renewal.
    await short.create(leaseKey('p', 'dead'), 'gone');
    expect(await b.take('p', 'dead')).toBeNull();
    let freed: Awaited<ReturnType<FoldLeases['take']>> = null;
    await eventually(async () => (freed = await b.take('p', 'dead')) !== null, 15_000);
    expect(await b.take('p', 'm/1 é'), 'a renews its lease').toBeNull();
    await release!();
    const taken = await b.take('p', 'm/1 é');
    expect(taken).not.toBeNull();
    await Promise.all([taken!(), freed!()]);
    // A process stopping gives back every lease it holds.
    expect(await a.take('p', 'x')).not.toBeNull();
    expect(await a.take('p', 'y')).not.toBeNull();
    expect(await b.take('p', 'x')).toBeNull();
    await a.releaseAll();
    const after = await Promise.all([b.take('p', 'x'), b.take('p', 'y')]);
    expect(after.every((r) => r !== null)).toBe(true);
    await b.releaseAll();
  });

  it('a process that finds another folding the model answers from the rows; the fold done, from the states; a released lease frees the next fold', async () => {
    const kv = await openBucket(new Kvm(nc), FOLD_LEASES_BUCKET, { ttlMs: FOLD_LEASE_TTL_MS });
    const replica = (name: string) => new HourStates(h.clickhouse, (err) => { throw err; }, { storeLagMs: 0, leases: new FoldLeases(kv, name) });
    const [a, b] = [replica('a'), replica('b')];
    await h.publish(...Array.from({ length: 60 }, (_, i) => ({ ...mixedRecord('p', 'shared', 'BINARY', i), id: `s${i}` })));
    await h.stored('p', 'shared', 60);
    const [ok, elsewhere] = [await folds('ok'), await folds('elsewhere')];
    const ask = (s: HourStates) => s.canAnswer('p', 'shared', 'BINARY', 'tags.country', T0, T0 + 3 * HOUR);
    // A third process is folding the model: b does not fold it too.
    const third = await new FoldLeases(kv, 'x').take('p', 'shared');
    expect(await ask(b)).toBe(false);
    expect([await folds('ok'), await folds('elsewhere')]).toEqual([ok, elsewhere + 1]);
    await third!();
    expect(await ask(a)).toBe(true);
    expect(await folds('ok')).toBe(ok + 1);
    // Folded by a: b reads the states without folding.
    expect(await ask(b)).toBe(true);
    expect(await folds('ok')).toBe(ok + 1);
    // a released its lease: b folds the next change.
    await h.publish({ ...mixedRecord('p', 'shared', 'BINARY', 60), id: 's60' });
    await h.stored('p', 'shared', 61);
    expect(await ask(b)).toBe(true);
    expect([await folds('ok'), await folds('elsewhere')]).toEqual([ok + 2, elsewhere + 1]);
  });
});
