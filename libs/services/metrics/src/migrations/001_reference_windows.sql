-- A model's stored reference window ("baseline"): drift, data quality and
-- estimated performance compare with it when a request names no reference.
-- The latest write wins (ReplacingMergeTree on the write time, read FINAL).
CREATE TABLE IF NOT EXISTS metrics_reference_windows
(
    project LowCardinality(String),
    model String,
    from_ms Int64,
    to_ms Int64,
    updated_ms Int64
)
ENGINE = ReplacingMergeTree(updated_ms)
ORDER BY (project, model);
