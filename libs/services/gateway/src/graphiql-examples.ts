/** A GraphiQL tab (Yoga's `defaultTabs`); `variables` is JSON text. */
export interface ExampleTab {
  query: string;
  variables?: string;
}

const WEEK = { from: '2026-01-01T00:00:00Z', to: '2026-01-08T00:00:00Z' };
const vars = (value: object) => JSON.stringify(value, null, 2);

/** GraphiQL's tabs on a first visit; apps/platform/test/graphiql.test.ts checks each against the real schema. */
export const EXAMPLE_TABS: ExampleTab[] = [
  {
    query: `# Tideline's GraphQL API. Paste your API key in the bar above (npm start
# prints one and keeps it in .tideline/dev-key), then press ▶ (Ctrl+Enter).
# The other tabs hold more examples; the Docs button lists everything.
query Models {
  models {
    name
    task
    predictionCount
    labeledCount
    lastPredictionAt
  }
}
`,
  },
  {
    query: `query Predictions($model: String!, $slice: SliceFilterInput) {
  predictions(model: $model, slice: $slice, first: 10) {
    nodes { id timestamp tags output { score predictedClass value } label { positive class value } }
    pageInfo { hasNextPage endCursor }
  }
}
`,
    variables: vars({ model: 'churn', slice: { field: 'tags.country', op: 'EQ', value: 'BR' } }),
  },
  {
    query: `query Accuracy($model: String!, $window: TimeRangeInput!) {
  metric(model: $model, metric: ACCURACY, granularity: DAY, window: $window) {
    points { from value sampleCount labeledCount }
  }
  worstSlices: sliceMetrics(model: $model, metrics: [ACCURACY], groupBy: ["tags.country"], window: $window, minSamples: 100) {
    key { field value }
    sampleCount
    values { metric value }
    significance { pValue worseThanRest }
  }
}
`,
    variables: vars({ model: 'churn', window: WEEK }),
  },
  {
    query: `# Live: one event each time records of a model become queryable.
subscription StoreProgress {
  storeProgress {
    model { name predictionCount labeledCount }
    predictions
    feedback
    at
  }
}
`,
  },
];
