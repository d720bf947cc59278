/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type LabelInput = {
  class?: string | null | undefined;
  positive?: boolean | null | undefined;
  value?: number | null | undefined;
};

export type OutputInput = {
  /** Multiclass: default is the most probable class. */
  predictedClass?: string | null | undefined;
  /** Multiclass: class → probability. */
  probabilities?: unknown;
  /** Binary classification: probability of the positive class. */
  score?: number | null | undefined;
  /** Regression. */
  value?: number | null | undefined;
};

/** A prediction as a producer logs it. `output` must fit the model's task, which its first record fixed. */
export type PredictionInput = {
  /** name → number | string | boolean | null */
  features?: unknown;
  /** Unique within project and model: the idempotency key. */
  id: string;
  /** Ground truth known at prediction time, if any. */
  label?: LabelInput | null | undefined;
  model: string;
  /** Default: unversioned. */
  modelVersion?: string | null | undefined;
  output: OutputInput;
  /** name → string, slicing metadata such as country or device */
  tags?: unknown;
  /** Default: arrival time. */
  timestamp?: string | null | undefined;
};

export type LogShadowPredictionsMutationVariables = Exact<{
  records: Array<PredictionInput> | PredictionInput;
}>;


export type LogShadowPredictionsMutation = { logPredictions: { accepted: number, rejected: number, errors: Array<{ index: number, field: string | null, message: string }> } };


export const LogShadowPredictionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LogShadowPredictions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"records"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PredictionInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logPredictions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"records"},"value":{"kind":"Variable","name":{"kind":"Name","value":"records"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"rejected"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<LogShadowPredictionsMutation, LogShadowPredictionsMutationVariables>;