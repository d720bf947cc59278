-- Every alert, with its history: a FIRING row (version 1) and, once it
-- resolves, a RESOLVED row (version 2) that replaces it. Read with FINAL.
-- The alert id derives from the monitor and its alert count, so an
-- evaluation retried after a crash writes the same rows again, harmlessly.
CREATE TABLE IF NOT EXISTS alerts
(
    project LowCardinality(String),
    model LowCardinality(String),
    id String,
    monitor_id String,
    monitor_name String,
    -- The series' groupBy values, [{field, value}] as JSON.
    slice String,
    metric String,
    value Nullable(Float64),
    threshold Nullable(Float64),
    sample_count UInt64,
    severity LowCardinality(String),
    state LowCardinality(String),
    fired_at DateTime64(3, 'UTC'),
    resolved_at Nullable(DateTime64(3, 'UTC')),
    resolved_value Nullable(Float64),
    version UInt8
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(fired_at)
ORDER BY (project, model, id)
