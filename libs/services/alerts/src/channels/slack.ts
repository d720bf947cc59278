import type { AlertEvent } from '@tideline/contracts';
import { consoleLink, figure, sliceText, summaryLine } from './alert-text.ts';

/** Block Kit limits (api.slack.com/reference/block-kit): a header's text, a field's text, a section's text. */
const HEADER_MAX = 150;
const FIELD_MAX = 2000;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
/** Slack's mrkdwn reads &, < and > as markup: escaped as its docs ask, so a tag value cannot forge a link. */
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const field = (label: string, value: string) => ({ type: 'mrkdwn', text: clip(`*${label}*\n${escape(value)}`, FIELD_MAX) });

const ICONS = { FIRED: { CRITICAL: '🔴', WARNING: '🟠', INFO: '🔵' }, RESOLVED: '✅' } as const;

/**
 * The message an incoming webhook of Slack posts: `text` (the notification's
 * fallback) and Block Kit blocks — a header, the model, slice, value,
 * threshold, severity and time as fields, and a button to the model's page
 * in the console.
 */
export function slackMessage(event: AlertEvent, publicUrl: string) {
  const { alert } = event;
  const fired = event.type === 'FIRED';
  const icon = fired ? ICONS.FIRED[alert.severity] : ICONS.RESOLVED;
  const link = consoleLink(publicUrl, event);
  return {
    text: summaryLine(event),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: clip(`${icon} ${fired ? 'Alert fired' : 'Alert resolved'}: ${alert.monitor.name}`, HEADER_MAX), emoji: true } },
      {
        type: 'section',
        fields: [
          field('Model', event.model.name),
          field('Slice', sliceText(event)),
          field(fired ? `${alert.metric}` : `${alert.metric} (now)`, fired ? figure(alert.value) : figure(alert.resolvedValue)),
          field('Threshold', figure(alert.threshold)),
          field('Severity', alert.severity),
          field(fired ? 'Fired at' : 'Resolved at', (fired ? alert.firedAt : alert.resolvedAt) ?? event.at),
        ],
      },
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Tideline' }, url: link, action_id: 'open-model' }],
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${escape(`alert ${alert.id} · ${alert.sampleCount} samples`)} · <${link}|${escape(event.model.name)}>` }] },
    ],
  };
}
