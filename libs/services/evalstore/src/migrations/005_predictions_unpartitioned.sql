-- A re-sent prediction obeys one rule: the later arrival wins, whatever its
-- timestamp (docs/API.md). Partitioned by month (001), a copy re-sent into
-- another month was never collapsed by merges, and a server that prunes
-- partitions before FINAL counted the stale copy in windows of its month.
-- Without partitions, merges and FINAL see every copy of an identity. What it
-- costs the read path is measured in libs/services/evalstore/README.md.
--
-- A partition key cannot be altered, so the table is rebuilt in place, in
-- steps that can be re-run after a crash: the first drops the leftover of an
-- earlier attempt, which is never the only copy of a row (before the exchange
-- it is a partial copy of the live table, after it the old table, copied).
DROP TABLE IF EXISTS evalstore_predictions_005 SYNC;

CREATE TABLE evalstore_predictions_005
(
    project LowCardinality(String),
    model LowCardinality(String),
    model_version LowCardinality(String),
    id String,
    task LowCardinality(String),
    ts DateTime64(3, 'UTC'),
    received_at DateTime64(3, 'UTC'),
    features_num Map(String, Float64),
    features_str Map(String, String),
    features_bool Map(String, Bool),
    features_null Array(String),
    tags Map(String, String),
    score Nullable(Float64),
    probabilities Map(String, Float64),
    predicted_class Nullable(String),
    value Nullable(Float64),
    inline_label_positive Nullable(Bool),
    inline_label_class Nullable(String),
    inline_label_value Nullable(Float64),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (project, model, model_version, id)
SETTINGS non_replicated_deduplication_window = 1000;

INSERT INTO evalstore_predictions_005 SELECT * FROM evalstore_predictions;

EXCHANGE TABLES evalstore_predictions AND evalstore_predictions_005;

-- Rows another writer (a replica still on the old version) stored in the old
-- table while it was being copied: the copies it lacks, found by a streaming
-- merge of both tables in key order.
INSERT INTO evalstore_predictions
SELECT o.* FROM evalstore_predictions_005 AS o
LEFT JOIN (SELECT project, model, model_version, id, version, received_at AS copied_at FROM evalstore_predictions) AS n
    USING (project, model, model_version, id, version)
WHERE n.copied_at IS NULL
SETTINGS join_algorithm = 'full_sorting_merge', join_use_nulls = 1;

DROP TABLE evalstore_predictions_005 SYNC;
