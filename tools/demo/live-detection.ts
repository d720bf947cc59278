/**
 * Detection on live traffic: a fresh model's requests are streamed with
 * current timestamps, `rate` a second, each labeled at once (instant ground
 * truth). For one monitor window the stream follows the old concept, so the
 * per-country accuracy monitor (anchor NOW: the window ends at each tick)
 * judges a window full of pre-drift traffic; then DE's concept switches and
 * the stream goes on until the monitor fires. Measured: the delay from the
 * switch to the alert's firedAt (its evaluation tick), against the window.
 * The delay includes the ingest → store → metrics path and waiting for the
 * next tick; the drifted share of DE's window at that moment is the delay
 * over the window (a drop of v1's accuracy from a to b on DE crosses the
 * threshold θ once that share passes (a − θ) / (a − b)).
 */
import { until, type Any, type Api } from './api.ts';
import { durationMs } from './report.ts';
import { DRIFTED, feedback, prediction, rows, type DriftStream } from './stream.ts';

export interface LiveOptions {
  /** Monitor window and interval, as the API takes them ("60s", "2s"). */
  window: string;
  interval: string;
  /** Requests a second (a multiple of 3: each second's rows go to the three countries in turn). */
  rate: number;
}

export interface LiveDetection {
  stream: string;
  windowMs: number;
  switchAt: number;
  /** The first alert after the switch; null if none came within two windows. */
  alert: { slice: string; firedAt: number; value: number } | null;
  /** Alerts before the switch (false alarms) and on slices other than DE. */
  falseAlarms: number;
  delayMs: number | null;
}


export async function liveDetection(api: Api, stream: DriftStream, o: LiveOptions): Promise<LiveDetection> {
  const model = `live-${stream.name}-${Date.now().toString(36)}`;
  const windowMs = durationMs(o.window);
  let second = 0;
  let switchAt = Infinity;
  const send = async () => {
    const now = Date.now();
    const batch = rows(stream, o.rate, { from: now - 1000, to: now }, now >= switchAt, 1000 + second, `s${second++}-`);
    await api.post('/v1/predictions', batch.map((r) => prediction(model, stream, r)));
    await api.post('/v1/feedback', batch.map((r) => feedback(model, r)));
  };
  // The monitor's check is validated on the model's stored traffic: it must be queryable first (the store writes asynchronously).
  await send();
  await until(async () => (await api.gql(`query($m: String!) { model(name: $m) { predictionCount } }`, { m: model })).model?.predictionCount > 0, 60_000);
  await api.gql(`mutation($input: MonitorInput!) { createMonitor(input: $input) { id } }`, {
    input: { name: 'live accuracy by country', model, check: { metric: 'ACCURACY' }, groupBy: ['tags.country'], slice: { field: 'modelVersion', op: 'EQ', value: 'v1' },
      window: o.window, interval: o.interval, anchor: 'NOW', condition: { op: 'LT', threshold: 0.8 }, minSamples: 30, severity: 'CRITICAL' },
  });
  const started = Date.now();
  const ticker = setInterval(() => void send().catch((err: unknown) => console.error(`live ${stream.name}: ${String(err)}`)), 1000);
  try {
    await new Promise((r) => setTimeout(r, windowMs - (Date.now() - started)));
    switchAt = Date.now();
    const alertsNow = async () => (await api.gql(`query($m: String!) { alerts(model: $m) { slice { value } value firedAt } }`, { m: model })).alerts
      .map((a: Any) => ({ slice: a.slice.map((s: Any) => s.value).join(','), firedAt: new Date(a.firedAt).getTime(), value: a.value as number })) as NonNullable<LiveDetection['alert']>[];
    const onDrifted = (all: NonNullable<LiveDetection['alert']>[]) => all.filter((a) => a.slice === DRIFTED && a.firedAt >= switchAt).sort((a, b) => a.firedAt - b.firedAt)[0];
    await until(async () => onDrifted(await alertsNow()), 2 * windowMs + 60_000).catch(() => undefined);
    const all = await alertsNow();
    const alert = onDrifted(all) ?? null;
    return { stream: stream.name, windowMs, switchAt, alert, falseAlarms: all.filter((a) => a !== alert).length, delayMs: alert ? alert.firedAt - switchAt : null };
  } finally {
    clearInterval(ticker);
  }
}

export function liveLine(d: LiveDetection): string {
  if (!d.alert) return `${d.stream}: no alert within two windows of the switch (window ${d.windowMs / 1000} s); false alarms ${d.falseAlarms}`;
  return `${d.stream}: switch → alert on ${d.alert.slice} (${d.alert.value.toFixed(3)}) in ${(d.delayMs! / 1000).toFixed(1)} s = ${(d.delayMs! / d.windowMs).toFixed(2)} of the ${d.windowMs / 1000} s window; false alarms ${d.falseAlarms}`;
}
