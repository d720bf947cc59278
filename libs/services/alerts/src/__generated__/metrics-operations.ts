/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/**
 * How a feature's distribution in the current window is compared with the
 * reference window (definitions in libs/services/metrics/README.md).
 * Numeric features: PSI, KS, WASSERSTEIN. Categorical features (string or
 * boolean features, tags, output.predictedClass): JENSEN_SHANNON, CHI2.
 */
export type DriftMethod =
  /** Chi-square test of independence on the 2 × k table of category counts. Drifted when pValue < threshold (default 0.05), or by default past 1,000 values per window when the Jensen–Shannon distance > 0.1 (DriftVerdict). */
  | 'CHI2'
  /** Jensen–Shannon distance (base 2) of the category shares. Drifted when statistic > threshold (default 0.1). */
  | 'JENSEN_SHANNON'
  /** Two-sample Kolmogorov–Smirnov; pValue as SciPy's ks_2samp. Drifted when pValue < threshold (default 0.05), or by default past 1,000 values per window when the normed Wasserstein distance > 0.1 (DriftVerdict). */
  | 'KS'
  /** Population stability index over 10 reference-quantile bins. Drifted when statistic > threshold (default 0.2). */
  | 'PSI'
  /** 1-Wasserstein distance of the empirical distributions. Drifted when statistic > threshold (default 0.1 × the reference's standard deviation). */
  | 'WASSERSTEIN';

export type FilterOp =
  | 'EQ'
  | 'GT'
  | 'GTE'
  | 'IN'
  | 'IS_NULL'
  | 'LT'
  | 'LTE'
  | 'NE'
  | 'NOT_IN';

/**
 * Metrics as defined in docs/API.md (scikit-learn's definitions; ECE, PSI and
 * the rest exactly as in the oracle's README). Binary: threshold 0.5 on
 * output.score. Multiclass: PRECISION, RECALL and F1 take `average`.
 */
export type MetricName =
  | 'ACCURACY'
  | 'BRIER'
  | 'COUNT'
  | 'ECE'
  | 'ESTIMATED_ACCURACY'
  | 'ESTIMATED_ROC_AUC'
  | 'F1'
  | 'LABELED_COUNT'
  | 'LABEL_POSITIVE_RATE'
  | 'LOG_LOSS'
  | 'MAE'
  | 'MAPE'
  | 'POSITIVE_RATE'
  | 'PRECISION'
  | 'PR_AUC'
  | 'R2'
  | 'RECALL'
  | 'RMSE'
  | 'ROC_AUC';

/**
 * A slice: exactly one of and / or / not / field. Leaves compare `field`
 * (tags.<name>, features.<name>, modelVersion, output.score, output.value,
 * output.predictedClass, label) with `value` using `op`.
 */
export type SliceFilterInput = {
  and?: Array<SliceFilterInput> | null | undefined;
  field?: string | null | undefined;
  not?: SliceFilterInput | null | undefined;
  op?: FilterOp | null | undefined;
  or?: Array<SliceFilterInput> | null | undefined;
  value?: unknown;
};

/** Half-open time range [from, to). */
export type TimeRangeInput = {
  from: string;
  to: string;
};

export type MetricFigureQueryVariables = Exact<{
  model: string;
  metric: MetricName;
  window: TimeRangeInput;
  slice?: SliceFilterInput | null | undefined;
}>;


export type MetricFigureQuery = { metric: { points: Array<{ value: number | null, sampleCount: number, labeledCount: number }> } };

export type SliceMetricFiguresQueryVariables = Exact<{
  model: string;
  metric: MetricName;
  window: TimeRangeInput;
  groupBy: Array<string> | string;
  slice?: SliceFilterInput | null | undefined;
}>;


export type SliceMetricFiguresQuery = { sliceMetrics: Array<{ sampleCount: number, labeledCount: number, key: Array<{ field: string, value: string | null }>, values: Array<{ value: number | null }> }> };

export type SliceGroupsQueryVariables = Exact<{
  model: string;
  window: TimeRangeInput;
  groupBy: Array<string> | string;
  slice?: SliceFilterInput | null | undefined;
}>;


export type SliceGroupsQuery = { sliceMetrics: Array<{ key: Array<{ field: string, value: string | null }> }> };

export type DriftFigureQueryVariables = Exact<{
  model: string;
  feature: string;
  method: DriftMethod;
  reference?: TimeRangeInput | null | undefined;
  window: TimeRangeInput;
  slice?: SliceFilterInput | null | undefined;
  approximate: boolean;
}>;


export type DriftFigureQuery = { drift: { statistic: number | null, effectSize: number | null, drifted: boolean, currentCount: number } };

export type DataQualityFiguresQueryVariables = Exact<{
  model: string;
  window: TimeRangeInput;
  reference?: TimeRangeInput | null | undefined;
  slice?: SliceFilterInput | null | undefined;
}>;


export type DataQualityFiguresQuery = { dataQuality: Array<{ feature: string, rowCount: number, nullRate: number, typeMismatchCount: number, outOfRangeShare: number | null, unseenCategoryShare: number | null }> };

export type EstimatedFigureQueryVariables = Exact<{
  model: string;
  metric: MetricName;
  window: TimeRangeInput;
  reference?: TimeRangeInput | null | undefined;
  slice?: SliceFilterInput | null | undefined;
}>;


export type EstimatedFigureQuery = { estimatedPerformance: { points: Array<{ value: number | null, sampleCount: number }> } };


export const MetricFigureDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MetricFigure"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"model"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"metric"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MetricName"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"window"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TimeRangeInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slice"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SliceFilterInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"Variable","name":{"kind":"Name","value":"model"}}},{"kind":"Argument","name":{"kind":"Name","value":"metric"},"value":{"kind":"Variable","name":{"kind":"Name","value":"metric"}}},{"kind":"Argument","name":{"kind":"Name","value":"window"},"value":{"kind":"Variable","name":{"kind":"Name","value":"window"}}},{"kind":"Argument","name":{"kind":"Name","value":"slice"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slice"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"sampleCount"}},{"kind":"Field","name":{"kind":"Name","value":"labeledCount"}}]}}]}}]}}]} as unknown as DocumentNode<MetricFigureQuery, MetricFigureQueryVariables>;
export const SliceMetricFiguresDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SliceMetricFigures"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"model"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"metric"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MetricName"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"window"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TimeRangeInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"groupBy"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slice"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SliceFilterInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sliceMetrics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"Variable","name":{"kind":"Name","value":"model"}}},{"kind":"Argument","name":{"kind":"Name","value":"metrics"},"value":{"kind":"ListValue","values":[{"kind":"Variable","name":{"kind":"Name","value":"metric"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"window"},"value":{"kind":"Variable","name":{"kind":"Name","value":"window"}}},{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"groupBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"slice"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slice"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sampleCount"}},{"kind":"Field","name":{"kind":"Name","value":"labeledCount"}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<SliceMetricFiguresQuery, SliceMetricFiguresQueryVariables>;
export const SliceGroupsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SliceGroups"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"model"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"window"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TimeRangeInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"groupBy"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slice"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SliceFilterInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sliceMetrics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"Variable","name":{"kind":"Name","value":"model"}}},{"kind":"Argument","name":{"kind":"Name","value":"metrics"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"COUNT"}]}},{"kind":"Argument","name":{"kind":"Name","value":"window"},"value":{"kind":"Variable","name":{"kind":"Name","value":"window"}}},{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"groupBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"slice"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slice"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<SliceGroupsQuery, SliceGroupsQueryVariables>;
export const DriftFigureDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DriftFigure"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"model"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"feature"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"method"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DriftMethod"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reference"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TimeRangeInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"window"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TimeRangeInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slice"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SliceFilterInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"approximate"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"drift"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"Variable","name":{"kind":"Name","value":"model"}}},{"kind":"Argument","name":{"kind":"Name","value":"feature"},"value":{"kind":"Variable","name":{"kind":"Name","value":"feature"}}},{"kind":"Argument","name":{"kind":"Name","value":"method"},"value":{"kind":"Variable","name":{"kind":"Name","value":"method"}}},{"kind":"Argument","name":{"kind":"Name","value":"reference"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reference"}}},{"kind":"Argument","name":{"kind":"Name","value":"current"},"value":{"kind":"Variable","name":{"kind":"Name","value":"window"}}},{"kind":"Argument","name":{"kind":"Name","value":"slice"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slice"}}},{"kind":"Argument","name":{"kind":"Name","value":"approximate"},"value":{"kind":"Variable","name":{"kind":"Name","value":"approximate"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"statistic"}},{"kind":"Field","name":{"kind":"Name","value":"effectSize"}},{"kind":"Field","name":{"kind":"Name","value":"drifted"}},{"kind":"Field","name":{"kind":"Name","value":"currentCount"}}]}}]}}]} as unknown as DocumentNode<DriftFigureQuery, DriftFigureQueryVariables>;
export const DataQualityFiguresDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DataQualityFigures"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"model"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"window"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TimeRangeInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reference"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TimeRangeInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slice"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SliceFilterInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataQuality"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"Variable","name":{"kind":"Name","value":"model"}}},{"kind":"Argument","name":{"kind":"Name","value":"window"},"value":{"kind":"Variable","name":{"kind":"Name","value":"window"}}},{"kind":"Argument","name":{"kind":"Name","value":"reference"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reference"}}},{"kind":"Argument","name":{"kind":"Name","value":"slice"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slice"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"feature"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"nullRate"}},{"kind":"Field","name":{"kind":"Name","value":"typeMismatchCount"}},{"kind":"Field","name":{"kind":"Name","value":"outOfRangeShare"}},{"kind":"Field","name":{"kind":"Name","value":"unseenCategoryShare"}}]}}]}}]} as unknown as DocumentNode<DataQualityFiguresQuery, DataQualityFiguresQueryVariables>;
export const EstimatedFigureDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EstimatedFigure"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"model"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"metric"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MetricName"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"window"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TimeRangeInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reference"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TimeRangeInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slice"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SliceFilterInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"estimatedPerformance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"Variable","name":{"kind":"Name","value":"model"}}},{"kind":"Argument","name":{"kind":"Name","value":"metric"},"value":{"kind":"Variable","name":{"kind":"Name","value":"metric"}}},{"kind":"Argument","name":{"kind":"Name","value":"window"},"value":{"kind":"Variable","name":{"kind":"Name","value":"window"}}},{"kind":"Argument","name":{"kind":"Name","value":"reference"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reference"}}},{"kind":"Argument","name":{"kind":"Name","value":"slice"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slice"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"sampleCount"}}]}}]}}]}}]} as unknown as DocumentNode<EstimatedFigureQuery, EstimatedFigureQueryVariables>;