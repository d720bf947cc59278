-- When each row was stored, set by ClickHouse at insert (not by the writer):
-- the metrics service's hour states (metrics migration 003) refold the hours
-- of rows stored since their last fold. `received_at` cannot serve: a batch
-- kept in JetStream while the store was down is stored hours after it was
-- received. Rows already stored take the time of this migration.
ALTER TABLE evalstore_predictions ADD COLUMN IF NOT EXISTS stored_at DateTime64(3, 'UTC') DEFAULT now64(3);
ALTER TABLE evalstore_predictions MATERIALIZE COLUMN stored_at SETTINGS mutations_sync = 2;
ALTER TABLE evalstore_feedback ADD COLUMN IF NOT EXISTS stored_at DateTime64(3, 'UTC') DEFAULT now64(3);
ALTER TABLE evalstore_feedback MATERIALIZE COLUMN stored_at SETTINGS mutations_sync = 2;
