import { describe, expect, it } from 'vitest';
import { seededRandom } from '@tideline/runtime';
import { dSquaredSampling, kCenterGreedy, standardize } from './diversity.ts';

const row = (x: number, y: number) => ({ features: { x, y } });

describe('k-center greedy', () => {
  it('covers the clusters instead of taking near-copies', () => {
    // Three tight clusters, the first with many more rows.
    const pool = [...Array.from({ length: 50 }, (_, i) => row(i * 0.001, 0)), ...Array.from({ length: 5 }, (_, i) => row(10 + i * 0.001, 0)), ...Array.from({ length: 5 }, (_, i) => row(0, 10 + i * 0.001))];
    const { pool: s, anchors } = standardize(pool);
    const picks = kCenterGreedy(s, anchors, 3).map((p) => p.index);
    expect(picks[0]).toBe(0);
    const cluster = (i: number) => (i < 50 ? 'a' : i < 55 ? 'b' : 'c');
    expect(new Set(picks.map(cluster))).toEqual(new Set(['a', 'b', 'c']));
  });

  it('stays away from anchors (rows labeled or queued before)', () => {
    const pool = [row(0, 0), row(0.01, 0), row(5, 5)];
    const { pool: s, anchors } = standardize(pool, [row(0, 0)]);
    expect(kCenterGreedy(s, anchors, 1)[0]!.index).toBe(2);
  });

  it('standardizes: a feature in large units does not drown the others, and a constant one is dropped', () => {
    const { pool: s } = standardize([{ features: { big: 1000, c: 1 } }, { features: { big: 3000, c: 1 } }, { features: { small: 0.5, c: 1 } }]);
    expect(s.names).toEqual(['big']); // 'small' occurs once: no spread; 'c' is constant
    expect(Array.from(s.vectors)).toEqual([-0.7071067690849304, 0.7071067690849304, 0]);
  });
});

describe('D² sampling', () => {
  it('never takes a near-copy while distinct rows remain, and repeats for a seed', () => {
    // 30 copies of one row, 10 distinct rows around it.
    const pool = [...Array.from({ length: 30 }, () => row(0, 0)), ...Array.from({ length: 10 }, (_, i) => row(Math.cos(i), Math.sin(i)))];
    const { pool: s, anchors } = standardize(pool);
    const picks = dSquaredSampling(s, anchors, 11, seededRandom(1)).map((p) => p.index);
    expect(picks.filter((i) => i < 30)).toEqual([0]);
    expect(dSquaredSampling(s, anchors, 11, seededRandom(1)).map((p) => p.index)).toEqual(picks);
  });

  it('draws regions in proportion to their mass: a dense region beats a few outliers', () => {
    const random = seededRandom(5);
    const dense = Array.from({ length: 400 }, () => row(random(), random() * 5));
    const outliers = Array.from({ length: 40 }, () => row(2 + random() * 8, random() * 5));
    const { pool: s, anchors } = standardize([...dense, ...outliers]);
    const picks = dSquaredSampling(s, anchors, 40, seededRandom(2)).map((p) => p.index);
    const k = kCenterGreedy(s, anchors, 40).map((p) => p.index);
    const share = (indices: number[]) => indices.filter((i) => i < 400).length / indices.length;
    expect(share(picks)).toBeGreaterThan(share(k));
  });

  it('scales distances by the weights: uncertain rows are drawn more often than equally distant sure ones', () => {
    const random = seededRandom(9);
    const pool = Array.from({ length: 400 }, () => row(random(), random()));
    const { pool: s, anchors } = standardize(pool);
    const weights = pool.map((_, i) => (i % 2 === 0 ? 1 : 0.25));
    const picks = dSquaredSampling(s, anchors, 60, seededRandom(3), weights).map((p) => p.index);
    expect(picks.filter((i) => i % 2 === 0).length).toBeGreaterThan(45);
  });
});
