/**
 * k-center greedy (Sener & Savarese 2018, "core-set" selection) over
 * standardized numeric features: each step picks the candidate farthest
 * from everything picked so far (and from the anchors: rows labeled or
 * queued before), so a batch covers the feature space instead of piling
 * up near-copies. It runs in Node on a bounded pool: memory is one
 * Float32Array of pool × features (at most MAX_FEATURES) plus one distance
 * per pool row; time is O(k × pool × features).
 */
export const MAX_FEATURES = 256;

export interface FeatureRow {
  features: Record<string, number>;
}

export interface Standardized {
  names: string[];
  /** Row-major, rows × names.length; a missing value is the mean (0 after standardizing). */
  vectors: Float32Array;
  rows: number;
}

/** Feature names of the pool, most frequent first (then by name), features constant over the pool left out. */
export function standardize(pool: readonly FeatureRow[], anchors: readonly FeatureRow[] = []): { pool: Standardized; anchors: Standardized } {
  const counts = new Map<string, number>();
  for (const row of pool) for (const name of Object.keys(row.features)) counts.set(name, (counts.get(name) ?? 0) + 1);
  const candidates = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([name]) => name);
  const stats: { name: string; mean: number; sd: number }[] = [];
  for (const name of candidates) {
    if (stats.length === MAX_FEATURES) break;
    let n = 0;
    let mean = 0;
    let m2 = 0;
    for (const row of pool) {
      const x = row.features[name];
      if (x === undefined || !Number.isFinite(x)) continue;
      n++;
      const delta = x - mean;
      mean += delta / n;
      m2 += delta * (x - mean);
    }
    const sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
    if (sd > 0) stats.push({ name, mean, sd });
  }
  const encode = (rows: readonly FeatureRow[]): Standardized => {
    const vectors = new Float32Array(rows.length * stats.length);
    rows.forEach((row, i) => {
      stats.forEach((s, j) => {
        const x = row.features[s.name];
        vectors[i * stats.length + j] = x === undefined || !Number.isFinite(x) ? 0 : (x - s.mean) / s.sd;
      });
    });
    return { names: stats.map((s) => s.name), vectors, rows: rows.length };
  };
  return { pool: encode(pool), anchors: encode(anchors) };
}

function distance(a: Float32Array, i: number, b: Float32Array, j: number, d: number): number {
  let sum = 0;
  for (let k = 0; k < d; k++) {
    const diff = a[i * d + k]! - b[j * d + k]!;
    sum += diff * diff;
  }
  return Math.sqrt(sum);
}

/**
 * Picks `k` pool rows by k-center greedy; returns their indices in pick
 * order and each one's distance to the nearest earlier center when picked.
 * Without anchors the first pick is pool row 0 (the caller orders the pool:
 * most uncertain first for HYBRID, seeded random for DIVERSITY). Ties go to
 * the lower index, so the result is deterministic.
 */
export function kCenterGreedy(pool: Standardized, anchors: Standardized, k: number): { index: number; distance: number }[] {
  const { nearest, update } = nearestCenters(pool, anchors);
  const picked: { index: number; distance: number }[] = [];
  const taken = new Uint8Array(pool.rows);
  while (picked.length < Math.min(k, pool.rows)) {
    let best = -1;
    for (let i = 0; i < pool.rows; i++) if (!taken[i] && (best < 0 || nearest[i]! > nearest[best]!)) best = i;
    picked.push({ index: best, distance: nearest[best]! });
    taken[best] = 1;
    update(best);
  }
  return picked;
}

/**
 * Each pool row's distance to its nearest center so far (the anchors to
 * start with), and `update` to make the pool's row j a center too.
 */
function nearestCenters(pool: Standardized, anchors: Standardized) {
  const d = pool.names.length;
  const nearest = new Float64Array(pool.rows).fill(Infinity);
  const add = (from: Float32Array, j: number) => {
    for (let i = 0; i < pool.rows; i++) {
      const dist = distance(pool.vectors, i, from, j, d);
      if (dist < nearest[i]!) nearest[i] = dist;
    }
  };
  for (let j = 0; j < anchors.rows; j++) add(anchors.vectors, j);
  return { nearest, update: (j: number) => add(pool.vectors, j) };
}

/**
 * k-means++ seeding (D² sampling, as BADGE does on its embeddings): each
 * step picks a row with probability proportional to its squared distance to
 * the nearest earlier center. Near-copies of a pick have almost no chance,
 * so a batch is spread out, yet unlike k-center greedy a lone outlier does
 * not beat a dense region of uncertain rows: regions are drawn in proportion
 * to their mass. `weights` (HYBRID: each row's uncertainty) scale the
 * distances, as BADGE's gradient embeddings scale with the model's
 * uncertainty: a region of very uncertain rows outweighs one of rows the
 * model is nearly sure about. Without anchors the first pick is pool row 0
 * (HYBRID's most uncertain candidate). Same seed, same picks.
 */
export function dSquaredSampling(pool: Standardized, anchors: Standardized, k: number, random: () => number, weights?: readonly number[]): { index: number; distance: number }[] {
  const { nearest, update } = nearestCenters(pool, anchors);
  const mass = (i: number) => (weights ? weights[i]! ** 2 : 1) * nearest[i]! ** 2;
  const picked: { index: number; distance: number }[] = [];
  const taken = new Uint8Array(pool.rows);
  while (picked.length < Math.min(k, pool.rows)) {
    let chosen = -1;
    let total = 0;
    for (let i = 0; i < pool.rows; i++) if (!taken[i] && Number.isFinite(nearest[i]!)) total += mass(i);
    if (picked.length === 0 && anchors.rows === 0) chosen = 0;
    else if (total > 0) {
      let target = random() * total;
      for (let i = 0; i < pool.rows; i++) {
        if (taken[i]) continue;
        target -= mass(i);
        chosen = i;
        if (target < 0) break;
      }
    }
    // Every row left is a copy of a pick (distance 0): take them in pool order.
    if (chosen < 0 || taken[chosen]) chosen = taken.indexOf(0);
    picked.push({ index: chosen, distance: nearest[chosen]! });
    taken[chosen] = 1;
    update(chosen);
  }
  return picked;
}
