-- Scratch rows of offline evaluations (POST /v1/evaluations/offline): one
-- partition per evaluation, dropped once it is answered; a process that dies
-- mid-request leaves its partition to the TTL, which drops whole parts.
CREATE TABLE IF NOT EXISTS metrics_offline_rows
(
    project LowCardinality(String),
    evaluation_id String,
    variant LowCardinality(String),
    score Nullable(Float64),
    probabilities Map(String, Float64),
    predicted_class Nullable(String),
    value Nullable(Float64),
    label_positive Nullable(Bool),
    label_class Nullable(String),
    label_value Nullable(Float64),
    slices Map(String, String),
    created_at DateTime DEFAULT now()
)
ENGINE = MergeTree
PARTITION BY evaluation_id
ORDER BY (project, evaluation_id, variant)
TTL created_at + INTERVAL 1 DAY
SETTINGS ttl_only_drop_parts = 1;
