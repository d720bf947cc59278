import type { ClickHouseClient } from '@tideline/clickhouse';

/**
 * The baseline a user would write by hand: pull each feature's values for
 * both windows out of ClickHouse and compute PSI, KS and Wasserstein in Node.
 */
export async function driftInNode(
  client: ClickHouseClient,
  project: string,
  features: readonly string[],
  reference: { from: number; to: number },
  current: { from: number; to: number },
): Promise<Record<string, { psi: number; ks: number; wasserstein: number }>> {
  const pull = async (window: { from: number; to: number }) => {
    const result = await client.query({
      query: `SELECT features_num FROM evalstore_predictions FINAL WHERE project = {project:String} AND model = 'drift'
              AND ts >= fromUnixTimestamp64Milli({from:Int64}) AND ts < fromUnixTimestamp64Milli({to:Int64})`,
      query_params: { project, from: window.from, to: window.to },
      format: 'JSONEachRow',
    });
    const rows = await result.json<{ features_num: Record<string, number> }>();
    return Object.fromEntries(features.map((f) => [f, Float64Array.from(rows, (r) => r.features_num[f] ?? NaN).sort()]));
  };
  const [ref, cur] = await Promise.all([pull(reference), pull(current)]);
  return Object.fromEntries(features.map((f) => [f, { psi: psi(ref[f]!, cur[f]!), ks: ks(ref[f]!, cur[f]!), wasserstein: wasserstein(ref[f]!, cur[f]!) }]));
}

const quantile = (sorted: Float64Array, q: number) => {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo]! + (sorted[Math.ceil(pos)]! - sorted[lo]!) * (pos - lo);
};

/** Index of the first element > x (values equal to an edge go to the upper bin). */
const upperBound = (sorted: Float64Array, x: number) => {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

function psi(ref: Float64Array, cur: Float64Array): number {
  const edges = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((q) => quantile(ref, q));
  const shares = (values: Float64Array) => {
    const counts = new Array<number>(10).fill(0);
    for (const v of values) counts[upperBound(Float64Array.from(edges), v)]!++;
    return counts.map((c) => Math.max(c / values.length, 1e-4));
  };
  const r = shares(ref);
  const c = shares(cur);
  return r.reduce((sum, ri, i) => sum + (c[i]! - ri) * Math.log(c[i]! / ri), 0);
}

function ks(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const x = Math.min(a[i]!, b[j]!);
    while (i < a.length && a[i]! <= x) i++;
    while (j < b.length && b[j]! <= x) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return d;
}

function wasserstein(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let prev = Math.min(a[0]!, b[0]!);
  let area = 0;
  while (i < a.length || j < b.length) {
    const x = Math.min(i < a.length ? a[i]! : Infinity, j < b.length ? b[j]! : Infinity);
    area += Math.abs(i / a.length - j / b.length) * (x - prev);
    while (i < a.length && a[i]! <= x) i++;
    while (j < b.length && b[j]! <= x) j++;
    prev = x;
  }
  return area;
}
