-- Labeling requests: one row per request, with what it asked for and what it
-- picked. It is also the budget ledger: what a model spent in a period is the
-- sum of the rows its requests picked then (active + control).
CREATE TABLE IF NOT EXISTS curation_label_requests
(
    project LowCardinality(String),
    model String,
    -- time-ordered: lr_<ms, base36, 9 digits><random>
    id String,
    task LowCardinality(String),
    strategy LowCardinality(String),
    budget UInt32,
    control_share Float64,
    seed Int64,
    window_from DateTime64(3, 'UTC'),
    window_to DateTime64(3, 'UTC'),
    model_version Nullable(String),
    -- the SliceFilterInput as JSON; '' for none
    slice String,
    stratify_by Nullable(String),
    active_count UInt32,
    control_count UInt32,
    candidates UInt64,
    -- JSON: per stratum or slice, its candidates, weight and quota
    allocation String,
    created_at DateTime64(3, 'UTC'),
    created_by Nullable(String)
)
ENGINE = MergeTree
ORDER BY (project, model, id);

-- The rows a request picked, one per prediction id and model for ever: a row
-- once queued is never picked again. Ordered by prediction id, so the
-- exclusion of queued rows and the joins with the store are merges by id.
CREATE TABLE IF NOT EXISTS curation_label_picks
(
    project LowCardinality(String),
    model String,
    prediction_id String,
    model_version String,
    request_id String,
    -- ACTIVE (the strategy's picks) or CONTROL (uniform random)
    arm LowCardinality(String),
    strategy LowCardinality(String),
    -- position in the request's seeded shuffle of both arms: labelers working
    -- down the queue label a uniform mix of the arms
    rank UInt32,
    score Nullable(Float64),
    reason String,
    created_at DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (project, model, prediction_id);

-- Label budgets granted per model (setLabelBudget); a model without one has
-- CURATION_LABEL_BUDGET. The latest grant wins.
CREATE TABLE IF NOT EXISTS curation_label_budgets
(
    project LowCardinality(String),
    model String,
    labels_per_period UInt32,
    set_at DateTime64(3, 'UTC'),
    set_by Nullable(String)
)
ENGINE = ReplacingMergeTree(set_at)
ORDER BY (project, model);
