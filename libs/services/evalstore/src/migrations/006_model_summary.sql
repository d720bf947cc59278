-- Model statistics (`models`, `model(name)`, every federated reference to a
-- Model) from a summary ClickHouse keeps itself, instead of scanning and
-- joining the model's whole history on each read. One row per (project,
-- model, model_version) of predictions, and one per (project, model) with
-- model_version '' for feedback (a real version is never empty), merged by
-- AggregatingMergeTree.
--
-- Every column is a set or an extremum, so adding the same row twice changes
-- nothing: a re-sent prediction, a batch redelivered after a crash, and the
-- backfill below overlapping rows the views already counted all count once.
-- Counts are uniqExact states of ids (ClickHouse's exact distinct count), not
-- sums: a sum would count a re-sent prediction twice until a merge collapsed
-- its copies, and an insert cannot see the copies already stored. The price:
-- a state holds every id (16 bytes each), so finalizing a count reads them
-- all. The timestamps and the task are single values, and `rows_in` (rows
-- ever inserted, a sum that only grows) tells the service whether a model
-- changed since it last finalized its counts (then it reuses them). Design and figures:
-- libs/services/evalstore/README.md.
CREATE TABLE IF NOT EXISTS evalstore_model_summary
(
    project LowCardinality(String),
    model LowCardinality(String),
    -- '' on the feedback row of the model
    model_version LowCardinality(String),
    task SimpleAggregateFunction(any, LowCardinality(String)),
    -- ids of the version's predictions
    predictions AggregateFunction(uniqExact, String),
    -- ids of the version's predictions that carried a label inline
    inline_labeled AggregateFunction(uniqExact, String),
    -- prediction ids that received feedback (feedback row only)
    feedback AggregateFunction(uniqExact, String),
    first_ts SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    last_ts SimpleAggregateFunction(max, Nullable(DateTime64(3, 'UTC'))),
    -- rows inserted into either table: grows with every insert, counts copies
    rows_in SimpleAggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
ORDER BY (project, model, model_version);

CREATE MATERIALIZED VIEW IF NOT EXISTS evalstore_model_summary_predictions TO evalstore_model_summary AS
SELECT project, model, model_version, any(task) AS task,
    uniqExactState(id) AS predictions,
    uniqExactStateIf(id, inline_label_positive IS NOT NULL OR inline_label_class IS NOT NULL OR inline_label_value IS NOT NULL) AS inline_labeled,
    uniqExactStateIf(id, false) AS feedback,
    min(toNullable(ts)) AS first_ts, max(toNullable(ts)) AS last_ts, count() AS rows_in
FROM evalstore_predictions
GROUP BY project, model, model_version;

CREATE MATERIALIZED VIEW IF NOT EXISTS evalstore_model_summary_feedback TO evalstore_model_summary AS
SELECT project, model, '' AS model_version, any(task) AS task,
    uniqExactStateIf(prediction_id, false) AS predictions,
    uniqExactStateIf(prediction_id, false) AS inline_labeled,
    uniqExactState(prediction_id) AS feedback,
    CAST(NULL, 'Nullable(DateTime64(3, \'UTC\'))') AS first_ts, CAST(NULL, 'Nullable(DateTime64(3, \'UTC\'))') AS last_ts, count() AS rows_in
FROM evalstore_feedback
GROUP BY project, model;

-- Backfill a store that held data before this migration. The views exist
-- already, so rows stored meanwhile may be added twice: harmless (above).
INSERT INTO evalstore_model_summary
SELECT project, model, model_version, any(task),
    uniqExactState(id),
    uniqExactStateIf(id, inline_label_positive IS NOT NULL OR inline_label_class IS NOT NULL OR inline_label_value IS NOT NULL),
    uniqExactStateIf(id, false),
    min(toNullable(ts)), max(toNullable(ts)), count()
FROM evalstore_predictions
GROUP BY project, model, model_version;

INSERT INTO evalstore_model_summary
SELECT project, model, '', any(task),
    uniqExactStateIf(prediction_id, false), uniqExactStateIf(prediction_id, false), uniqExactState(prediction_id),
    CAST(NULL, 'Nullable(DateTime64(3, \'UTC\'))'), CAST(NULL, 'Nullable(DateTime64(3, \'UTC\'))'), count()
FROM evalstore_feedback
GROUP BY project, model;
