export { curationModule } from './module.ts';
/** How a dataset's content hash is computed, for anyone checking an export (the benchmark reads one back). */
export { contentHashSql, ROW_HASH_SQL } from './content-hash.ts';
