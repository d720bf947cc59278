/**
 * A dataset's content hash, defined in SQL so that ClickHouse computes it
 * where the rows are, and computes the same over an exported file read back
 * (`file('x.parquet')`): the test and anyone else can check an export.
 *
 * A row's canonical form is its id, model version, features (each kind as
 * JSON with keys sorted), label, split and weight, joined by U+001F (ids and
 * names cannot hold control characters); its hash is SHA-256 of that. The
 * dataset's hash is SHA-256 of the row hashes concatenated in (id, model
 * version) order. Two datasets with the same rows have the same hash, in
 * whatever order they were written.
 */
export const ROW_HASH_SQL = `SHA256(concat(
  id, '\\x1f', model_version, '\\x1f',
  toJSONString(mapSort(features_num)), '\\x1f', toJSONString(mapSort(features_str)), '\\x1f', toJSONString(mapSort(features_bool)), '\\x1f',
  toJSONString(tuple(label_positive, label_class, label_value)), '\\x1f',
  toString(split), '\\x1f', toString(weight)))`;

/** `sha256:<hex>` of the rows `from` yields (a table expression with the snapshot's columns, row_hash computed or stored). */
export const contentHashSql = (from: string, rowHash = ROW_HASH_SQL) =>
  `SELECT concat('sha256:', lower(hex(SHA256(arrayStringConcat(arrayMap(r -> r.3, arraySort(groupArray((id, model_version, toString(${rowHash})))))))))) AS content_hash, count() AS row_count FROM ${from}`;
