-- Ground truth, one row per (project, model, prediction id). The latest
-- arrival wins (label corrections): ReplacingMergeTree(version) at merge
-- time, argMax(…, version) at read time. Not partitioned by time: a label
-- may come weeks after the prediction and must replace the earlier one
-- whatever month it arrived in.
CREATE TABLE IF NOT EXISTS evalstore_feedback
(
    project LowCardinality(String),
    model LowCardinality(String),
    prediction_id String,
    task LowCardinality(String),
    ts DateTime64(3, 'UTC'),
    received_at DateTime64(3, 'UTC'),
    label_positive Nullable(Bool),
    label_class Nullable(String),
    label_value Nullable(Float64),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (project, model, prediction_id)
SETTINGS non_replicated_deduplication_window = 1000;
