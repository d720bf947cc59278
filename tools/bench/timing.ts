import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { createClickHouseClient } from '@tideline/clickhouse';
import { createApiKey, createProject } from '@tideline/gateway';
import { startPlatformProcess } from '@tideline/testing';
import { median } from './traffic.ts';

/** What `fn` returned and how long it took, in ms. */
export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const value = await fn();
  return [value, performance.now() - t];
}

/** The median time of `runs` runs of `fn`, after `warmups` runs (caches, query plans, the JIT). */
export async function medianMs(runs: number, fn: () => Promise<unknown>, warmups = 1): Promise<number> {
  for (let i = 0; i < warmups; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(fn))[1]);
  return median(times);
}

/**
 * For benchmarks that generate their data in ClickHouse before the platform
 * process opens it: a project and its API key, made on the nats-server
 * directly, and a client of the chDB directory under `home` (close it before
 * the platform starts on `clickhouseUrl`: one process per directory).
 */
export async function prepareBenchData(natsUrl: string, home: string, name = 'bench') {
  const clickhouseUrl = `chdb://${join(home, 'clickhouse')}`;
  return { ...(await benchProject(natsUrl, name)), clickhouseUrl, direct: createClickHouseClient(clickhouseUrl) };
}

/** A project and its API key, made on the nats-server directly. */
export async function benchProject(natsUrl: string, name: string): Promise<{ project: string; key: string }> {
  const nc = await connect({ servers: natsUrl });
  try {
    const project = await createProject(new Kvm(nc), name);
    const { key } = await createApiKey(new Kvm(nc), project.id, name);
    return { project: project.id, key };
  } finally {
    await nc.close();
  }
}

/** The secret a bench platform's gateway signs what it forwards with (for a bench that asks a subgraph directly: signedGraphql). */
export const BENCH_INTERNAL_SECRET = 'b'.repeat(64);

/** The platform process on the chDB directory bench data were generated in (close the direct client first). */
export const startPlatformOnBenchData = (natsUrl: string, clickhouseUrl: string, home: string, env: Record<string, string> = {}) =>
  startPlatformProcess(
    {
      ...env,
      NATS_URL: natsUrl,
      CLICKHOUSE_URL: clickhouseUrl,
      TIDELINE_HOME: home,
      TIDELINE_INTERNAL_SECRET: BENCH_INTERNAL_SECRET,
      // A benchmark measures how long its heaviest reports take on a busy machine, not whether they fit the default bound of 60 s.
      METRICS_QUERY_TIMEOUT_MS: '900000',
    },
    300_000,
  );
