/**
 * The platform's one duration grammar: a whole number (not zero) and a unit
 * s, m, h, d or w, e.g. "90s", "15m", "24h", "7d", "2w". Monitors, retraining
 * policies, dataset half-lives, the CLI and the demo all read durations with
 * it, so a duration one accepts the others accept too. How long is too long
 * is each caller's rule (a monitor's longest window, a policy's bound), and
 * its refusal names its field.
 */
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
// Spaces between the number and the unit were always accepted by monitors, whose stored windows are parsed again at every evaluation.
const DURATION = /^(\d+)\s*([smhdw])$/;

/** What a caller says when it refuses a duration (it names its own field). */
export const DURATION_FORMAT = 'a whole number and a unit s, m, h, d or w (90s, 15m, 24h, 7d, 2w)';

/** Milliseconds of `text` (spaces around it and before the unit ignored); undefined when it is not a duration, is zero, or too long to be a number. */
export function parseDuration(text: string): number | undefined {
  const parts = DURATION.exec(text.trim());
  if (!parts) return undefined;
  const ms = Number(parts[1]) * UNIT_MS[parts[2] as keyof typeof UNIT_MS];
  return ms > 0 && Number.isFinite(ms) ? ms : undefined;
}
