-- Score histograms in the hour states: for a binary model, each state's
-- labeled rows counted per score bin (positives and negatives), sparse (only
-- the bins holding a row), so an opt-in approximate ROC AUC over buckets
-- longer than an hour is read from the states with a stated error bound
-- (libs/services/metrics/README.md, "Hour states", src/score-histograms.ts).
-- histogram_bins is the bin count the fold used: 0 on states folded before
-- this migration (and on other tasks), which then answer exactly, as before.
ALTER TABLE metrics_hour_states
    ADD COLUMN IF NOT EXISTS histogram_bins UInt16 DEFAULT 0,
    ADD COLUMN IF NOT EXISTS score_bins Array(UInt16),
    ADD COLUMN IF NOT EXISTS bin_positives Array(UInt32),
    ADD COLUMN IF NOT EXISTS bin_negatives Array(UInt32);
