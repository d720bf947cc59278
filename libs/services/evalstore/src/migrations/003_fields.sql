-- The tag and feature names each model has carried: lets queries tell a
-- slice on a name that never existed (an error for the caller) from one that
-- matches no rows in a window. Filled by the writer; backfilled here once.
CREATE TABLE IF NOT EXISTS evalstore_fields
(
    project LowCardinality(String),
    model String,
    kind LowCardinality(String),
    name String
)
ENGINE = ReplacingMergeTree
ORDER BY (project, model, kind, name);

INSERT INTO evalstore_fields
SELECT DISTINCT project, model, 'tags', arrayJoin(mapKeys(tags)) FROM evalstore_predictions;

INSERT INTO evalstore_fields
SELECT DISTINCT project, model, 'features', arrayJoin(arrayConcat(mapKeys(features_num), mapKeys(features_str), mapKeys(features_bool), features_null))
FROM evalstore_predictions;
