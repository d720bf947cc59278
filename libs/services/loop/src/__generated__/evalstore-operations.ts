/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** The kind of prediction a model makes, fixed by its first record. */
export type Task =
  | 'BINARY'
  | 'MULTICLASS'
  | 'REGRESSION';

export type ModelTrafficQueryVariables = Exact<{
  name: string;
}>;


export type ModelTrafficQuery = { model: { name: string, task: Task | null, predictionCount: number, firstPredictionAt: string | null, lastPredictionAt: string | null } | null };

export type ModelLabelsQueryVariables = Exact<{
  name: string;
}>;


export type ModelLabelsQuery = { model: { name: string, labeledCount: number } | null };


export const ModelTrafficDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ModelTraffic"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"predictionCount"}},{"kind":"Field","name":{"kind":"Name","value":"firstPredictionAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastPredictionAt"}}]}}]}}]} as unknown as DocumentNode<ModelTrafficQuery, ModelTrafficQueryVariables>;
export const ModelLabelsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ModelLabels"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"labeledCount"}}]}}]}}]} as unknown as DocumentNode<ModelLabelsQuery, ModelLabelsQueryVariables>;