-- Every hour each prediction id has been stored in, kept apart from the
-- predictions themselves: a prediction re-sent into another hour replaces
-- its first copy when the predictions table merges, and with it the fact
-- that its first hour changed. The metrics service's hour states refold
-- both hours (libs/services/metrics/src/hour-states.ts), and route a label
-- to its prediction's hours here, by id, in the key's order. Rows collapse
-- only when they are the same (id, hour).
CREATE TABLE IF NOT EXISTS evalstore_prediction_hours
(
    project LowCardinality(String),
    model LowCardinality(String),
    id String,
    hour DateTime('UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY (project, model, id, hour);

CREATE MATERIALIZED VIEW IF NOT EXISTS evalstore_prediction_hours_mv TO evalstore_prediction_hours AS
SELECT project, model, id, toStartOfHour(ts) AS hour FROM evalstore_predictions;

-- The predictions stored before this migration (a copy the view also wrote
-- collapses with this one).
INSERT INTO evalstore_prediction_hours
SELECT DISTINCT project, model, id, toStartOfHour(ts) FROM evalstore_predictions;
