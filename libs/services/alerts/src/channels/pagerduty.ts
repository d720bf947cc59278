import type { AlertEvent } from '@tideline/contracts';
import { consoleLink, sliceText, summaryLine } from './alert-text.ts';

/** Where PagerDuty's Events API v2 takes events; a PAGERDUTY channel posts here unless given another URL (an EU account, a proxy). */
export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

/** PagerDuty refuses a summary longer than this. */
const SUMMARY_MAX = 1024;

const SEVERITIES = { CRITICAL: 'critical', WARNING: 'warning', INFO: 'info' } as const;

/**
 * The Events API v2 event of an alert event: `trigger` when it fires,
 * `resolve` when it resolves, with the alert's id as `dedup_key`, so
 * PagerDuty opens one incident per alert (a repeated delivery only adds to
 * it) and the resolve closes exactly that incident.
 */
export function pagerDutyEvent(event: AlertEvent, routingKey: string, publicUrl: string) {
  const { alert } = event;
  if (event.type === 'RESOLVED') return { routing_key: routingKey, event_action: 'resolve' as const, dedup_key: alert.id };
  const link = consoleLink(publicUrl, event);
  const summary = summaryLine(event);
  return {
    routing_key: routingKey,
    event_action: 'trigger' as const,
    dedup_key: alert.id,
    payload: {
      summary: summary.length <= SUMMARY_MAX ? summary : `${summary.slice(0, SUMMARY_MAX - 1)}…`,
      source: link,
      severity: SEVERITIES[alert.severity],
      timestamp: alert.firedAt,
      component: event.model.name,
      group: alert.monitor.name,
      class: alert.metric,
      custom_details: {
        model: event.model.name,
        slice: sliceText(event),
        metric: alert.metric,
        value: alert.value,
        threshold: alert.threshold,
        sampleCount: alert.sampleCount,
        monitor: alert.monitor,
        alertId: alert.id,
      },
    },
    client: 'Tideline',
    client_url: link,
    links: [{ href: link, text: `${event.model.name} in Tideline` }],
  };
}
