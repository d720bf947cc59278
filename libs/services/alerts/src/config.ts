import { configSection, parseDuration, setting, type Setting } from '@tideline/runtime';
import { DEFAULT_MONITOR_LIMITS } from './monitor-input.ts';
import { parseCidr } from './webhooks/egress.ts';

const durationSetting = (options: { env: string; doc: string; default: string }): Setting<string> => ({
  ...options,
  parse(raw) {
    if (parseDuration(raw) === undefined) throw new Error('expected a duration such as "10s", "1m", "90d"');
    return raw.trim();
  },
});

/** A comma-separated list, each item checked by `check` (which throws); unset: none. */
const listSetting = (options: { env: string; doc: string; check?: (item: string) => unknown }): Setting<string[] | null> => ({
  ...options,
  default: null,
  parse(raw) {
    const items = raw.split(',').map((item) => item.trim()).filter(Boolean);
    for (const item of items) options.check?.(item);
    return items;
  },
});

export const alertsConfig = configSection({
  evaluate: setting.bool({ env: 'TIDELINE_EVALUATOR', doc: 'run the monitor scheduler and evaluator in this process (false: serve the alerts API only)', default: true }),
  concurrency: setting.int({ env: 'TIDELINE_EVALUATOR_CONCURRENCY', doc: 'monitor evaluations one replica runs at once (default 4)', default: 4, min: 1 }),
  timeBudgetMs: setting.int({
    env: 'TIDELINE_MONITOR_TIME_BUDGET_MS',
    doc: "time one monitor evaluation may take (all its checks); past it the evaluation is TIMED_OUT and the monitor backs off. At most 25 s, under the work queue's ack_wait (30 s), so a running evaluation is never handed to another replica (default 20000)",
    default: 20_000,
    min: 100,
    max: 25_000,
  }),
  pollMs: setting.int({ env: 'TIDELINE_SCHEDULER_POLL_MS', doc: 'how often the scheduler looks for monitors due (default 200 ms)', default: 200, min: 10 }),
  webhookMaxAttempts: setting.int({ env: 'TIDELINE_WEBHOOK_MAX_ATTEMPTS', doc: 'delivery attempts per webhook event before it becomes a dead letter (default 6)', default: 6, min: 1 }),
  webhookBaseDelayMs: setting.int({ env: 'TIDELINE_WEBHOOK_BASE_DELAY_MS', doc: 'delay before the second attempt; doubles with each further one (default 1000)', default: 1000, min: 1 }),
  webhookTimeoutMs: setting.int({ env: 'TIDELINE_WEBHOOK_TIMEOUT_MS', doc: 'time an endpoint has to answer one delivery (default 10000)', default: 10_000, min: 100 }),
  webhookAllowHosts: listSetting({
    env: 'TIDELINE_WEBHOOK_ALLOW_HOSTS',
    doc: 'webhook host names allowed whatever they resolve to, comma-separated (e.g. localhost for a local receiver); otherwise webhooks reach public addresses only',
  }),
  webhookAllowCidrs: listSetting({
    env: 'TIDELINE_WEBHOOK_ALLOW_CIDRS',
    doc: 'address ranges webhooks may reach although not public, comma-separated CIDRs (e.g. 10.20.0.0/16, 127.0.0.1/32)',
    check: parseCidr,
  }),
  publicUrl: {
    env: 'TIDELINE_PUBLIC_URL',
    doc: "the console's public base URL: Slack and PagerDuty alerts link to its page of the model, `/models/<name>` (default http://localhost:4000)",
    default: 'http://localhost:4000',
    parse(raw: string) {
      const url = new URL(raw.trim()); // throws on anything but an absolute URL
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('expected an http(s):// URL');
      return url.toString().replace(/\/+$/, '');
    },
  } satisfies Setting<string>,
  monitorMinInterval: durationSetting({ env: 'TIDELINE_MONITOR_MIN_INTERVAL', doc: 'shortest monitor interval accepted (every evaluation runs the check); createMonitor refuses a shorter one (field input.interval)', default: DEFAULT_MONITOR_LIMITS.minInterval }),
  monitorMaxWindow: durationSetting({ env: 'TIDELINE_MONITOR_MAX_WINDOW', doc: 'longest monitor window accepted (every evaluation reads it); createMonitor refuses a longer one (field input.window)', default: DEFAULT_MONITOR_LIMITS.maxWindow }),
  monitorsPerProject: setting.int({ env: 'TIDELINE_MONITORS_PER_PROJECT', doc: 'monitors a project may have; createMonitor past it fails with TOO_MANY_MONITORS', default: DEFAULT_MONITOR_LIMITS.maxPerProject, min: 1 }),
});
