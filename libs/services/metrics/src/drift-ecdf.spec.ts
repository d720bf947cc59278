import { describe, expect, it } from 'vitest';
import { statsFromSorted } from './drift-ecdf.ts';

/** SciPy 1.17 / numpy on the same values: ks_2samp, wasserstein_distance, std, and PSI as the README defines it. */
const CASES = {
  ties: { ref: [1, 2, 2, 2, 3, 5, 5, 8], cur: [2, 2, 4, 5, 5, 5, 9], ks: 0.3392857142857143, wasserstein: 1.0714285714285716, psi: 2.9412614912274595, std: 2.179449471770337 },
  'negative, −0 and 0': {
    ref: [-3.5, -0, 0, 1e-9, 2.25, 7, 7, 7, 11.5, 12, 13],
    cur: [-1, 0, 0, 3, 3.5, 40],
    ks: 0.3787878787878788,
    wasserstein: 7.136363636454545,
    psi: 3.1497792330705012,
    std: 5.409759316904851,
  },
  'one reference value': { ref: [4], cur: [4, 6], ks: 0.5, wasserstein: 1, psi: 0, std: 0 },
};

const close = (actual: number | null, expected: number) => expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));

describe('statsFromSorted', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`agrees with SciPy: ${name}`, () => {
      const s = statsFromSorted(Float64Array.from(c.ref).sort(), Float64Array.from(c.cur).sort());
      expect(s).toMatchObject({ n1: c.ref.length, n2: c.cur.length });
      close(s.ks, c.ks);
      close(s.wasserstein, c.wasserstein);
      close(s.psi, c.psi);
      close(s.refStd, c.std);
    });
  }

  it('gives null statistics, and the reference deviation when there is one, for an empty window', () => {
    expect(statsFromSorted(Float64Array.from([1, 3]), new Float64Array(0))).toEqual({ n1: 2, n2: 0, ks: null, wasserstein: null, psi: null, refStd: 1 });
    expect(statsFromSorted(new Float64Array(0), Float64Array.from([1]))).toEqual({ n1: 0, n2: 1, ks: null, wasserstein: null, psi: null, refStd: null });
  });
});
