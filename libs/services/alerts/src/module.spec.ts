import { describe, expect, it } from 'vitest';
import { alertsModule } from './module.ts';

const read = (env: Record<string, string>) => alertsModule.config!.read({ TIDELINE_INTERNAL_SECRET: 's'.repeat(32), ...env });

describe('alerts settings', () => {
  it('defaults to the documented monitor limits', () => {
    expect(read({}).value).toMatchObject({ monitorMinInterval: '10s', monitorMaxWindow: '90d', monitorsPerProject: 200 });
  });

  it('reads the limits, and names every invalid one', () => {
    const ok = read({ TIDELINE_MONITOR_MIN_INTERVAL: '1s', TIDELINE_MONITOR_MAX_WINDOW: '30d' });
    expect(ok.value).toMatchObject({ monitorMinInterval: '1s', monitorMaxWindow: '30d' });
    const bad = read({ TIDELINE_MONITOR_MIN_INTERVAL: 'soon', TIDELINE_MONITOR_MAX_WINDOW: '0d', TIDELINE_MONITORS_PER_PROJECT: '0' });
    expect(bad.errors).toHaveLength(3);
    expect(bad.errors.join('\n')).toMatch(/TIDELINE_MONITOR_MIN_INTERVAL[\s\S]*TIDELINE_MONITOR_MAX_WINDOW[\s\S]*TIDELINE_MONITORS_PER_PROJECT/);
  });
});
