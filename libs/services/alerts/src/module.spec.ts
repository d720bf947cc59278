import { describe, expect, it } from 'vitest';
import { alertsModule } from './module.ts';

const read = (env: Record<string, string>) => alertsModule.config!.read({ TIDELINE_INTERNAL_SECRET: 's'.repeat(32), ...env });

describe('alerts settings', () => {
  it('defaults to public-only webhooks and the documented monitor limits', () => {
    expect(read({}).value).toMatchObject({ webhookAllowHosts: null, webhookAllowCidrs: null, monitorMinInterval: '10s', monitorMaxWindow: '90d', monitorsPerProject: 200 });
  });

  it('reads the allow-lists and limits, and names every invalid one', () => {
    const ok = read({ TIDELINE_WEBHOOK_ALLOW_HOSTS: 'localhost, hooks.internal', TIDELINE_WEBHOOK_ALLOW_CIDRS: '127.0.0.1/32,fd00::/8', TIDELINE_MONITOR_MIN_INTERVAL: '1s', TIDELINE_MONITOR_MAX_WINDOW: '30d' });
    expect(ok.value).toMatchObject({ webhookAllowHosts: ['localhost', 'hooks.internal'], webhookAllowCidrs: ['127.0.0.1/32', 'fd00::/8'], monitorMinInterval: '1s', monitorMaxWindow: '30d' });
    const bad = read({ TIDELINE_WEBHOOK_ALLOW_CIDRS: '127.0.0.1', TIDELINE_MONITOR_MIN_INTERVAL: 'soon', TIDELINE_MONITOR_MAX_WINDOW: '0d', TIDELINE_MONITORS_PER_PROJECT: '0' });
    expect(bad.errors).toHaveLength(4);
    expect(bad.errors.join('\n')).toMatch(/TIDELINE_WEBHOOK_ALLOW_CIDRS.*not a CIDR[\s\S]*TIDELINE_MONITOR_MIN_INTERVAL[\s\S]*TIDELINE_MONITOR_MAX_WINDOW[\s\S]*TIDELINE_MONITORS_PER_PROJECT/);
  });
});
