/**
 * Drift against the oracle (SciPy 1.10 / numpy values for synthetic traffic,
 * see shared/oracle/README.md) through Tideline's public interfaces only:
 * the platform process ingests the classifier's predictions over HTTP and
 * every `expected.drift` value (day1 versus day0, every slice) is asked of
 * the gateway. Tolerances: KS, Wasserstein, PSI, Jensen–Shannon and the
 * chi-square p-value 1e-9 relative (Float64 end to end); the KS p-value the
 * same decision at 0.05 and 1e-3 absolute when above 1e-6 (the README's).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { createApiKey, createProject } from '@tideline/gateway';
import {
  eventually,
  loadOracle,
  oracleRecords,
  postAll,
  startNatsServer,
  startPlatformProcess,
  tempDir,
  type NatsServerHandle,
  type Oracle,
  type PlatformProcess,
  type TempDir,
} from '@tideline/testing';

const RELATIVE_TOLERANCE = 1e-9;

let nats: NatsServerHandle;
let dir: TempDir;
let platform: PlatformProcess;
let nc: NatsConnection;
let key = '';
const oracle: Oracle = loadOracle();

/** Oracle feature → Tideline feature name. */
const FEATURES: Record<string, string> = { x1: 'features.x1', x2: 'features.x2', score: 'output.score', device: 'tags.device' };

beforeAll(async () => {
  nats = await startNatsServer();
  dir = tempDir('tideline-oracle-drift-');
  platform = await startPlatformProcess({
    NATS_URL: nats.url,
    CLICKHOUSE_URL: `chdb://${join(dir.path, 'clickhouse')}`,
    TIDELINE_HOME: dir.path,
    TIDELINE_INTERNAL_SECRET: 'd'.repeat(64),
    STORE_BATCH_MAX_WAIT_MS: '50',
  });
  nc = await connect({ servers: nats.url });
  const kvm = new Kvm(nc);
  const project = await createProject(kvm, 'oracle-drift');
  key = (await createApiKey(kvm, project.id, 'oracle-drift')).key;
  // Drift reads predictions only: the classifier's are enough.
  const { predictions } = oracleRecords(oracle);
  await postAll(platform.url, key, '/v1/predictions', predictions.filter((p) => p.model === 'churn'));
  await eventually(async () => {
    const { data } = await gql<{ model: { predictionCount: number } | null }>(`{ model(name: "churn") { predictionCount } }`);
    return data.model?.predictionCount === oracle.predictions.length;
  }, 60_000, 200);
}, 120_000);

afterAll(async () => {
  await nc?.close();
  if (platform) await platform.stop();
  await nats?.stop();
  dir?.remove();
});

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<{ data: T }> {
  const res = await fetch(`${platform.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown[] };
  if (res.status !== 200 || body.errors) throw new Error(`GraphQL ${res.status}: ${JSON.stringify(body.errors ?? body).slice(0, 1000)}`);
  return body;
}

const day = (i: number) => ({ from: new Date(oracle.t0 + i * oracle.dayMs).toISOString(), to: new Date(oracle.t0 + (i + 1) * oracle.dayMs).toISOString() });

/** `country=BR,device=ios` → a slice filter; `all` → none. */
const sliceOf = (slice: string) =>
  slice === 'all'
    ? null
    : {
        and: slice.split(',').map((pair) => {
          const [field, value] = pair.split('=') as [string, string];
          return { field: `tags.${field}`, op: 'EQ', value };
        }),
      };

interface Entry {
  feature: string;
  method: string;
  statistic: number | null;
  pValue: number | null;
}

const relativeMismatch = (what: string, got: number | null | undefined, want: number) =>
  got !== null && got !== undefined && Math.abs(got - want) <= RELATIVE_TOLERANCE * Math.abs(want) ? [] : [`${what}: ${got}, expected ${want}`];

describe('drift agrees with the oracle (SciPy 1.10) through the gateway', () => {
  it('every statistic of every feature and slice, day1 versus day0 (one driftReport per slice)', async () => {
    const mismatches: string[] = [];
    const slices = Object.entries(oracle.expected.drift);
    expect(slices.length).toBeGreaterThanOrEqual(7);
    await Promise.all(
      slices.map(async ([slice, expected]) => {
        const { data } = await gql<{ driftReport: Entry[] }>(
          `query($r: TimeRangeInput!, $c: TimeRangeInput!, $s: SliceFilterInput, $f: [String!]!) {
            driftReport(model: "churn", features: $f, reference: $r, current: $c, slice: $s) { feature method statistic pValue } }`,
          { r: day(0), c: day(1), s: sliceOf(slice), f: Object.keys(expected).map((f) => FEATURES[f]!) },
        );
        const got = (feature: string, method: string) => data.driftReport.find((e) => e.feature === FEATURES[feature] && e.method === method);
        for (const [feature, want] of Object.entries(expected)) {
          const at = `${slice} ${feature}`;
          if (want.ks !== undefined) {
            mismatches.push(...relativeMismatch(`${at} ks`, got(feature, 'KS')?.statistic, want.ks));
            mismatches.push(...relativeMismatch(`${at} wasserstein`, got(feature, 'WASSERSTEIN')?.statistic, want.wasserstein!));
            mismatches.push(...relativeMismatch(`${at} psi`, got(feature, 'PSI')?.statistic, want.psi!));
            const p = got(feature, 'KS')?.pValue ?? null;
            const wantP = want.ksPValue!;
            if (p === null || (p < 0.05) !== (wantP < 0.05) || (wantP > 1e-6 && Math.abs(p - wantP) > 1e-3)) mismatches.push(`${at} ksPValue: ${p}, expected ${wantP}`);
          }
          if (want.jensenShannon !== undefined) {
            mismatches.push(...relativeMismatch(`${at} jensenShannon`, got(feature, 'JENSEN_SHANNON')?.statistic, want.jensenShannon));
            mismatches.push(...relativeMismatch(`${at} chi2PValue`, got(feature, 'CHI2')?.pValue, want.chi2PValue!));
          }
        }
      }),
    );
    expect(mismatches).toEqual([]);
  });

  it('the single-feature drift query agrees and flags the drifting feature', async () => {
    const want = oracle.expected.drift['country=BR']!.x1!;
    const { data } = await gql<{ ks: { statistic: number; pValue: number; drifted: boolean }; psi: { statistic: number; drifted: boolean }; x2: { drifted: boolean } }>(
      `query($r: TimeRangeInput!, $c: TimeRangeInput!, $s: SliceFilterInput) {
        ks: drift(model: "churn", feature: "features.x1", method: KS, reference: $r, current: $c, slice: $s) { statistic pValue drifted }
        psi: drift(model: "churn", feature: "features.x1", method: PSI, reference: $r, current: $c, slice: $s) { statistic drifted }
        x2: drift(model: "churn", feature: "features.x2", method: PSI, reference: $r, current: $c, slice: $s) { drifted } }`,
      { r: day(0), c: day(1), s: sliceOf('country=BR') },
    );
    expect(relativeMismatch('ks', data.ks.statistic, want.ks!)).toEqual([]);
    expect(relativeMismatch('psi', data.psi.statistic, want.psi!)).toEqual([]);
    expect(data.ks.drifted && data.psi.drifted).toBe(true);
    expect(data.x2.drifted).toBe(false);
  });
});
