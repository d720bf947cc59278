import { badInput } from '@tideline/graphql';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DURATION = /^([1-9]\d{0,6})([smhdw])$/;

/** Milliseconds of "30s", "15m", "12h", "14d" or "2w"; anything else is refused, naming `field`. */
export function durationMs(text: string, field: string): number {
  const parts = DURATION.exec(text.trim());
  if (!parts) throw badInput(`${field} must be a duration: a whole number and a unit s, m, h, d or w (30s, 15m, 12h, 14d, 2w); got '${text}'`, field);
  return Number(parts[1]) * UNIT_MS[parts[2]!]!;
}

/**
 * A window as durations back from an anchor (the latest prediction):
 * "14d" is the 14 days up to the anchor, "28d..14d" the 14 days before that.
 */
export function windowBack(text: string, field: string): { backFromMs: number; backToMs: number } {
  const [from, to] = text.split('..');
  const backFromMs = durationMs(from ?? '', field);
  const backToMs = to === undefined ? 0 : durationMs(to, field);
  if (backToMs >= backFromMs) throw badInput(`${field}: '${text}' must start further back than it ends ("28d..14d")`, field);
  return { backFromMs, backToMs };
}

/** The window `text` names, back from `anchorMs`; a window reaching the anchor includes it (windows are half-open). */
export function windowAt(text: string, anchorMs: number): { from: string; to: string } {
  const { backFromMs, backToMs } = windowBack(text, 'window');
  return { from: new Date(anchorMs - backFromMs).toISOString(), to: new Date(anchorMs - backToMs + (backToMs === 0 ? 1 : 0)).toISOString() };
}
