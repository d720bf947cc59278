/** SciPy's and numpy's numeric drift statistics of stored rows: the oracle of the drift tests that generate bulk data in ClickHouse. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { ClickHouseClient } from '@tideline/clickhouse';
import { tempDir } from '@tideline/testing';

export type DriftTruth = { ks: number; wasserstein: number; psi: number };

/** ks_2samp, wasserstein_distance and numpy's PSI as the metrics README defines it, per feature. */
export function scipy(values: Record<string, { ref: number[]; cur: number[] }>): Record<string, DriftTruth> {
  const dir = tempDir('drift-oracle-');
  try {
    writeFileSync(`${dir.path}/values.json`, JSON.stringify(values));
    const script = `
import json, sys, numpy as np
from scipy.stats import ks_2samp, wasserstein_distance
values = json.load(open(sys.argv[1]))
def psi(ref, cur):
    edges = np.quantile(ref, [k * 0.1 for k in range(1, 10)])
    r = np.maximum(np.bincount(np.searchsorted(edges, ref, side='right'), minlength=10) / len(ref), 1e-4)
    c = np.maximum(np.bincount(np.searchsorted(edges, cur, side='right'), minlength=10) / len(cur), 1e-4)
    return float(np.sum((c - r) * np.log(c / r)))
out = {f: {'ks': float(ks_2samp(v['ref'], v['cur']).statistic), 'wasserstein': float(wasserstein_distance(v['ref'], v['cur'])),
           'psi': psi(np.array(v['ref']), np.array(v['cur']))} for f, v in values.items()}
print(json.dumps(out))`;
    const run = spawnSync('/usr/bin/python3', ['-c', script, `${dir.path}/values.json`], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (run.status !== 0) throw new Error(`SciPy failed: ${run.stderr}`);
    return JSON.parse(run.stdout) as Record<string, DriftTruth>;
  } finally {
    dir.remove();
  }
}

/** The stored values of a numeric feature in [from, to) (epoch ms). */
export async function rawValues(clickhouse: ClickHouseClient, project: string, model: string, feature: string, from: number, to: number): Promise<number[]> {
  const result = await clickhouse.query({
    query: `SELECT features_num[{f:String}] AS v FROM evalstore_predictions FINAL WHERE project = {p:String} AND model = {m:String}
      AND mapContains(features_num, {f:String}) AND ts >= fromUnixTimestamp64Milli({from:Int64}) AND ts < fromUnixTimestamp64Milli({to:Int64})`,
    query_params: { p: project, m: model, f: feature, from, to },
    format: 'JSONEachRow',
  });
  return (await result.json<{ v: number }>()).map((r) => r.v);
}
