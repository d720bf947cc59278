-- Hour states: sliceMetrics' sums and per-bucket values per (hour, tag
-- value, version), folded from the evaluation store's row source so a
-- request over whole hours reads a few hundred rows instead of joining the
-- model's predictions and feedback (libs/services/metrics/README.md, "Hour
-- states"). Written only by the fold (src/hour-states.ts); every fold writes
-- the hours it touches under a new fold_version, and reads take the latest
-- version of each hour named in metrics_hour_folds, never a merge's pick.
CREATE TABLE IF NOT EXISTS metrics_hour_states
(
    project LowCardinality(String),
    model String,
    hour DateTime('UTC'),
    fold_version UInt64,
    field LowCardinality(String),
    all_versions Bool,
    model_version LowCardinality(String),
    value Nullable(String),
    samples UInt64,
    labeled_rows UInt64,
    sums Map(LowCardinality(String), Float64)
)
ENGINE = MergeTree
ORDER BY (project, model, hour, fold_version, field, all_versions, model_version, value)
SETTINGS allow_nullable_key = 1;

-- The latest fold of each hour and the tag fields whose states it holds (a
-- tag with more values in the hour than a request may show is not held).
CREATE TABLE IF NOT EXISTS metrics_hour_folds
(
    project LowCardinality(String),
    model String,
    hour DateTime('UTC'),
    fold_version UInt64,
    fields Array(String)
)
ENGINE = ReplacingMergeTree(fold_version)
ORDER BY (project, model, hour);

-- A model's last complete fold: written after its hours, so the states are
-- read only when the store's fingerprint of the model (evalstore's model
-- summary) is still the one read before the fold began.
CREATE TABLE IF NOT EXISTS metrics_folds
(
    project LowCardinality(String),
    model String,
    fold_version UInt64,
    task LowCardinality(String),
    fingerprint UInt64,
    stored_through DateTime64(3, 'UTC'),
    fields Array(String)
)
ENGINE = ReplacingMergeTree(fold_version)
ORDER BY (project, model);
