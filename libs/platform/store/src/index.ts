export { PREDICTIONS_TABLE, FEEDBACK_TABLE, FIELDS_TABLE, labeledRows, taskOf, unknownFields, rows, ms, type RowScope, type Params } from './labeled-rows.ts';
export { checkWindow, bucketsFor, bucketBounds, STEP_MS, MAX_BUCKETS, type Granularity, type Window, type Buckets } from './windows.ts';
