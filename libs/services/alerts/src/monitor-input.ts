import { randomUUID } from 'node:crypto';
import { MODEL_NAME_PATTERN } from '@tideline/contracts';
import { badInput } from '@tideline/graphql';
import { parseDuration } from '@tideline/runtime';
import type { MonitorCheckInput, MonitorInput, MonitorPatchInput } from './__generated__/resolvers-types.ts';
import { seriesCap, type MonitorCheck, type MonitorDefinition } from './monitor-definition.ts';
import type { SliceFilter } from '@tideline/store';

const DEFAULTS = { minSamples: 30, severity: 'WARNING', consecutive: 1, anchor: 'NOW', enabled: true } as const;
const MAX_CONSECUTIVE = 100;
/** A year and a day: room for year-over-year baselines, far from the dates JavaScript cannot represent. */
export const MAX_BASELINE_OFFSET = '366d';

/** What a monitor may ask of the evaluator; operator settings (TIDELINE_MONITOR_*). */
export interface MonitorLimits {
  /** Shortest `interval`: each evaluation runs the check (one query per group for some checks). */
  minInterval: string;
  /** Longest `window`: each evaluation scans it. */
  maxWindow: string;
  /** Monitors a project may have. */
  maxPerProject: number;
}

export const DEFAULT_MONITOR_LIMITS: MonitorLimits = { minInterval: '10s', maxWindow: '90d', maxPerProject: 200 };

/** A new monitor from `createMonitor`'s input; throws BAD_USER_INPUT naming the field. */
export function monitorFromInput(project: string, input: MonitorInput, limits: MonitorLimits, now = new Date()): MonitorDefinition {
  const at = now.toISOString();
  return checkMonitor({
    id: randomUUID(),
    project,
    name: input.name,
    model: input.model,
    check: checkFromInput(input.check),
    slice: (input.slice ?? null) as SliceFilter | null,
    groupBy: input.groupBy ?? [],
    window: input.window,
    interval: input.interval,
    condition: { op: input.condition.op, threshold: input.condition.threshold, baselineOffset: input.condition.baselineOffset ?? null },
    minSamples: input.minSamples ?? DEFAULTS.minSamples,
    severity: input.severity ?? DEFAULTS.severity,
    consecutive: input.consecutive ?? DEFAULTS.consecutive,
    maxSeries: input.maxSeries ?? 0,
    anchor: input.anchor ?? DEFAULTS.anchor,
    enabled: input.enabled ?? DEFAULTS.enabled,
    createdAt: at,
    updatedAt: at,
  }, limits);
}

/** `monitor` with the fields of `patch` that are set; validated as a new monitor. */
export function patchMonitor(monitor: MonitorDefinition, patch: MonitorPatchInput, limits: MonitorLimits, now = new Date()): MonitorDefinition {
  const set = <K extends keyof MonitorPatchInput>(key: K) => patch[key] !== undefined && patch[key] !== null;
  return checkMonitor({
    ...monitor,
    ...(set('name') && { name: patch.name! }),
    ...(set('check') && { check: checkFromInput(patch.check!) }),
    ...(patch.slice !== undefined && { slice: (patch.slice ?? null) as SliceFilter | null }),
    ...(set('groupBy') && { groupBy: patch.groupBy!, maxSeries: set('maxSeries') ? patch.maxSeries! : 0 }),
    ...(set('window') && { window: patch.window! }),
    ...(set('interval') && { interval: patch.interval! }),
    ...(set('condition') && { condition: { op: patch.condition!.op, threshold: patch.condition!.threshold, baselineOffset: patch.condition!.baselineOffset ?? null } }),
    ...(set('minSamples') && { minSamples: patch.minSamples! }),
    ...(set('severity') && { severity: patch.severity! }),
    ...(set('consecutive') && { consecutive: patch.consecutive! }),
    ...(set('maxSeries') && { maxSeries: patch.maxSeries! }),
    ...(set('anchor') && { anchor: patch.anchor! }),
    ...(set('enabled') && { enabled: patch.enabled! }),
    updatedAt: now.toISOString(),
  }, limits);
}

function checkFromInput(input: MonitorCheckInput): MonitorCheck {
  const kinds = [input.metric, input.drift, input.dataQuality].filter((k) => k !== undefined && k !== null);
  if (kinds.length !== 1) throw badInput('give exactly one of metric, drift, dataQuality', 'input.check');
  let reference: MonitorCheck['reference'] = null;
  if (input.reference) {
    reference = { fromMs: new Date(input.reference.from).getTime(), toMs: new Date(input.reference.to).getTime() };
    if (!(reference.fromMs < reference.toMs)) throw badInput('reference.from must be before reference.to', 'input.check.reference');
  }
  // CHI2 and JENSEN_SHANNON are exact whatever `approximate` says (the metrics service answers errorBound 0): accepted as given.
  const drift = input.drift && { feature: input.drift.feature, method: input.drift.method, value: input.drift.value ?? 'STATISTIC', approximate: input.drift.approximate ?? false };
  return { metric: input.metric ?? null, drift: drift ?? null, dataQuality: input.dataQuality ?? null, reference };
}

/** Checks what can be checked without data; fills maxSeries' default (the cap). */
function checkMonitor(m: MonitorDefinition, limits: MonitorLimits): MonitorDefinition {
  if (!m.name.trim() || m.name.length > 200) throw badInput('must be 1 to 200 characters', 'input.name');
  if (!MODEL_NAME_PATTERN.test(m.model)) throw badInput(`'${m.model}' is not a model name`, 'input.model');
  const windowMs = parseDuration(m.window);
  if (windowMs === undefined) throw badInput(`'${m.window}' is not a duration such as "15m", "1h", "1d"`, 'input.window');
  if (windowMs > parseDuration(limits.maxWindow)!) throw badInput(`the window (${m.window}) is longer than the longest allowed, ${limits.maxWindow}`, 'input.window');
  const intervalMs = parseDuration(m.interval);
  if (intervalMs === undefined) throw badInput(`'${m.interval}' is not a duration such as "1m", "1h"`, 'input.interval');
  if (intervalMs < parseDuration(limits.minInterval)!) throw badInput(`the interval (${m.interval}) is shorter than the shortest allowed, ${limits.minInterval}`, 'input.interval');
  if (windowMs < intervalMs) throw badInput(`the window (${m.window}) is shorter than the interval (${m.interval}): evaluations would skip traffic`, 'input.window');
  if (m.groupBy.length > 2) throw badInput('at most two groupBy fields', 'input.groupBy');
  if (new Set(m.groupBy).size !== m.groupBy.length) throw badInput('groupBy names a field twice', 'input.groupBy');
  if (!Number.isFinite(m.condition.threshold)) throw badInput('must be a finite number', 'input.condition.threshold');
  const relative = m.condition.op === 'DROP' || m.condition.op === 'RISE';
  if (relative && !(m.condition.threshold > 0)) throw badInput('a relative change must be above 0 (0.1 = 10 %)', 'input.condition.threshold');
  if (m.condition.op === 'DROP' && m.condition.threshold >= 1) throw badInput('a drop must be below 1 (100 %)', 'input.condition.threshold');
  if (m.condition.baselineOffset !== null) {
    if (!relative) throw badInput('only DROP and RISE compare with a baseline', 'input.condition.baselineOffset');
    const offsetMs = parseDuration(m.condition.baselineOffset);
    if (offsetMs === undefined) throw badInput(`'${m.condition.baselineOffset}' is not a duration such as "1d", "7d"`, 'input.condition.baselineOffset');
    if (offsetMs > parseDuration(MAX_BASELINE_OFFSET)!) throw badInput(`the baseline offset (${m.condition.baselineOffset}) is longer than the longest allowed, ${MAX_BASELINE_OFFSET}`, 'input.condition.baselineOffset');
    if (offsetMs < windowMs) throw badInput(`the baseline offset (${m.condition.baselineOffset}) is shorter than the window (${m.window}): the baseline would overlap the window`, 'input.condition.baselineOffset');
  }
  if (!Number.isInteger(m.minSamples) || m.minSamples < 1) throw badInput('must be at least 1', 'input.minSamples');
  if (!Number.isInteger(m.consecutive) || m.consecutive < 1 || m.consecutive > MAX_CONSECUTIVE) throw badInput(`must be 1 to ${MAX_CONSECUTIVE}`, 'input.consecutive');
  const cap = seriesCap(m.check);
  const maxSeries = m.maxSeries || (m.groupBy.length ? cap : 1);
  if (!Number.isInteger(maxSeries) || maxSeries < 1) throw badInput('must be at least 1', 'input.maxSeries');
  if (maxSeries > cap) throw badInput(`${maxSeries} series is past the cap of ${cap} for this kind of check`, 'input.maxSeries');
  return { ...m, maxSeries };
}

export const windowMsOf = (m: MonitorDefinition) => parseDuration(m.window)!;
export const intervalMsOf = (m: MonitorDefinition) => parseDuration(m.interval)!;
export const baselineOffsetMsOf = (m: MonitorDefinition) => (m.condition.baselineOffset ? parseDuration(m.condition.baselineOffset)! : windowMsOf(m));
