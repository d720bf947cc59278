import { evaluationId } from './evaluation-id.ts';
import { isClientErrorCode } from '@tideline/contracts';
import { PublicError, SubgraphRequestError, type SubgraphClient } from '@tideline/graphql';
import type { EvaluationMetric } from '@tideline/store';
import type { Evaluation, EvaluationValue } from './log-events.ts';
import { ProductionEvidenceDocument, type ProductionEvidenceQuery, type SliceFilterInput } from './__generated__/metrics-operations.ts';

type SliceMetricsRow = ProductionEvidenceQuery['sliceMetrics'][number];

export interface Window {
  from: Date;
  to: Date;
}

/** Protected slices name fields (`tags.country`) or values (`tags.country=BR`): production evidence groups by their fields. */
export const protectedFields = (protectedSlices: readonly string[]) => [...new Set(protectedSlices.map((s) => s.split('=')[0]!))];

/**
 * A version's metrics on production traffic, asked of the metrics subgraph
 * (the registry never reads ClickHouse itself): the whole traffic of the
 * version in the window, and each value of every protected field. Sample
 * counts are labeled predictions, what the metrics rest on.
 */
export async function productionEvaluation(
  metrics: SubgraphClient,
  project: string,
  request: { model: string; version: string; window: Window; metrics: EvaluationMetric[]; protectedSlices: readonly string[] },
): Promise<Evaluation> {
  const ofVersion: SliceFilterInput = { field: 'modelVersion', op: 'EQ', value: request.version };
  const ask = async (groupBy: string) => {
    try {
      const answer = await metrics.request(project, ProductionEvidenceDocument, {
        model: request.model,
        metrics: request.metrics,
        window: { from: request.window.from.toISOString(), to: request.window.to.toISOString() },
        groupBy: [groupBy],
        slice: ofVersion,
      });
      return answer.sliceMetrics;
    } catch (err) {
      // The caller's mistakes as metrics saw them; its failures stay internal here too.
      if (!(err instanceof SubgraphRequestError) || !isClientErrorCode(err.code)) throw err;
      // The metrics service's own codes (MODEL_NOT_FOUND, METRIC_NOT_APPLICABLE, …) mean something to the caller.
      throw new PublicError(err.code, `production evidence for ${request.model} ${request.version}: ${err.message}`, { field: err.field === 'groupBy' ? 'protectedSlices' : (err.field ?? 'evidence') }, { cause: err });
    }
  };
  const values: EvaluationValue[] = [];
  const add = (slice: string | null, row: SliceMetricsRow) => {
    // Only evaluation metrics were asked for, so only they come back.
    for (const v of row.values) values.push({ slice, metric: v.metric as EvaluationMetric, value: v.value, sampleCount: row.labeledCount });
  };
  // Grouping by modelVersion under a filter on that version yields the version's whole traffic as one slice.
  const [whole, ...perField] = await Promise.all([ask('modelVersion'), ...protectedFields(request.protectedSlices).map(ask)]);
  for (const row of whole ?? []) add(null, row);
  for (const rows of perField) for (const row of rows) add(row.key.map((k) => `${k.field}=${k.value ?? ''}`).join(','), row);
  return {
    id: evaluationId(),
    source: 'PRODUCTION',
    datasetId: null,
    window: { from: request.window.from.toISOString(), to: request.window.to.toISOString() },
    values,
  };
}
