-- Dataset snapshots: the rows copied as they were when the dataset was
-- created (features, output, label), with their split and weight. Later
-- label corrections change the store, never a snapshot. Ordered for the
-- export: one split of one dataset is a range, rows in id order.
CREATE TABLE IF NOT EXISTS curation_dataset_rows
(
    project LowCardinality(String),
    dataset_id String,
    split LowCardinality(String),
    id String,
    model_version String,
    ts DateTime64(3, 'UTC'),
    features_num Map(String, Float64),
    features_str Map(String, String),
    features_bool Map(String, Bool),
    tags Map(String, String),
    score Nullable(Float64),
    probabilities Map(String, Float64),
    predicted_class Nullable(String),
    value Nullable(Float64),
    label_positive Nullable(Bool),
    label_class Nullable(String),
    label_value Nullable(Float64),
    weight Float64,
    -- SHA-256 of the row's canonical form (libs/services/curation/src/content-hash.ts)
    row_hash FixedString(32)
)
ENGINE = MergeTree
ORDER BY (project, dataset_id, split, id, model_version);

-- One row per dataset: how it was curated and what it holds.
CREATE TABLE IF NOT EXISTS curation_datasets
(
    project LowCardinality(String),
    model String,
    id String,
    -- the curateDataset input, normalized, as JSON
    spec String,
    row_count UInt64,
    content_hash String,
    -- JSON: [{ split, rowCount }], [{ label, split, rowCount }], [{ field, value, rowCount }]
    splits String,
    class_balance String,
    slice_counts String,
    created_at DateTime64(3, 'UTC'),
    created_by Nullable(String)
)
ENGINE = ReplacingMergeTree
ORDER BY (project, id);
