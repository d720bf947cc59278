-- Folded rows: the store's row source (each prediction with its latest
-- label, evalstore's join) rewritten by the fold hour by hour, ordered by
-- time, so a read of a window scans its hours instead of joining the model's
-- whole history (libs/services/metrics/README.md, "Folded rows"). Written
-- only by the fold (src/folded-rows.ts), under the fold_version of the hour
-- it rewrites; reads take each hour's latest version named in
-- metrics_hour_folds, and the fold deletes the older ones.
CREATE TABLE IF NOT EXISTS metrics_folded_rows
(
    project LowCardinality(String),
    model String,
    hour DateTime('UTC'),
    fold_version UInt64,
    model_version LowCardinality(String),
    id String,
    ts DateTime64(3, 'UTC'),
    features_num Map(String, Float64),
    features_str Map(String, String),
    features_bool Map(String, Bool),
    features_null Array(String),
    tags Map(String, String),
    score Nullable(Float64),
    probabilities Map(String, Float64),
    predicted_class Nullable(String),
    value Nullable(Float64),
    has_feedback Bool,
    label_positive Nullable(Bool),
    label_class Nullable(String),
    label_value Nullable(Float64),
    labeled Bool,
    labeled_at_ms Nullable(Int64)
)
ENGINE = MergeTree
ORDER BY (project, model, hour, fold_version, model_version, ts);

-- Folds made before this table wrote no rows: every model is folded whole
-- again (its hours under a new version, rows and states) at its next read.
TRUNCATE TABLE metrics_folds;
