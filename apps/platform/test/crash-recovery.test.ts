/**
 * Kills the platform with SIGKILL while 100,000 predictions are being
 * ingested, restarts it on the same data, and checks that exactly the
 * records it accepted are in the store, none twice. Run alone with
 * `npx vitest run apps/platform/test/crash-recovery.test.ts`.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { CONSUMERS } from '@tideline/contracts';
import { createClickHouseClient } from '@tideline/clickhouse';
import { createApiKey, createProject } from '@tideline/gateway';
import { eventually, ndjson, numberedPredictions, startNatsServer, startPlatformProcess, tempDir, type NatsServerHandle, type PlatformProcess, type TempDir } from '@tideline/testing';

const TOTAL = 100_000;
const BATCH = 2_000;
let nats: NatsServerHandle;
let dir: TempDir;
let env: Record<string, string>;
let platform: PlatformProcess | undefined;

beforeAll(async () => {
  nats = await startNatsServer();
  dir = tempDir('tideline-crash-');
  env = {
    NATS_URL: nats.url,
    CLICKHOUSE_URL: `chdb://${join(dir.path, 'clickhouse')}`,
    TIDELINE_HOME: dir.path,
    TIDELINE_INTERNAL_SECRET: 'c'.repeat(64),
    // Records the killed process had pulled come back after ack_wait: 5 s instead of the default minute.
    STORE_ACK_WAIT_MS: '5000',
  };
});

afterAll(async () => {
  await platform?.stop();
  await nats?.stop();
  dir?.remove();
});

const batchOf = (b: number) => ndjson(numberedPredictions('crash', b * BATCH, BATCH));

it('keeps exactly the accepted records across a SIGKILL', async () => {
  platform = await startPlatformProcess(env);
  const nc = await connect({ servers: nats.url });
  const project = await createProject(new Kvm(nc), 'crash');
  const { key } = await createApiKey(new Kvm(nc), project.id, 'crash');

  const accepted = new Set<number>();
  const ambiguous = new Set<number>();
  let nextBatch = 0;
  let killed = false;
  const url = platform.url;
  const sender = async () => {
    while (nextBatch < TOTAL / BATCH) {
      const b = nextBatch++;
      try {
        const res = await fetch(`${url}/v1/predictions`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: batchOf(b) });
        const body = (await res.json()) as { accepted: number };
        if (res.status === 200 && body.accepted === BATCH) accepted.add(b);
        else ambiguous.add(b);
      } catch {
        ambiguous.add(b); // the connection died with the process: the batch may or may not be stored
      }
      if (killed) return;
    }
  };
  const killer = (async () => {
    await eventually(async () => accepted.size >= 20, 120_000, 5);
    await platform!.kill();
    killed = true;
  })();
  await Promise.all([sender(), sender(), killer]);
  expect(accepted.size).toBeGreaterThanOrEqual(20);
  expect(accepted.size).toBeLessThan(TOTAL / BATCH);

  // Restart on the same data; the store's writer resumes from its durable consumer.
  platform = await startPlatformProcess(env);
  const jsm = await jetstreamManager(nc);
  await eventually(async () => {
    const info = await jsm.consumers.info(CONSUMERS.storeWriter.stream, CONSUMERS.storeWriter.durable);
    return info.num_pending === 0 && info.num_ack_pending === 0;
  }, 120_000, 200);
  await nc.close();
  await platform.stop();
  platform = undefined;

  const client = createClickHouseClient(env.CLICKHOUSE_URL!);
  const rows = await (await client.query({ query: "SELECT id FROM evalstore_predictions FINAL WHERE model = 'crash'", format: 'JSONEachRow' })).json<{ id: string }>();
  const [physical] = await (await client.query({ query: "SELECT count() AS n, uniqExact(id) AS u FROM evalstore_predictions WHERE model = 'crash'", format: 'JSONEachRow' })).json<{ n: string; u: string }>();
  await client.close();

  const stored = new Set(rows.map((r) => r.id));
  expect(stored.size).toBe(rows.length); // none twice in what queries see
  const batchIds = (b: number) => Array.from({ length: BATCH }, (_, i) => `r-${b * BATCH + i}`);
  const missing = [...accepted].flatMap(batchIds).filter((id) => !stored.has(id));
  expect(missing).toEqual([]); // every accepted record survived
  const allowed = new Set([...accepted, ...ambiguous].flatMap(batchIds));
  expect([...stored].filter((id) => !allowed.has(id))).toEqual([]); // nothing that was never sent
  console.log(
    `crash test: ${accepted.size * BATCH} accepted before SIGKILL, ${ambiguous.size} batches in flight, ${stored.size} stored after restart ` +
      `(${physical!.n} physical rows, ${physical!.u} distinct ids)`,
  );
}, 300_000);
