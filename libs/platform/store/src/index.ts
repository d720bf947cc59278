export { PREDICTIONS_TABLE, FEEDBACK_TABLE, labeledRows, taskOf, rows, ms, type RowScope, type PredictionColumns, type Params } from './labeled-rows.ts';
export { FIELDS_TABLE, MAX_FIELD_NAMES, unknownFields, fieldNames, type FieldNames } from './field-catalog.ts';
export { checkWindow, bucketsFor, bucketBounds, STEP_MS, MAX_BUCKETS, type Granularity, type Window, type Buckets } from './windows.ts';
export { parseField, fieldSql, fieldPath, FIELD_PATHS, VALUE_KINDS, type Field, type FieldSql, type ValueKind } from './fields.ts';
export { sliceFilterToSql, sliceFilterFields, SliceFilterError, type SliceFilter, type FilterOp, type FilterScalar, type CompiledFilter } from './slice-filter.ts';
export { BINARY_THRESHOLD, LABELED_ROWS, PREDICTED_POSITIVE, BINARY_PREDICTED_CLASS } from './task-rows.ts';
export { HIGHER_IS_BETTER, LOWER_IS_BETTER, EVALUATION_METRICS, DEFAULT_PRIMARY_METRIC, direction, higherIsBetter, type EvaluationMetric } from './metric-directions.ts';
export { MODEL_SUMMARY_TABLE, listModels, countModels, type ModelListing, type ModelCountKind, type ModelCounts } from './model-summary.ts';
