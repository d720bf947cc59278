import { MODEL_NAME_PATTERN } from '@tideline/contracts';
import { PublicError, badInput } from '@tideline/graphql';
import type { ScoreShadowInput, ShadowScoring } from './__generated__/resolvers-types.ts';
import { LogShadowPredictionsDocument } from './__generated__/ingest-operations.ts';
import { TrafficPageDocument, type TrafficPageQueryVariables } from './__generated__/evalstore-operations.ts';
import { asked, registration, type Callees } from './model-facts.ts';
import type { ModelCache } from './model-cache.ts';
import type { FeatureValues } from './ml/index.ts';
import { checkVersion } from './start-training.ts';

/** Rows read and logged per round trip (the store's page limit). */
const PAGE = 1000;

/**
 * Scores the source version's stored traffic in a window with a candidate
 * and logs the candidate's predictions through ingest under its own
 * modelVersion, with the rows' ids and timestamps: each id then has the
 * champion's and the challenger's prediction, and the labels that join by id
 * serve both, so compareVersions and the registry's PRODUCTION gate compare
 * them on exactly the same rows. Idempotent: the same candidate gives the
 * same predictions, which ingest stores once.
 */
export async function scoreShadow(deps: { callees: Callees; models: ModelCache; maxRows: number }, project: string, input: ScoreShadowInput): Promise<ShadowScoring> {
  if (!MODEL_NAME_PATTERN.test(input.model)) throw badInput("input.model must be 1 to 128 letters, digits, '_', '.' or '-'", 'input.model');
  const version = checkVersion(input.version, 'input.version');
  const maxRows = input.maxRows ?? deps.maxRows;
  if (!Number.isInteger(maxRows) || maxRows < 1 || maxRows > deps.maxRows) throw badInput(`input.maxRows must be an integer from 1 to ${deps.maxRows} (TRAINER_SHADOW_MAX_ROWS); got ${maxRows}`, 'input.maxRows');
  const sourceVersion = input.sourceVersion != null ? checkVersion(input.sourceVersion, 'input.sourceVersion') : (await registration(deps.callees, project, input.model)).champion;
  if (!sourceVersion) throw new PublicError('NO_SOURCE_TRAFFIC', `model '${input.model}' has no champion: name the version whose traffic to score in input.sourceVersion`, { field: 'input.sourceVersion' });
  if (sourceVersion === version) throw badInput('input.sourceVersion must differ from input.version: a version cannot shadow its own traffic', 'input.sourceVersion');
  const model = await deps.models.get(project, input.model, version, 'input.version');

  const onSource = { field: 'modelVersion', op: 'EQ' as const, value: sourceVersion };
  const window = { from: input.window.from.toISOString(), to: input.window.to.toISOString() };
  const variables: TrafficPageQueryVariables = { model: input.model, window, slice: input.slice ? { and: [input.slice, onSource] } : onSource, first: PAGE, after: null };
  const result: ShadowScoring = { model: input.model, version, sourceVersion, scored: 0, accepted: 0, rejected: 0, truncated: false };
  for (;;) {
    const { predictions } = await asked('reading the traffic', deps.callees.evalstore.request(project, TrafficPageDocument, { ...variables, first: Math.min(PAGE, maxRows - result.scored) }));
    const rows = predictions.nodes;
    if (rows.length) {
      const outputs = model.predict(rows.map((r) => (r.features ?? {}) as FeatureValues));
      const records = rows.map((r, i) => ({ id: r.id, model: input.model, modelVersion: version, timestamp: r.timestamp, features: r.features, tags: r.tags, output: outputs[i]! }));
      const { logPredictions } = await asked('logging shadow predictions', deps.callees.ingest.request(project, LogShadowPredictionsDocument, { records }));
      result.scored += rows.length;
      result.accepted += logPredictions.accepted;
      result.rejected += logPredictions.rejected;
    }
    if (!predictions.pageInfo.hasNextPage) break;
    if (result.scored >= maxRows) {
      result.truncated = true;
      break;
    }
    variables.after = predictions.pageInfo.endCursor ?? null;
  }
  return result;
}
