import type { AlertEvent } from '@tideline/contracts';

/** `tags.country = BR, device = ios`, or `all traffic` for a monitor without groupBy. */
export function sliceText(event: AlertEvent): string {
  const keys = event.alert.slice;
  return keys.length ? keys.map((k) => `${k.field} = ${k.value ?? '(none)'}`).join(', ') : 'all traffic';
}

/** A figure as people read it: at most 4 significant digits, `n/a` when undefined. */
export function figure(value: number | null): string {
  return value === null ? 'n/a' : String(Number(value.toPrecision(4)));
}

/** The console page of the alert's model: `<TIDELINE_PUBLIC_URL>/models/<model>`. */
export function consoleLink(publicUrl: string, event: AlertEvent): string {
  return `${publicUrl.replace(/\/+$/, '')}/models/${encodeURIComponent(event.model.name)}`;
}

/** One line that says it all, for notifications and PagerDuty's summary. */
export function summaryLine(event: AlertEvent): string {
  const { alert } = event;
  const value = event.type === 'FIRED' ? figure(alert.value) : figure(alert.resolvedValue);
  const verb = event.type === 'FIRED' ? 'fired' : 'resolved';
  return `[${alert.severity}] ${alert.monitor.name} ${verb} on ${event.model.name} (${sliceText(event)}): ${alert.metric} ${value}, threshold ${figure(alert.threshold)}`;
}
