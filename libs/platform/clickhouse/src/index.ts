export { createClickHouseClient, parseClickHouseUrl, ClickHouseUrlError, type ClickHouseClient, type ClickHouseTarget } from './client.ts';
export { migrate, MigrationError } from './migrations.ts';
export { clickhouseModule, clickhouseUrl, checkEmbeddedClickHouse } from './clickhouse-module.ts';
export { insertBody, type InsertBody, type InsertBodyFormat } from './insert-body.ts';
