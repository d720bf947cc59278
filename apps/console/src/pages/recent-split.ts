import { gridOrigin, STEP_MS, type Granularity } from '@tideline/contracts/buckets';
import type { Range } from '../model-summary.ts';

/** The recent part is about this share of the window: one day of a fortnight by day, six hours of two days by hour. */
const RECENT_SHARE = 1 / 8;

/**
 * Where the window's recent part starts: the first bucket edge inside its
 * last RECENT_SHARE, and never after the last bucket's start (so the recent
 * part holds at least one bucket); null when the window is a single bucket.
 * The split is on a bucket edge, so the two parts' points are exactly the
 * points of the whole window asked for at once: each bucket is computed
 * from the same rows, whichever request carries it.
 */
export function recentSplit(window: Range, granularity: string): string | null {
  const step = STEP_MS[granularity as Granularity];
  if (!step) return null;
  const base = gridOrigin(granularity as Granularity);
  const [from, to] = [Date.parse(window.from), Date.parse(window.to)];
  const edgeAtOrAfter = (ms: number) => base + Math.ceil((ms - base) / step) * step;
  const lastBucketStart = edgeAtOrAfter(to) - step;
  const split = Math.min(edgeAtOrAfter(to - (to - from) * RECENT_SHARE), lastBucketStart);
  return split > from ? new Date(split).toISOString() : null;
}
