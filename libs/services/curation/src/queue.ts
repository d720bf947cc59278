import type { ClickHouseClient } from '@tideline/clickhouse';
import { badInput } from '@tideline/graphql';
import { rows, type PredictionColumns } from '@tideline/store';
import { lift, type Lift } from './lift.ts';
import type { LabelRequestRecord } from './label-requests.ts';
import { PICKS_TABLE, pickedRowsSql, wrongSql } from './picked-rows.ts';

export interface QueueItem {
  predictionId: string;
  modelVersion: string;
  timestamp: Date;
  features: Record<string, unknown>;
  tags: Record<string, string>;
  output: Record<string, unknown>;
  requestId: string;
  arm: 'ACTIVE' | 'CONTROL';
  strategy: string;
  score: number | null;
  reason: string;
}

interface QueueRow extends PredictionColumns {
  id: string;
  model_version: string;
  request_id: string;
  arm: 'ACTIVE' | 'CONTROL';
  strategy: string;
  rank: number;
  pick_score: number | null;
  reason: string;
  ts_ms: string;
}

const encodeCursor = (requestId: string, rank: number) => Buffer.from(JSON.stringify([requestId, rank])).toString('base64url');
function decodeCursor(cursor: string): [string, number] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && Number.isInteger(parsed[1])) return [parsed[0], parsed[1] as number];
  } catch {
    /* reported below */
  }
  throw badInput('after is not a cursor returned by labelingQueue', 'after');
}

const outputOf = (r: QueueRow): Record<string, unknown> =>
  r.score !== null ? { score: r.score } : r.predicted_class !== null ? { probabilities: r.probabilities, predictedClass: r.predicted_class } : { value: r.value };

/**
 * The labeling queue: picked rows of a model that still have no label,
 * oldest request first and in each request's shuffled order. A label that
 * arrives (logFeedback, POST /v1/feedback, the Label Studio webhook) takes
 * its row off the queue at the next read.
 */
export async function labelingQueue(client: ClickHouseClient, project: string, model: string, first: number, after: string | null) {
  if (!Number.isInteger(first) || first < 1 || first > 1000) throw badInput(`first must be from 1 to 1000; got ${first}`, 'first');
  const [afterRequest, afterRank] = after ? decodeCursor(after) : ['', -1];
  const found = await rows<QueueRow>(
    client,
    `SELECT pk.prediction_id AS id, pk.model_version AS model_version, pk.request_id AS request_id, pk.arm AS arm, pk.strategy AS strategy, pk.rank AS rank,
       pk.score AS pick_score, pk.reason AS reason, toUnixTimestamp64Milli(r.ts) AS ts_ms, r.features_num AS features_num, r.features_str AS features_str,
       r.features_bool AS features_bool, r.features_null AS features_null, r.tags AS tags, r.score AS score, r.probabilities AS probabilities,
       r.predicted_class AS predicted_class, r.value AS value
     FROM (SELECT * FROM ${PICKS_TABLE} WHERE project = {project:String} AND model = {model:String}
           AND (request_id > {afterRequest:String} OR (request_id = {afterRequest:String} AND rank > {afterRank:Int64}))) AS pk
     INNER JOIN (${pickedRowsSql('1')}) AS r ON r.id = pk.prediction_id AND r.model_version = pk.model_version
     WHERE NOT r.labeled
     ORDER BY pk.request_id, pk.rank
     LIMIT {limit:UInt32}`,
    { project, model, afterRequest, afterRank, limit: first + 1 },
  );
  const page = found.slice(0, first);
  const nodes: QueueItem[] = page.map((r) => ({
    predictionId: r.id,
    modelVersion: r.model_version,
    timestamp: new Date(Number(r.ts_ms)),
    features: { ...Object.fromEntries(r.features_null.map((name) => [name, null])), ...r.features_num, ...r.features_str, ...r.features_bool },
    tags: r.tags,
    output: outputOf(r),
    requestId: r.request_id,
    arm: r.arm,
    strategy: r.strategy,
    score: r.pick_score,
    reason: r.reason,
  }));
  const last = page.at(-1);
  return { nodes, pageInfo: { hasNextPage: found.length > first, endCursor: last ? encodeCursor(last.request_id, last.rank) : null } };
}

/** How many of a request's picks are labeled, and its lift (classifiers). */
export async function requestOutcome(client: ClickHouseClient, request: LabelRequestRecord): Promise<{ labeledCount: number; lift: Lift | null }> {
  const wrong = wrongSql(request.task) ?? '0';
  const found = await rows<{ arm: string; labeled: string; errors: string }>(
    client,
    `SELECT pk.arm AS arm, countIf(r.labeled) AS labeled, countIf(r.labeled AND ${wrong}) AS errors
     FROM (SELECT prediction_id, model_version, arm FROM ${PICKS_TABLE} WHERE project = {project:String} AND model = {model:String} AND request_id = {request:String}) AS pk
     INNER JOIN (${pickedRowsSql('request_id = {request:String}')}) AS r ON r.id = pk.prediction_id AND r.model_version = pk.model_version
     GROUP BY arm`,
    { project: request.project, model: request.model, request: request.id },
  );
  const arm = (name: string) => {
    const row = found.find((f) => f.arm === name);
    return { labeled: Number(row?.labeled ?? 0), errors: Number(row?.errors ?? 0) };
  };
  const active = arm('ACTIVE');
  const control = arm('CONTROL');
  return { labeledCount: active.labeled + control.labeled, lift: wrongSql(request.task) ? lift(active, control) : null };
}
