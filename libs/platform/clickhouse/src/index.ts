export { createClickHouseClient, parseClickHouseUrl, ClickHouseUrlError, type ClickHouseClient, type ClickHouseTarget } from './client.ts';
export { migrate, MigrationError } from './migrations.ts';
export { clickhouseModule, clickhouseUrl, checkEmbeddedClickHouse } from './clickhouse-module.ts';
export { insertBody, type InsertBody, type InsertBodyFormat } from './insert-body.ts';
export {
  clusterDdl,
  renderClusterDdl,
  serviceMigrations,
  localName,
  replicationPath,
  ClusterDdlError,
  type ClusterOptions,
  type ClusterStatement,
  type ClusterStatementKind,
  type MigrationFile,
} from './cluster-ddl.ts';
export { SHARDING_KEYS, MODEL_KEY, shardingKeyOf, type ShardingKey } from './cluster-sharding.ts';
export { boundedClient, boundedCommand, clickhouseQueryTimeoutSetting, queryTimeoutSetting, queryTimeouts, withMaxExecutionTime, type QueryBound } from './query-bound.ts';
