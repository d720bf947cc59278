/**
 * The learning curves as a table (median accuracy over seeds per strategy
 * and budget, on the held-out drifted test set, with DE's in brackets), and
 * the issue's figure: the smallest budget at which each strategy reaches
 * RANDOM's accuracy at the full budget, as a share of the full budget
 * (target ≤ 60 % for MARGIN and HYBRID).
 */
import { median, type Curves } from './curves.ts';

export interface CurveSummary {
  strategies: string[];
  budgets: number[];
  /** Median accuracy (all countries, DE) per strategy and budget. */
  medians: Record<string, { budget: number; accuracy: number; drifted: number }[]>;
  /** RANDOM's median accuracy at the full budget. */
  target: number;
  /** Per strategy: the share of the full budget at which its median first reaches the target; null if it never does. */
  shareToTarget: Record<string, number | null>;
  /** The same on the drifted slice (DE) alone. */
  driftedTarget: number;
  driftedShareToTarget: Record<string, number | null>;
}

const ORDER = ['RANDOM', 'MARGIN', 'HYBRID'];
const rank = (s: string) => (ORDER.includes(s) ? ORDER.indexOf(s) : ORDER.length);

export function summarizeCurves(c: Curves): CurveSummary {
  const strategies = [...new Set(c.points.map((p) => p.strategy))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const budgets = [...new Set(c.points.map((p) => p.budget))].sort((a, b) => a - b);
  const full = budgets.at(-1)!;
  const medians = Object.fromEntries(strategies.map((s) => [s, budgets.map((budget) => {
    const at = c.points.filter((p) => p.strategy === s && p.budget === budget);
    return { budget, accuracy: median(at.map((p) => p.accuracy)), drifted: median(at.map((p) => p.drifted)) };
  })]));
  const shares = (of: 'accuracy' | 'drifted') => {
    const target = medians['RANDOM']?.at(-1)?.[of] ?? NaN;
    const share = Object.fromEntries(strategies.map((s) => {
      const reached = medians[s]!.find((m) => m[of] >= target - 1e-9);
      return [s, reached ? reached.budget / full : null];
    }));
    return [target, share] as const;
  };
  const [target, shareToTarget] = shares('accuracy');
  const [driftedTarget, driftedShareToTarget] = shares('drifted');
  return { strategies, budgets, medians, target, shareToTarget, driftedTarget, driftedShareToTarget };
}

const pct = (v: number) => `${(100 * v).toFixed(1)}`;

export function curveLines(name: string, c: Curves, seeds: number): string[] {
  const s = summarizeCurves(c);
  const head = `   ${'labels'.padEnd(9)}${s.budgets.map((b) => String(b).padStart(14)).join('')}`;
  const rowsOut = s.strategies.map((st) => `   ${st.padEnd(9)}${s.medians[st]!.map((m) => `${pct(m.accuracy)} (${pct(m.drifted)})`.padStart(14)).join('')}`);
  const shares = (of: Record<string, number | null>) => s.strategies.map((st) => `${st} ${of[st] === null ? 'never' : `${(100 * of[st]!).toFixed(0)} %`}`).join(', ');
  return [
    `learning curves, ${name}: accuracy % on the held-out drifted test set, all countries (DE), median of ${seeds} seed(s); v1 untrained: ${pct(c.v1.accuracy)} (${pct(c.v1.drifted)})`,
    head,
    ...rowsOut,
    `   labels to reach RANDOM's accuracy at ${s.budgets.at(-1)} labels, as a share of them (issue target ≤ 60 %):`,
    `     all countries (${pct(s.target)} %): ${shares(s.shareToTarget)}`,
    `     DE alone (${pct(s.driftedTarget)} %): ${shares(s.driftedShareToTarget)}`,
  ];
}
