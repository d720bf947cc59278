import { join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { spoolInsertBodies } from './insert-body.ts';

export type { ClickHouseClient };

export interface ClickHouseTarget {
  kind: 'chdb' | 'http';
  /** Data directory (chdb) or server URL without credentials (http). */
  location: string;
}

export class ClickHouseUrlError extends Error {
  override readonly name = 'ClickHouseUrlError';
  readonly code = 'CLICKHOUSE_URL_INVALID';
}

/**
 * `chdb://PATH` (relative or absolute) runs the ClickHouse engine in-process
 * on that data directory; `http(s)://user:password@host:port/database` talks
 * to a ClickHouse server. Same client API and SQL either way.
 */
export function parseClickHouseUrl(url: string): ClickHouseTarget {
  if (url.startsWith('chdb://')) {
    const path = url.slice('chdb://'.length);
    if (!path) throw new ClickHouseUrlError(`CLICKHOUSE_URL '${url}' names no data directory; expected chdb:///absolute/path or chdb://relative/path`);
    return { kind: 'chdb', location: resolve(path) };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new ClickHouseUrlError(`CLICKHOUSE_URL '${url}' is not a URL; expected chdb://PATH or http(s)://host:8123`, { cause });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ClickHouseUrlError(`CLICKHOUSE_URL protocol '${parsed.protocol}' is not supported; expected chdb://, http:// or https://`);
  }
  return { kind: 'http', location: `${parsed.protocol}//${parsed.host}${parsed.pathname}` };
}

/** One client factory for both deployments of ClickHouse. */
/** How long a request to a ClickHouse server may take; the embedded engine has none (it runs in-process). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 300_000;

export function createClickHouseClient(url: string, options: { requestTimeoutMs?: number } = {}): ClickHouseClient {
  const target = parseClickHouseUrl(url);
  const clickhouse_settings = { date_time_input_format: 'best_effort' as const };
  if (target.kind === 'chdb') {
    mkdirSync(target.location, { recursive: true });
    // chdb types its connection against @clickhouse/client-common, whose copies of the
    // same interfaces TypeScript treats as distinct; the shapes are identical.
    const connection = createChdbConnection({ path: target.location }) as unknown as NonNullable<Parameters<typeof createClient>[0]>['connection'];
    const client = createClient({ connection, clickhouse_settings });
    spoolInsertBodies(client, join(target.location, 'tideline_insert_spool'));
    return client;
  }
  return createClient({ url, clickhouse_settings, request_timeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS });
}
