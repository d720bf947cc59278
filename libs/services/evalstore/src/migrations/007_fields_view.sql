-- The field catalog (evalstore_fields, migration 003) filled by ClickHouse
-- itself as predictions are inserted, instead of by the writer: the writer
-- no longer reads the records it stores (it inserts ingest's rows as they
-- come), and every insert, whoever makes it, is catalogued. A name written
-- again is collapsed by the table's ReplacingMergeTree.
CREATE MATERIALIZED VIEW IF NOT EXISTS evalstore_fields_from_predictions TO evalstore_fields AS
SELECT DISTINCT project, model, field.1 AS kind, field.2 AS name
FROM evalstore_predictions
ARRAY JOIN arrayConcat(
    arrayMap(n -> ('tags', n), mapKeys(tags)),
    arrayMap(n -> ('features', n), arrayConcat(mapKeys(features_num), mapKeys(features_str), mapKeys(features_bool), features_null))
) AS field;
