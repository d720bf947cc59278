-- The key lists of each hour's feature maps, kept by ClickHouse as
-- predictions are inserted: per (project, model, hour) and map, the rows
-- holding a non-empty list and up to two distinct lists. Drift probes a
-- feature's type and where its values sit from here instead of reading
-- every row's keys (libs/services/metrics/src/drift-kinds.ts): an hour with
-- one list per map answers for all its rows; an hour with two or more is
-- probed from its rows. Kinds: 0 features_num, 1 features_str,
-- 2 features_bool, 3 features_null (KEY_COLUMNS in drift-kinds.ts).
--
-- `rows` is a sum: it counts a re-sent copy and the overlap of the backfill
-- below with the view, as the rows probe counts copies a merge has not yet
-- collapsed. It decides a type only between kinds, never a reported count.
-- The lists are exact (a set of at most two, not a hash), and a set adds
-- nothing when the same rows are inserted again.
CREATE TABLE IF NOT EXISTS evalstore_key_lists
(
    project LowCardinality(String),
    model LowCardinality(String),
    hour DateTime('UTC'),
    kind UInt8,
    rows SimpleAggregateFunction(sum, UInt64),
    lists AggregateFunction(groupUniqArray(2), Array(String))
)
ENGINE = AggregatingMergeTree
ORDER BY (project, model, hour, kind);

CREATE MATERIALIZED VIEW IF NOT EXISTS evalstore_key_lists_mv TO evalstore_key_lists AS
SELECT project, model, toStartOfHour(ts) AS hour, kind, count() AS rows, groupUniqArrayState(2)(list) AS lists
FROM evalstore_predictions
ARRAY JOIN [mapKeys(features_num), mapKeys(features_str), mapKeys(features_bool), features_null] AS list, [0, 1, 2, 3] AS kind
WHERE notEmpty(list)
GROUP BY project, model, hour, kind;

-- The predictions stored before this migration.
INSERT INTO evalstore_key_lists
SELECT project, model, toStartOfHour(ts) AS hour, kind, count() AS rows, groupUniqArrayState(2)(list) AS lists
FROM evalstore_predictions
ARRAY JOIN [mapKeys(features_num), mapKeys(features_str), mapKeys(features_bool), features_null] AS list, [0, 1, 2, 3] AS kind
WHERE notEmpty(list)
GROUP BY project, model, hour, kind;
