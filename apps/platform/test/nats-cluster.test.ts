/**
 * Streams survive a node: the platform on a 3-node JetStream cluster with
 * TIDELINE_NATS_REPLICAS=3 loses the ingest stream's leader node (SIGKILL)
 * in the middle of a 100,000-record ingest, keeps serving on the other two,
 * and ends with exactly the accepted records stored, none twice. Run alone
 * with `npx vitest run apps/platform/test/nats-cluster.test.ts`.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { KV_BUCKETS, STREAMS } from '@tideline/contracts';
import { createClickHouseClient } from '@tideline/clickhouse';
import { createApiKey, createProject } from '@tideline/gateway';
import { withReplicas } from '@tideline/nats';
import { eventually, keyGraphql, ndjson, numberedPredictions, startNatsCluster, startPlatformProcess, tempDir, type NatsClusterHandle, type PlatformProcess, type TempDir } from '@tideline/testing';

const TOTAL = 100_000;
const BATCH = 2_000;
const BATCHES = TOTAL / BATCH;
let cluster: NatsClusterHandle;
let dir: TempDir;
let env: Record<string, string>;
let platform: PlatformProcess | undefined;
let nc: NatsConnection | undefined;

beforeAll(async () => {
  cluster = await startNatsCluster({ nodes: 3 });
  dir = tempDir('tideline-cluster-');
  env = {
    NATS_URL: cluster.url,
    TIDELINE_NATS_REPLICAS: '3',
    CLICKHOUSE_URL: `chdb://${join(dir.path, 'clickhouse')}`,
    TIDELINE_HOME: dir.path,
    TIDELINE_INTERNAL_SECRET: 'n'.repeat(64),
    // Records pulled through the killed node come back after ack_wait: 5 s instead of the default minute.
    STORE_ACK_WAIT_MS: '5000',
  };
});

afterAll(async () => {
  await nc?.close();
  await platform?.stop();
  await cluster?.stop();
  dir?.remove();
});

const batchOf = (b: number) => ndjson(numberedPredictions('cluster', b * BATCH, BATCH));

/** Replica counts of every stream and durable consumer, e.g. `{ 'TIDELINE_INGEST': 3, 'TIDELINE_INGEST/store-writer': 3 }`. */
async function replicaCounts(jsm: JetStreamManager): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for await (const stream of jsm.streams.list()) {
    counts[stream.config.name] = stream.config.num_replicas;
    for await (const consumer of jsm.consumers.list(stream.config.name)) {
      if (consumer.config.durable_name) counts[`${stream.config.name}/${consumer.name}`] = consumer.config.num_replicas || stream.config.num_replicas;
    }
  }
  return counts;
}

/** The stream's raft group as JetStream reports it: a stream with no leader, or a replica far behind, is why publishes go unanswered. */
async function streamState(jsm: JetStreamManager, name: string): Promise<string> {
  try {
    const { cluster, state } = await jsm.streams.info(name);
    const replicas = (cluster?.replicas ?? []).map((r) => `${r.name}${r.offline ? ' offline' : ''}${r.current ? ' current' : ` lag ${r.lag ?? '?'}`} seen ${Math.round((r.active ?? 0) / 1e6)} ms ago`);
    return `${name}: leader ${cluster?.leader ?? 'none'}, replicas [${replicas.join('; ')}], ${state.messages} messages`;
  } catch (err) {
    return `${name}: no stream info (${(err as Error).message})`;
  }
}

/**
 * What the platform logged (at warn and above: its NATS connection's changes, publishes JetStream did not take, failed
 * requests) since `since` (ms), oldest first, repeats folded (`+1200 ms [×3] …`), then any lines that are not log
 * entries (a crash's stack), and whether the process is still running: where a stall's cause shows from its side.
 */
function platformLog(platform: PlatformProcess, since: number): string[] {
  const lines: string[] = [];
  const other: string[] = [];
  let previous = '';
  for (const line of platform.output().split('\n')) {
    let entry: { time?: number; msg?: string; status?: string; server?: string; err?: { message?: string } };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      if (line.trim()) other.push(line.slice(0, 300));
      continue;
    }
    if (!entry.time || entry.time < since) continue;
    const what = `${entry.msg}${entry.status ? ` ${entry.status}` : ''}${entry.server ? ` ${entry.server}` : ''}${entry.err?.message ? `: ${entry.err.message.slice(0, 300)}` : ''}`;
    if (what === previous) lines[lines.length - 1] = lines.at(-1)!.replace(/^(\+\d+ ms)(?: \[×(\d+)\])?/, (_, at: string, n?: string) => `${at} [×${Number(n ?? 1) + 1}]`);
    else lines.push(`+${entry.time - since} ms ${what}`);
    previous = what;
  }
  let running = true;
  try {
    process.kill(platform.pid, 0);
  } catch {
    running = false;
  }
  return [...lines.slice(-20), ...other.slice(-10), `(platform process ${running ? 'running' : 'gone'})`];
}

it('keeps exactly the accepted records when a NATS node dies mid-ingest', async () => {
  platform = await startPlatformProcess(env);
  nc = await connect({ servers: cluster.url.split(','), maxReconnectAttempts: -1 });
  const jsm = await jetstreamManager(nc);
  // As the CLI would with TIDELINE_NATS_REPLICAS=3: the projects bucket, like everything else, lives on all three nodes.
  const kvm = withReplicas(new Kvm(nc), 3);
  const project = await createProject(kvm, 'cluster');
  const { key } = await createApiKey(kvm, project.id, 'cluster');

  const counts = await replicaCounts(jsm);
  expect(Object.keys(counts)).toContain(STREAMS.ingest.name);
  expect(Object.keys(counts)).toContain('OBJ_tideline-registry-artifacts');
  expect(Object.entries(counts).filter(([, n]) => n !== 3)).toEqual([]);

  // Every batch is sent until the platform accepts it whole: a client retrying on 503, as the API asks.
  // Retries are safe: a batch's JetStream message ids are the digest of its records' keys.
  const accepted = new Set<number>();
  const acceptedAfterKill = new Set<number>();
  const ambiguous = new Set<number>(); // answered other than "all accepted" at least once
  const refusals = new Map<string, number>(); // how those answers looked: HTTP status, or no answer
  const slowest = new Map<string, number>(); // the longest wait for each kind of answer, ms: a publish waiting for its ack shows here
  let killed: string | undefined;
  let nextBatch = 0;
  const startedAt = Date.now();
  const sender = async () => {
    while (nextBatch < BATCHES) {
      const b = nextBatch++;
      await eventually(async () => {
        const sent = Date.now();
        // Bounded, so a request the platform never answers is counted as such instead of hanging the test.
        const signal = AbortSignal.timeout(60_000);
        const res = await fetch(`${platform!.url}/v1/predictions`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: batchOf(b), signal }).catch(() => undefined);
        const body = (await res?.json().catch(() => undefined)) as { accepted?: number } | undefined;
        const seen = res ? String(res.status) : signal.aborted ? 'no answer in 60 s' : 'no answer';
        slowest.set(seen, Math.max(slowest.get(seen) ?? 0, Date.now() - sent));
        if (res?.status === 200 && body?.accepted === BATCH) return true;
        ambiguous.add(b);
        refusals.set(seen, (refusals.get(seen) ?? 0) + 1);
        return false;
      }, 90_000, 250).catch(async (err: Error) => {
        // Self-explaining: the answers (503: no stream leader or no ack in time; none: a request left hanging), how long they took,
        // the stream's raft group now, and what the platform logged about its NATS connection and publishes since the kill.
        const state = await Promise.all([STREAMS.ingest.name, `KV_${KV_BUCKETS.apiKeys}`, `KV_${KV_BUCKETS.models}`].map((name) => streamState(jsm, name)));
        throw new Error(
          `batch ${b} was not accepted${killed ? ` after node ${killed} was killed ${Date.now() - killedAt} ms ago` : ''}: ${err.message}; ` +
            `answers so far: ${JSON.stringify(Object.fromEntries(refusals))}, slowest of each (ms): ${JSON.stringify(Object.fromEntries(slowest))}; ` +
            `now: ${state.join(' | ')}; platform log since ${killed ? 'the kill' : 'the start'}:\n${platformLog(platform!, killSent || startedAt).join('\n')}`,
        );
      });
      accepted.add(b);
      acceptedAt.push(Date.now());
      if (killed) acceptedAfterKill.add(b);
    }
  };
  const acceptedAt: number[] = [];
  let killedAt = 0;
  let killSent = 0; // the log window opens here: the platform may see its connection drop before kill() has seen the exit
  const killer = (async () => {
    await eventually(async () => accepted.size >= 15, 120_000, 5);
    // The node leading the ingest stream: the harder loss, it forces a leader election under load.
    const leader = (await jsm.streams.info(STREAMS.ingest.name)).cluster!.leader!;
    killSent = Date.now();
    await cluster.nodes.find((node) => node.name === leader)!.kill();
    killed = leader;
    killedAt = Date.now();
  })();
  await Promise.all([sender(), sender(), killer]);
  expect(killed).toBeDefined();
  expect(accepted.size).toBe(BATCHES);
  expect(acceptedAfterKill.size).toBeGreaterThan(0);

  // The longest wait for an accepted batch around the kill: JetStream electing new leaders.
  const stalledMs = Math.max(...acceptedAt.map((t, i) => (t >= killedAt && i > 0 ? t - Math.max(acceptedAt[i - 1]!, killedAt) : 0)));
  const gql = keyGraphql(`${platform.url}/graphql`, key);
  await eventually(async () => (await gql<{ model: { predictionCount: number } | null }>('{ model(name: "cluster") { predictionCount } }')).data?.model?.predictionCount === accepted.size * BATCH, 120_000, 500);
  await nc.close();
  nc = undefined;
  const logSinceKill = platformLog(platform, killSent).join(' / ');
  expect(await platform.stop()).toBe(0);
  platform = undefined;

  const client = createClickHouseClient(env.CLICKHOUSE_URL!);
  const rows = await (await client.query({ query: "SELECT id FROM evalstore_predictions FINAL WHERE model = 'cluster'", format: 'JSONEachRow' })).json<{ id: string }>();
  const [physical] = await (await client.query({ query: "SELECT count() AS n, uniqExact(id) AS u FROM evalstore_predictions WHERE model = 'cluster'", format: 'JSONEachRow' })).json<{ n: string; u: string }>();
  await client.close();

  const stored = new Set(rows.map((r) => r.id));
  expect(rows.length).toBe(TOTAL); // exactly the accepted records…
  expect(stored.size).toBe(rows.length); // …none twice…
  const batchIds = (b: number) => Array.from({ length: BATCH }, (_, i) => `r-${b * BATCH + i}`);
  expect([...accepted].flatMap(batchIds).filter((id) => !stored.has(id))).toEqual([]); // …and every one of them
  console.log(
    `nats cluster test: killed ${killed} (ingest stream leader) after ${BATCHES - acceptedAfterKill.size} of ${BATCHES} batches were accepted; ` +
      `no batch accepted for ${stalledMs} ms after it; ${ambiguous.size} batches needed a retry (answers: ${JSON.stringify(Object.fromEntries(refusals))}, slowest of each (ms): ${JSON.stringify(Object.fromEntries(slowest))}); ` +
      `${stored.size} stored (${physical!.n} physical rows, ${physical!.u} distinct ids); platform log since the kill: ${logSinceKill}`,
  );
}, 300_000);
