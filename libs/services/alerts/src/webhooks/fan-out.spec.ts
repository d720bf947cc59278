import { describe, expect, it } from 'vitest';
import { wantsEvent } from './fan-out.ts';
import type { WebhookRecord } from './webhook-record.ts';

const created = Date.parse('2025-01-01T00:00:00.000Z');
const webhook = (monitorId: string | null): WebhookRecord => ({
  id: 'w1',
  project: 'p',
  url: 'https://example.com/',
  monitorId,
  secret: 's'.repeat(16),
  createdAt: new Date(created).toISOString(),
});

describe('wantsEvent', () => {
  it('matches every monitor of the project, or only the one it is restricted to', () => {
    expect(wantsEvent(webhook(null), 'm1', created + 1)).toBe(true);
    expect(wantsEvent(webhook('m1'), 'm1', created + 1)).toBe(true);
    expect(wantsEvent(webhook('m1'), 'm2', created + 1)).toBe(false);
  });

  it('skips events that reached the stream before the webhook was created', () => {
    expect(wantsEvent(webhook(null), 'm1', created - 1)).toBe(false);
    expect(wantsEvent(webhook(null), 'm1', created)).toBe(true);
  });
});
