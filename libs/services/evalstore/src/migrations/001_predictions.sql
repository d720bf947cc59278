-- One row per prediction. ReplacingMergeTree(version) collapses a record
-- stored twice (JetStream redelivery after a crash, a retried batch) into one
-- row; queries read it with FINAL so duplicates never count before a merge.
-- project leads every sort key: each query is scoped to one project.
CREATE TABLE IF NOT EXISTS evalstore_predictions
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
    -- Features sent as null: kept apart so "missing" and "null" stay distinct.
    features_null Array(String),
    tags Map(String, String),
    score Nullable(Float64),
    probabilities Map(String, Float64),
    predicted_class Nullable(String),
    value Nullable(Float64),
    -- A label sent inline with the prediction; feedback overrides it at read time.
    inline_label_positive Nullable(Bool),
    inline_label_class Nullable(String),
    inline_label_value Nullable(Float64),
    -- Arrival time in ms: the latest copy of a resent record wins.
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(ts)
-- The identity of a prediction is (model, version, id), whatever its timestamp:
-- a prediction re-sent with another timestamp (a client retry stamped with
-- arrival time, a corrected time) replaces the earlier copy. Shadow traffic of
-- two versions on the same ids keeps both. Time windows prune by partition.
ORDER BY (project, model, model_version, id)
-- Remembers recent insert_deduplication_tokens, so a batch retried after a
-- lost response is not written twice (plain MergeTree needs this to dedupe).
SETTINGS non_replicated_deduplication_window = 1000;
