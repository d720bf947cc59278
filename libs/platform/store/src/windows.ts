import { gridOrigin, STEP_MS, type Granularity } from '@tideline/contracts/buckets';
import { badInput } from '@tideline/graphql';

export { STEP_MS, type Granularity };

/** More points than a chart can show is a mistake in the request, not a job for the store. */
export const MAX_BUCKETS = 10_000;

export interface Window {
  fromMs: number;
  toMs: number;
}

export interface Buckets {
  /** Bucket i covers [origin + i·step, origin + (i+1)·step), clipped to the window. */
  originMs: number;
  stepMs: number;
  count: number;
}

/** Checks a half-open window; `field` names the argument in the error. */
export function checkWindow(window: { from: Date; to: Date }, field = 'window'): Window {
  const fromMs = window.from.getTime();
  const toMs = window.to.getTime();
  if (!(fromMs < toMs)) throw badInput(`${field}.from must be before ${field}.to (the window is half-open [from, to))`, `${field}.from`);
  return { fromMs, toMs };
}

/**
 * UTC buckets covering the window. Without a granularity the whole window is
 * one bucket. Fixed-width steps are exact in UTC (no daylight saving).
 */
export function bucketsFor(window: Window, granularity: Granularity | null | undefined): Buckets {
  if (!granularity) return { originMs: window.fromMs, stepMs: window.toMs - window.fromMs, count: 1 };
  const stepMs = STEP_MS[granularity];
  const base = gridOrigin(granularity);
  const originMs = base + Math.floor((window.fromMs - base) / stepMs) * stepMs;
  const count = Math.ceil((window.toMs - originMs) / stepMs);
  if (count > MAX_BUCKETS) {
    throw badInput(`window split by ${granularity} gives ${count} buckets; at most ${MAX_BUCKETS} are allowed: use a coarser granularity or a shorter window`, 'granularity');
  }
  return { originMs, stepMs, count };
}

/** The bounds of bucket i, clipped to the window. */
export function bucketBounds(window: Window, b: Buckets, i: number): { from: Date; to: Date } {
  const start = b.originMs + i * b.stepMs;
  return { from: new Date(Math.max(start, window.fromMs)), to: new Date(Math.min(start + b.stepMs, window.toMs)) };
}
