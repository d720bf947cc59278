import { fileURLToPath } from 'node:url';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { clickhouseModule, migrate } from '@tideline/clickhouse';
import { ALERT_BUCKETS, ALERT_CONSUMERS, ALERT_STREAMS, internalPath } from '@tideline/contracts';
import { createSubgraph, createSubgraphClient, internalSecretSetting, readSchemaFiles, subgraphUrl, subgraphUrlsSetting, type SubgraphContext } from '@tideline/graphql';
import { ensureConsumer, ensureStream, natsModule, openBucket } from '@tideline/nats';
import { configSection, defineModule, httpServerModule, setting, type Setting } from '@tideline/runtime';
import { AlertPublisher } from './alert-publisher.ts';
import { AlertStore, alertsMigrations } from './alert-store.ts';
import { startEvaluator } from './evaluator.ts';
import { parseDuration } from './durations.ts';
import { DEFAULT_MONITOR_LIMITS } from './monitor-input.ts';
import { MonitorStateStore, MonitorStore } from './monitor-store.ts';
import { createResolvers } from './resolvers.ts';
import { startScheduler } from './scheduler.ts';
import { parseCidr } from './webhooks/egress.ts';
import { startWebhooks } from './webhooks/index.ts';

const durationSetting = (options: { env: string; doc: string; default: string }): Setting<string> => ({
  ...options,
  parse(raw) {
    if (parseDuration(raw) === null) throw new Error('expected a duration such as "10s", "1m", "90d"');
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

const alertsConfig = configSection({
  secret: internalSecretSetting,
  subgraphUrls: subgraphUrlsSetting,
  evaluate: setting.bool({ env: 'TIDELINE_EVALUATOR', doc: 'run the monitor scheduler and evaluator in this process (false: serve the alerts API only)', default: true }),
  concurrency: setting.int({ env: 'TIDELINE_EVALUATOR_CONCURRENCY', doc: 'monitor evaluations one replica runs at once (default 4)', default: 4, min: 1 }),
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
  monitorMinInterval: durationSetting({ env: 'TIDELINE_MONITOR_MIN_INTERVAL', doc: 'shortest monitor interval accepted (every evaluation runs the check); createMonitor refuses a shorter one (field input.interval)', default: DEFAULT_MONITOR_LIMITS.minInterval }),
  monitorMaxWindow: durationSetting({ env: 'TIDELINE_MONITOR_MAX_WINDOW', doc: 'longest monitor window accepted (every evaluation reads it); createMonitor refuses a longer one (field input.window)', default: DEFAULT_MONITOR_LIMITS.maxWindow }),
  monitorsPerProject: setting.int({ env: 'TIDELINE_MONITORS_PER_PROJECT', doc: 'monitors a project may have; createMonitor past it fails with TOO_MANY_MONITORS', default: DEFAULT_MONITOR_LIMITS.maxPerProject, min: 1 }),
});

const STREAM_MAX_BYTES = 1024 ** 3;

/**
 * Monitors, alerts and webhooks: the `alerts` subgraph, the scheduler and
 * evaluator that run monitors on time across replicas, and webhook delivery.
 * Metrics come from the metrics subgraph over GraphQL, as they would from
 * another machine; monitors and evaluator state live in NATS KV, alert
 * history in ClickHouse.
 */
export const alertsModule = defineModule({
  name: 'alerts',
  deps: [httpServerModule, natsModule, clickhouseModule],
  config: alertsConfig,
  async start(ctx, config) {
    const server = ctx.get(httpServerModule);
    const nats = ctx.get(natsModule);
    const clickhouse = ctx.get(clickhouseModule);
    await migrate(clickhouse, 'alerts', alertsMigrations);
    for (const stream of Object.values(ALERT_STREAMS)) await ensureStream(nats.jsm, stream, { maxBytes: STREAM_MAX_BYTES });
    const monitors = new MonitorStore(await openBucket(nats.kvm, ALERT_BUCKETS.monitors));
    const states = new MonitorStateStore(await openBucket(nats.kvm, ALERT_BUCKETS.monitorState));
    const alerts = new AlertStore(clickhouse);
    const client = (name: string) => createSubgraphClient({ url: subgraphUrl(config.subgraphUrls, server.url, name), secret: config.secret });
    const metrics = client('metrics');
    const evalstore = client('evalstore');

    const webhooks = await startWebhooks({
      nats,
      clickhouse,
      logger: ctx.logger,
      getMonitor: (project, id) => monitors.get(project, id),
      maxAttempts: config.webhookMaxAttempts,
      baseDelayMs: config.webhookBaseDelayMs,
      timeoutMs: config.webhookTimeoutMs,
      allow: { hosts: config.webhookAllowHosts ?? [], cidrs: config.webhookAllowCidrs ?? [] },
    });
    const limits = { minInterval: config.monitorMinInterval, maxWindow: config.monitorMaxWindow, maxPerProject: config.monitorsPerProject };
    const subgraph = await createSubgraph({
      name: 'alerts',
      typeDefs: readSchemaFiles(fileURLToPath(new URL('.', import.meta.url))),
      resolvers: createResolvers({ monitors, states, alerts, metrics, evalstore, limits }, webhooks.resolvers) as GraphQLResolverMap<SubgraphContext>,
      secret: config.secret,
      logger: ctx.logger,
    });
    server.route(`${internalPath('alerts')}/graphql`, subgraph.handler);

    // Declared by every replica, evaluating or not, so the work queue always has its consumer.
    await ensureConsumer(nats.jsm, ALERT_CONSUMERS.evaluator);

    let stopEvaluation = async () => {};
    if (config.evaluate) {
      // An evaluation that runs before the metrics subgraph serves records the error in the monitor's status; the next tick tries again.
      const publisher = new AlertPublisher(alerts, nats.connection, nats.js);
      const evaluator = await startEvaluator({
        consumer: await nats.js.consumers.get(ALERT_CONSUMERS.evaluator.stream, ALERT_CONSUMERS.evaluator.durable),
        monitors,
        states,
        publisher,
        metrics,
        evalstore,
        logger: ctx.logger,
        concurrency: config.concurrency,
      });
      const scheduler = await startScheduler({ monitors, js: nats.js, logger: ctx.logger, pollMs: config.pollMs });
      stopEvaluation = async () => {
        scheduler.stop();
        await evaluator.stop();
      };
    }
    return {
      value: {},
      async stop() {
        await stopEvaluation();
        await webhooks.stop();
        await subgraph.stop();
      },
    };
  },
});
