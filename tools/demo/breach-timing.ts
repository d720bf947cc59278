/**
 * Time from the breach to the promoted champion, and the share of it in each
 * step: from the alert's firedAt (the evaluation tick that saw the breach) to
 * the promote step's finishedAt, split into the wait before the run's first
 * step (the alert event reaching the loop, the run being queued), each step's
 * startedAt → finishedAt, and the hand-overs between steps.
 */
import type { Any } from './api.ts';

export interface BreachTiming {
  totalMs: number;
  parts: { name: string; ms: number; share: number }[];
}

const ms = (iso: string) => new Date(iso).getTime();

export function breachToPromotion(firedAt: string, steps: Any[]): BreachTiming {
  const done = steps.filter((s) => s.startedAt && s.finishedAt);
  const promote = done.findIndex((s) => s.name === 'promote');
  if (promote < 0) throw new Error(`no finished promote step: ${JSON.stringify(steps.map((s) => [s.name, s.status]))}`);
  const path = done.slice(0, promote + 1);
  const start = ms(firedAt);
  const totalMs = ms(path.at(-1).finishedAt) - start;
  const stepMs = path.map((s) => ms(s.finishedAt) - ms(s.startedAt));
  const waitMs = ms(path[0].startedAt) - start;
  const handOverMs = totalMs - waitMs - stepMs.reduce((a, b) => a + b, 0);
  const parts = [{ name: 'alert → run', ms: waitMs }, ...path.map((s, i) => ({ name: s.name, ms: stepMs[i]! })), { name: 'between steps', ms: handOverMs }];
  return { totalMs, parts: parts.map((p) => ({ ...p, share: totalMs > 0 ? p.ms / totalMs : 0 })) };
}

/** One line per part: "   train         12.3 s   41 %". */
export function timingLines(t: BreachTiming): string[] {
  return [
    `breach → promoted champion: ${(t.totalMs / 1000).toFixed(1)} s`,
    ...t.parts.map((p) => `   ${p.name.padEnd(14)}${(p.ms / 1000).toFixed(1).padStart(7)} s  ${(100 * p.share).toFixed(0).padStart(3)} %`),
  ];
}
