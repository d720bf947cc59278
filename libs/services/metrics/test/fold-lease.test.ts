/**
 * Fold leases (src/fold-lease.ts) on a real nats-server: one fold of a
 * model at a time across processes. A lease refuses others while its
 * holder renews it, frees the model when released (or its holder stops),
 * and expires when its holder died. A metrics process (an HourStates with
 * leases) that finds another folding a model does not fold it too: it waits
 * for a fold small enough by the other's plan, as for one of its own, and
 * answers from the rows beside a larger one.
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
    const held = await a.take('p', 'm/1 é');
    expect(held).not.toBeNull();
    expect(await b.take('p', 'm/1 é')).toBeNull();
    // A holder that died: its key, written once and never renewed. Once it has expired, so would a's without renewal.
    await short.create(leaseKey('p', 'dead'), 'gone');
    expect(await b.take('p', 'dead')).toBeNull();
    let freed: Awaited<ReturnType<FoldLeases['take']>> = null;
    await eventually(async () => (freed = await b.take('p', 'dead')) !== null, 15_000);
    expect(await b.take('p', 'm/1 é'), 'a renews its lease').toBeNull();
    await held!.release();
    const taken = await b.take('p', 'm/1 é');
    expect(taken).not.toBeNull();
    await Promise.all([taken!.release(), freed!.release()]);
    // A process stopping gives back every lease it holds.
    expect(await a.take('p', 'x')).not.toBeNull();
    expect(await a.take('p', 'y')).not.toBeNull();
    expect(await b.take('p', 'x')).toBeNull();
    await a.releaseAll();
    const after = await Promise.all([b.take('p', 'x'), b.take('p', 'y')]);
    expect(after.every((r) => r !== null)).toBe(true);
    await b.releaseAll();
  });

  it('a process finding another folding the model waits for a small fold and reads its states, answers from the rows beside a large one, and folds once the lease is free', async () => {
    const kv = await openBucket(new Kvm(nc), FOLD_LEASES_BUCKET, { ttlMs: FOLD_LEASE_TTL_MS });
    // A wait longer than the test's timeout: b answers beside the large fold only because it reads the other's plan.
    const b = new HourStates(h.clickhouse, (err) => { throw err; }, { storeLagMs: 0, waitMs: 120_000, leases: new FoldLeases(kv, 'b') });
    // The other process: its lease taken by hand, its fold made by hour states of its own (without leases).
    const other = { lease: new FoldLeases(kv, 'other'), states: new HourStates(h.clickhouse, (err) => { throw err; }, { storeLagMs: 0 }) };
    const add = async (from: number, to: number) => {
      await h.publish(...Array.from({ length: to - from }, (_, k) => ({ ...mixedRecord('p', 'shared', 'BINARY', from + k), id: `s${from + k}` })));
      await h.stored('p', 'shared', to);
    };
    const ask = (s: HourStates) => s.canAnswer({ project: 'p', model: 'shared', task: 'BINARY', field: 'tags.country', fromMs: T0, toMs: T0 + 3 * HOUR });
    await add(0, 60);
    const [ok, elsewhere] = [await folds('ok'), await folds('elsewhere')];

    // A small fold elsewhere (60 rows planned): b waits for it, then reads the states it wrote, folding nothing itself.
    const small = await other.lease.take('p', 'shared');
    await small!.plan(60);
    const waiting = ask(b);
    await eventually(async () => (await folds('elsewhere')) === elsewhere + 1, 30_000);
    expect(await ask(other.states)).toBe(true);
    await small!.release();
    expect(await waiting).toBe(true);
    expect(await folds('ok')).toBe(ok + 1); // the other's fold alone

    // A large fold elsewhere (more rows than a read waits for): b answers from the rows at once.
    await add(60, 61);
    const large = await other.lease.take('p', 'shared');
    await large!.plan(1e9);
    expect(await ask(b)).toBe(false);
    expect([await folds('ok'), await folds('elsewhere')]).toEqual([ok + 1, elsewhere + 2]);

    // The lease given back, b folds the change itself, and gives the lease back in turn.
    await large!.release();
    expect(await ask(b)).toBe(true);
    expect([await folds('ok'), await folds('elsewhere')]).toEqual([ok + 2, elsewhere + 2]);
    const next = await other.lease.take('p', 'shared');
    expect(next, 'b released its lease after its fold').not.toBeNull();
    await next!.release();
  });
});
