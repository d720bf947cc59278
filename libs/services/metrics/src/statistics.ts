/**
 * Pure math on a handful of numbers that ClickHouse has already aggregated:
 * p-value distributions and multiple-testing corrections. Nothing here sees
 * rows.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; about 1e-15 relative). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 1e-16;
const TINY = 1e-300;

/** Regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a). */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0) || Number.isNaN(x)) return Number.NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  const lead = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    // Series for P(a, x); Q = 1 − P is not small here, so no cancellation to fear.
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) break;
    }
    return 1 - sum * Math.exp(lead);
  }
  // Continued fraction for Q (modified Lentz).
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(lead) * h;
}

/** Survival function of the chi-square distribution with `dof` degrees of freedom. */
export function chiSquareSf(x: number, dof: number): number {
  if (x <= 0) return 1;
  return gammaQ(dof / 2, x / 2);
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * P(D ≥ d) of the two-sided two-sample Kolmogorov–Smirnov statistic for
 * sample sizes n1 and n2, exact: the lattice-path count of Hodges with
 * Viehmann's recursion for 1 − p (what SciPy's ks_2samp does in 'exact'
 * mode). d is first rounded to the lattice h / lcm(n1, n2), as SciPy does.
 * Undefined (NaN) when the recursion leaves [0, 1].
 */
export function ksExactPValue(d: number, n1: number, n2: number): number {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = Math.round(d * lcm);
  if (h === 0) return 1;
  if (n1 === n2) {
    // Paths outside the square's two diagonals, Horner-like to avoid cancellation.
    const n = n1;
    let p = 0;
    for (let k = Math.floor(n / h); k >= 0; k--) {
      let p1 = 1;
      for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
      p = p1 * (1 - p);
    }
    return 2 * p;
  }
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const a = new Float64Array(Math.min(2 * maxj + 2, n + 1)).fill(1);
  a.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (a[jj + minj - lastminj]! * i + val * j) / (i + j);
      a[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) a.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return a[maxj - minj - 1]!;
}

/**
 * Survival function of Kolmogorov's limiting distribution at √n·d with
 * Stephens' small-sample correction (√n + 0.12 + 0.11/√n)·d.
 */
export function kolmogorovSf(d: number, n: number): number {
  const sn = Math.sqrt(n);
  const t = (sn + 0.12 + 0.11 / sn) * d;
  if (t <= 0) return 1;
  if (t < 1.18) {
    // Jacobi form of the CDF converges fast for small t.
    const y = Math.exp((-Math.PI * Math.PI) / (8 * t * t));
    const cdf = (Math.sqrt(2 * Math.PI) / t) * (y + y ** 9 + y ** 25 + y ** 49);
    return Math.min(1, Math.max(0, 1 - cdf));
  }
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = (k % 2 === 1 ? 2 : -2) * Math.exp(-2 * k * k * t * t);
    sum += term;
    if (Math.abs(term) < 1e-18) break;
  }
  return Math.min(1, Math.max(0, sum));
}

/** SciPy's choice: exact when max(n1, n2) ≤ 10000 (and the recursion succeeds), asymptotic otherwise. */
export const KS_EXACT_MAX_N = 10_000;

/** Two-sided p-value of the two-sample KS statistic, as `scipy.stats.ks_2samp` (method 'auto'). */
export function ksPValue(d: number, n1: number, n2: number): number {
  if (n1 <= 0 || n2 <= 0) return Number.NaN;
  if (Math.max(n1, n2) <= KS_EXACT_MAX_N) {
    const p = ksExactPValue(d, n1, n2);
    if (p >= 0 && p <= 1) return p;
  }
  return kolmogorovSf(d, (n1 * n2) / (n1 + n2));
}

/**
 * Benjamini–Hochberg adjusted p-values (step-up, as R's p.adjust "BH"):
 * adj(p₍ᵢ₎) = min over j ≥ i of m·p₍ⱼ₎ / j, capped at 1, in the input order.
 * Null entries (tests without a p-value) are ignored and stay null.
 */
export function benjaminiHochberg(pValues: readonly (number | null)[]): (number | null)[] {
  const idx = pValues.flatMap((p, i) => (p === null || Number.isNaN(p) ? [] : [i])).sort((x, y) => pValues[x]! - pValues[y]!);
  const m = idx.length;
  const out: (number | null)[] = pValues.map(() => null);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = idx[r]!;
    running = Math.min(running, (m * pValues[i]!) / (r + 1));
    out[i] = running;
  }
  return out;
}
