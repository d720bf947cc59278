/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
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

/** The kind of prediction a model makes, fixed by its first record. */
export type Task =
  | 'BINARY'
  | 'MULTICLASS'
  | 'REGRESSION';

/** Half-open time range [from, to). */
export type TimeRangeInput = {
  from: string;
  to: string;
};

export type ModelTaskQueryVariables = Exact<{
  name: string;
}>;


export type ModelTaskQuery = { model: { name: string, task: Task | null } | null };

export type TrafficPageQueryVariables = Exact<{
  model: string;
  window: TimeRangeInput;
  slice?: SliceFilterInput | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type TrafficPageQuery = { predictions: { nodes: Array<{ id: string, timestamp: string, features: unknown, tags: unknown }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };


export const ModelTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ModelTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"task"}}]}}]}}]} as unknown as DocumentNode<ModelTaskQuery, ModelTaskQueryVariables>;
export const TrafficPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TrafficPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"model"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"window"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TimeRangeInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slice"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SliceFilterInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"predictions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"Variable","name":{"kind":"Name","value":"model"}}},{"kind":"Argument","name":{"kind":"Name","value":"window"},"value":{"kind":"Variable","name":{"kind":"Name","value":"window"}}},{"kind":"Argument","name":{"kind":"Name","value":"slice"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slice"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"features"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<TrafficPageQuery, TrafficPageQueryVariables>;