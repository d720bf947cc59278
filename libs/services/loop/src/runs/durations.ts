import { badInput } from '@tideline/graphql';
import { DURATION_FORMAT, parseDuration } from '@tideline/runtime';

/** 9,999,999 weeks: a run's times (a deadline, a cool-down's end) stay dates JavaScript can represent. */
const MAX_MS = 9_999_999 * 604_800_000;

/** Milliseconds of "30s", "15m", "12h", "14d" or "2w" (the platform's one grammar); anything else, or longer than 9,999,999w, is refused, naming `field`. */
export function durationMs(text: string, field: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms > MAX_MS) throw badInput(`${field} must be a duration: ${DURATION_FORMAT}, at most 9999999w; got '${text}'`, field);
  return ms;
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

/** Backoff between tries of something that failed `failures` times (a service down): 2 s, 4 s, … at most a minute. */
export const backoffMs = (failures: number) => Math.min(60_000, 1000 * 2 ** Math.min(failures, 6));
