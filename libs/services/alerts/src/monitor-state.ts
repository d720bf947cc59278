import type { AlertEvent, AlertRecord, SliceKey } from '@tideline/contracts';
import { checkLabel, type MonitorDefinition } from './monitor-definition.ts';

/** One series' figure in one evaluation: the value, the bound it is compared with, and what it rests on. */
export interface Observation {
  slice: SliceKey[];
  value: number | null;
  /** LT / GT: the threshold; DROP / RISE: baseline × (1 ∓ threshold); null when the baseline is undefined. */
  threshold: number | null;
  sampleCount: number;
}

export type SeriesState = 'OK' | 'BREACHING' | 'FIRING' | 'INSUFFICIENT_DATA';

interface SeriesMemory {
  slice: SliceKey[];
  breaches: number;
  healthy: number;
  /** The series' open alert: at most one per monitor and series until it resolves. */
  alert: AlertRecord | null;
}

/** How an evaluation ended: TIMED_OUT past the monitor's time budget, ERROR when its check failed otherwise. */
export type EvaluationOutcome = 'OK' | 'ERROR' | 'TIMED_OUT';

export interface MonitorStatus {
  evaluatedAt: string;
  /** Absent in states written before it existed: ERROR when `error` is set, else OK. */
  outcome?: EvaluationOutcome;
  window: { from: string; to: string } | null;
  error: string | null;
  series: (Observation & { state: SeriesState })[];
}

/** What the evaluator keeps per monitor in KV `tideline-monitor-state`, written with compare-and-set. */
export interface MonitorState {
  monitorId: string;
  /** The newest evaluation tick applied; an older or equal one is a repeat and is dropped. */
  lastTick: number;
  /** Alerts raised so far; the next alert's id derives from it, so a retried evaluation raises the same id. */
  alertSeq: number;
  series: Record<string, SeriesMemory>;
  status: MonitorStatus | null;
  /** Events decided but maybe not yet delivered (store, NATS, subscribers); delivered again after a crash, deduplicated by id. */
  outbox: AlertEvent[];
  /** Evaluations in a row that ran past the time budget (absent: none). */
  timeouts?: number;
  /** After timeouts, ticks before this one (epoch ms) are not evaluated (absent or 0: none). */
  backoffUntil?: number;
  /** Ticks not evaluated since the first evaluation: coalesced or backed off (absent: none). */
  skippedTicks?: number;
}

/** The status as the API shows it, with the figures kept beside it in the state. */
export function statusView(state: MonitorState) {
  if (!state.status) return null;
  return {
    ...state.status,
    outcome: state.status.outcome ?? (state.status.error ? 'ERROR' : 'OK'),
    skippedTicks: state.skippedTicks ?? 0,
    retryAt: state.backoffUntil ? new Date(state.backoffUntil).toISOString() : null,
  };
}

export const emptyState = (monitorId: string): MonitorState => ({ monitorId, lastTick: 0, alertSeq: 0, series: {}, status: null, outbox: [] });
export const seriesKey = (slice: SliceKey[]) => JSON.stringify(slice.map((k) => [k.field, k.value]));

/** Whether `value` breaches `bound` for the monitor's condition (DROP compares like LT, RISE like GT). */
export function breaches(op: MonitorDefinition['condition']['op'], value: number, bound: number): boolean {
  return op === 'LT' || op === 'DROP' ? value < bound : value > bound;
}

/**
 * Applies one evaluation to the monitor's state: hysteresis per series
 * (fire after `consecutive` breaches in a row, resolve after as many healthy
 * evaluations; too few samples neither breaches nor heals) and the events
 * that follow. Pure: the evaluator persists the result atomically.
 */
export function advance(monitor: MonitorDefinition, state: MonitorState, observations: Observation[], tick: number, window: { from: Date; to: Date }): { state: MonitorState; events: AlertEvent[] } {
  const at = new Date(tick).toISOString();
  const series = { ...state.series };
  const events: AlertEvent[] = [];
  let alertSeq = state.alertSeq;
  const statusSeries: MonitorStatus['series'] = [];
  const seen = new Set<string>();

  for (const o of observations) {
    const key = seriesKey(o.slice);
    seen.add(key);
    const memory = series[key] ?? { slice: o.slice, breaches: 0, healthy: 0, alert: null };
    let next: SeriesMemory;
    if (o.value === null || o.threshold === null || o.sampleCount < monitor.minSamples) {
      next = memory;
    } else if (breaches(monitor.condition.op, o.value, o.threshold)) {
      next = { ...memory, breaches: memory.breaches + 1, healthy: 0 };
      if (!next.alert && next.breaches >= monitor.consecutive) {
        alertSeq += 1;
        next.alert = {
          id: `${monitor.id}-${alertSeq}`,
          project: monitor.project,
          model: { name: monitor.model },
          monitor: { id: monitor.id, name: monitor.name },
          slice: o.slice,
          metric: checkLabel(monitor.check),
          value: o.value,
          threshold: o.threshold,
          sampleCount: o.sampleCount,
          severity: monitor.severity,
          state: 'FIRING',
          firedAt: at,
          resolvedAt: null,
          resolvedValue: null,
        };
        events.push(eventOf('FIRED', next.alert, at));
      }
    } else {
      next = { ...memory, healthy: memory.healthy + 1, breaches: 0 };
      if (next.alert && next.healthy >= monitor.consecutive) {
        events.push(eventOf('RESOLVED', { ...next.alert, state: 'RESOLVED', resolvedAt: at, resolvedValue: o.value }, at));
        next.alert = null;
      }
    }
    series[key] = next;
    statusSeries.push({ ...o, state: stateOf(next, o, monitor) });
  }
  // Series without data this time keep their memory (a firing alert stays open).
  for (const [key, memory] of Object.entries(series)) {
    if (seen.has(key)) continue;
    if (memory.alert) statusSeries.push({ slice: memory.slice, value: null, threshold: null, sampleCount: 0, state: 'FIRING' });
    else delete series[key];
  }
  // Healthy series without an alert have nothing to remember.
  for (const [key, memory] of Object.entries(series)) if (!memory.alert && memory.breaches === 0) delete series[key];

  const status: MonitorStatus = { evaluatedAt: at, window: { from: window.from.toISOString(), to: window.to.toISOString() }, error: null, series: statusSeries };
  return { state: { ...state, lastTick: tick, alertSeq, series, status, outbox: [...state.outbox, ...events] }, events };
}

function stateOf(memory: SeriesMemory, o: Observation, monitor: MonitorDefinition): SeriesState {
  if (memory.alert) return 'FIRING';
  if (o.value === null || o.threshold === null || o.sampleCount < monitor.minSamples) return 'INSUFFICIENT_DATA';
  return memory.breaches > 0 ? 'BREACHING' : 'OK';
}

const eventOf = (type: AlertEvent['type'], alert: AlertRecord, at: string): AlertEvent => ({
  id: `${alert.id}.${type}`,
  type,
  project: alert.project,
  model: alert.model,
  alert,
  at,
});
