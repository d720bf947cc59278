/**
 * The API's time buckets (docs/API.md, `granularity`): fixed UTC steps, each
 * bucket starting at a multiple of its step from the grid's origin — the
 * epoch, or for weeks Monday 1970-01-05 (ISO 8601 weeks). The store cuts
 * buckets on this grid; the console cuts its requests on it so that two
 * requests answer exactly the buckets of one. No imports: the browser loads it
 * (`@tideline/contracts/buckets`).
 */
export type Granularity = 'MINUTE' | 'HOUR' | 'DAY' | 'WEEK';

const MINUTE = 60_000;
export const STEP_MS: Record<Granularity, number> = { MINUTE, HOUR: 60 * MINUTE, DAY: 1440 * MINUTE, WEEK: 7 * 1440 * MINUTE };
/** 1970-01-05 was the first Monday after the epoch. */
const WEEK_ORIGIN_MS = Date.UTC(1970, 0, 5);

/** Where the grid of `granularity` starts: bucket edges are this plus multiples of the step. */
export const gridOrigin = (granularity: Granularity): number => (granularity === 'WEEK' ? WEEK_ORIGIN_MS : 0);
