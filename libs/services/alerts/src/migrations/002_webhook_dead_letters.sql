-- Alert events whose every webhook delivery attempt failed: one row per
-- (event, webhook). A delivery job redelivered after the row was written (the
-- process died before its `term`) writes the same key again; the
-- ReplacingMergeTree keeps one, and reads use FINAL. Ordered by webhook first
-- because the only reader is `Webhook.deadLetters`, one webhook's newest rows.
CREATE TABLE IF NOT EXISTS alerts_webhook_dead_letters
(
    project LowCardinality(String),
    webhook_id String,
    event_id String,
    event String,
    attempts UInt32,
    last_error String,
    failed_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(failed_at)
ORDER BY (project, webhook_id, event_id);
