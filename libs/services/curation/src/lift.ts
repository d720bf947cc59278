/** z for a two-sided 95 % interval. */
const Z = 1.959963984540054;

/** Wilson's score interval for x successes in n trials (n > 0). */
export function wilson(x: number, n: number, z = Z): { low: number; high: number } {
  const p = x / n;
  const z2 = z * z;
  const center = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, center - half), high: Math.min(1, center + half) };
}

export interface ArmCounts {
  labeled: number;
  errors: number;
}

export interface Lift {
  activeLabeled: number;
  activeErrors: number;
  activeErrorRate: number | null;
  controlLabeled: number;
  controlErrors: number;
  controlErrorRate: number | null;
  difference: number | null;
  low: number | null;
  high: number | null;
  significant: boolean;
}

/**
 * The active arm's error rate against the control arm's, with Newcombe's
 * hybrid score interval for the difference of two independent proportions
 * (Newcombe 1998, method 10): it combines the two Wilson intervals, keeps
 * within [−1, 1] and holds its coverage with few labels and rates near 0 or
 * 1, where the Wald interval does not. Both arms need a label for an
 * interval; a rate needs one in its own arm.
 */
export function lift(active: ArmCounts, control: ArmCounts): Lift {
  const rate = (a: ArmCounts) => (a.labeled > 0 ? a.errors / a.labeled : null);
  const p1 = rate(active);
  const p2 = rate(control);
  const base = { activeLabeled: active.labeled, activeErrors: active.errors, activeErrorRate: p1, controlLabeled: control.labeled, controlErrors: control.errors, controlErrorRate: p2 };
  if (p1 === null || p2 === null) return { ...base, difference: null, low: null, high: null, significant: false };
  const w1 = wilson(active.errors, active.labeled);
  const w2 = wilson(control.errors, control.labeled);
  const d = p1 - p2;
  const low = d - Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2);
  const high = d + Math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2);
  return { ...base, difference: d, low, high, significant: low > 0 };
}
