-- Dead letters: records the store writer could not store (ClickHouse refused
-- them as data, or they were not records at all), with the reason, so that
-- nothing accepted disappears silently and one bad row never blocks the
-- stream. A record is identified by its stream message and its place in that
-- chunk: a redelivered message dead-letters its records once. Kept 90 days.
CREATE TABLE IF NOT EXISTS evalstore_ingest_errors
(
    project LowCardinality(String),
    model String,
    -- prediction | feedback | message (a stream message holding no readable records)
    kind LowCardinality(String),
    -- the prediction's id or the feedback's predictionId; '' when unreadable
    record_id String,
    -- ClickHouse's error name (CANNOT_PARSE_ESCAPE_SEQUENCE, …) or MALFORMED_RECORD / UNREADABLE_MESSAGE
    code LowCardinality(String),
    reason String,
    -- the record as JSON, lone surrogates escaped, at most 64 KiB
    record String,
    stream_seq UInt64,
    position UInt32,
    failed_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY (project, model, stream_seq, position)
TTL toDateTime(failed_at) + INTERVAL 90 DAY
SETTINGS non_replicated_deduplication_window = 1000;
