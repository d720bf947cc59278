import { configSection, defineModule, setting, type AnyModule } from '@tideline/runtime';
import { DEFAULT_REQUEST_TIMEOUT_MS, createClickHouseClient, parseClickHouseUrl, type ClickHouseClient } from './client.ts';

const tidelineHome = (env: NodeJS.ProcessEnv) => env.TIDELINE_HOME || '.tideline';

const clickhouseConfig = configSection({
  url: setting.optionalString({
    env: 'CLICKHOUSE_URL',
    doc: 'chdb://PATH for the embedded engine (default chdb://$TIDELINE_HOME/clickhouse) or http(s)://user:pass@host:8123/db',
  }),
  requestTimeoutMs: setting.int({
    env: 'CLICKHOUSE_REQUEST_TIMEOUT_MS',
    doc: 'longest a query or insert may take on a ClickHouse server before it fails (the embedded engine runs in-process, without one)',
    default: DEFAULT_REQUEST_TIMEOUT_MS,
    min: 1000,
  }),
});

export const clickhouseUrl = (configured: string | null, env: NodeJS.ProcessEnv) => configured ?? `chdb://${tidelineHome(env)}/clickhouse`;

/** The process's ClickHouse client, embedded (chDB) or remote. */
export const clickhouseModule = defineModule({
  name: 'clickhouse',
  internal: true,
  config: clickhouseConfig,
  async start(ctx, config) {
    const url = clickhouseUrl(config.url, ctx.env);
    const client: ClickHouseClient = createClickHouseClient(url, { requestTimeoutMs: config.requestTimeoutMs });
    const ping = await client.ping();
    if (!ping.success) throw new Error(`cannot reach ClickHouse at ${parseClickHouseUrl(url).location}: ${ping.error.message}`);
    ctx.logger.info({ clickhouse: parseClickHouseUrl(url) }, 'clickhouse connected');
    return { value: client, stop: () => client.close() };
  },
});

/**
 * chDB binds one data directory to one process, so embedded ClickHouse
 * serves only when every module that uses ClickHouse runs in this process.
 */
export function checkEmbeddedClickHouse(
  started: readonly AnyModule[],
  users: ReadonlySet<string>,
  env: NodeJS.ProcessEnv,
): string[] {
  const url = env.CLICKHOUSE_URL || '';
  if (url && !url.startsWith('chdb://')) return [];
  const here = started.filter((m) => users.has(m.name)).map((m) => m.name);
  if (here.length === 0 || here.length === users.size) return [];
  const missing = [...users].filter((name) => !here.includes(name));
  return [
    `CLICKHOUSE_URL: embedded ClickHouse (chDB) binds one data directory to one process, but this process runs ${here.join(', ')} without ${missing.join(', ')}. ` +
      `Run them together (target 'all') or point CLICKHOUSE_URL at a ClickHouse server (http://host:8123).`,
  ];
}
