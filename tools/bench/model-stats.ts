/**
 * Model statistics (evalstore migration 006, a summary ClickHouse keeps) for
 * `npm run bench:metrics`: `model(name) { predictionCount labeledCount
 * lastPredictionAt }` on its 10M-prediction model, and `models` on a project
 * of many models (1,000 × 10k at full size), against the queries `models`
 * ran before 006, measured in the same run. Counts are finalized from uniqExact
 * states of ids when a model changed since it was last read ("cold", measured
 * directly on ClickHouse before the platform starts), and served from the
 * service's finalized counts while its fingerprint is unchanged ("warm",
 * through the gateway).
 */
import type { ClickHouseClient } from '@tideline/clickhouse';
import { countModels, listModels, type ModelCountKind } from '@tideline/store';
import { modelStatsBefore006 } from '@tideline/testing';
import { size } from './sizes.ts';
import { medianMs } from './timing.ts';

export const MANY_MODELS = size('BENCH_MODELS', 1_000, 20);
export const PER_MODEL = size('BENCH_MODEL_ROWS', 10_000, 100);

/** MANY_MODELS models × PER_MODEL predictions of `project`, every other one labeled by feedback. */
export async function generateManyModels(client: ClickHouseClient, project: string, t0: number): Promise<void> {
  const rows = MANY_MODELS * PER_MODEL;
  const model = `concat('m', leftPad(toString(number % ${MANY_MODELS}), 4, '0'))`;
  await client.command({
    query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, score, version)
      SELECT {project:String}, ${model}, 'v1', toString(number), 'BINARY', fromUnixTimestamp64Milli(toInt64(${t0} + number)), now64(3),
        (cityHash64(number) % 1000) / 1000.0, 1
      FROM numbers(${rows})`,
    query_params: { project },
  });
  await client.command({
    query: `INSERT INTO evalstore_feedback (project, model, prediction_id, task, ts, received_at, label_positive, version)
      SELECT {project:String}, ${model}, toString(number), 'BINARY', now64(3), now64(3), number % 4 = 0, 1 FROM numbers(0, ${rows}, 2)`,
    query_params: { project },
  });
}

/** What a read finalizes when the models changed: the listing and the three counts, straight from the summary. */
async function finalizeAll(client: ClickHouseClient, project: string, model?: string) {
  const listed = await listModels(client, project, model === undefined ? undefined : [model]);
  const kinds: ModelCountKind[] = ['predictions', 'labeled', 'feedback'];
  const counts = await countModels(client, project, kinds, listed.map((m) => m.name));
  return kinds.map((kind) => counts.get(kind)!);
}

export interface DirectFigures {
  oneBefore: number;
  oneCold: number;
  manyBefore: number;
  manyCold: number;
}

/** Before 006 versus the summary finalized from its states, directly on ClickHouse; the answers checked equal. */
export async function modelStatsDirect(client: ClickHouseClient, oneProject: string, manyProject: string, runs: number): Promise<DirectFigures> {
  for (const project of [oneProject, manyProject]) {
    const before = await modelStatsBefore006(client, project);
    const [predictions, labeled] = await finalizeAll(client, project);
    for (const m of before) {
      if (predictions!.get(m.name)?.n !== m.predictions || (labeled!.get(m.name)?.n ?? 0) !== m.labeled) throw new Error(`summary and queries before 006 disagree on ${m.name}`);
    }
  }
  return {
    oneBefore: await medianMs(runs, () => modelStatsBefore006(client, oneProject)),
    oneCold: await medianMs(runs, () => finalizeAll(client, oneProject, 'churn')),
    manyBefore: await medianMs(runs, () => modelStatsBefore006(client, manyProject)),
    manyCold: await medianMs(runs, () => finalizeAll(client, manyProject)),
  };
}

type Gql = (query: string, key: string) => Promise<Record<string, unknown>>;

/** Through the gateway, with the counts already finalized (the warm-up run finalizes them). */
export async function modelStatsGateway(gql: Gql, oneKey: string, manyKey: string, runs: number, rows: number) {
  const one = await medianMs(runs, async () => {
    const { model } = (await gql('{ model(name: "churn") { predictionCount labeledCount lastPredictionAt } }', oneKey)) as { model: { predictionCount: number } };
    if (model.predictionCount !== rows) throw new Error(`model(name) counted ${model.predictionCount} predictions, not ${rows}`);
  });
  const many = await medianMs(runs, async () => {
    const { models } = (await gql('{ models { name predictionCount labeledCount lastPredictionAt } }', manyKey)) as { models: { predictionCount: number }[] };
    if (models.length !== MANY_MODELS || models.some((m) => m.predictionCount !== PER_MODEL)) throw new Error('models returned the wrong models or counts');
  });
  return { one, many };
}

export function modelStatsReport(direct: DirectFigures, gateway: { one: number; many: number }, rows: number, fmt: (ms: number) => string): string {
  const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
  return `  model(name) { predictionCount labeledCount lastPredictionAt } · ${rows.toLocaleString('en-US')} predictions
    through the gateway, model unchanged:    ${fmt(gateway.one)}   (target ≤ 20 ms)
    finalized from the summary (changed):    ${fmt(direct.oneCold)}   (directly on ClickHouse)
    the queries before the summary:          ${fmt(direct.oneBefore)}   (directly on ClickHouse)
    speed-up: ${ratio(direct.oneBefore, gateway.one)} unchanged, ${ratio(direct.oneBefore, direct.oneCold)} changed
  models { name predictionCount labeledCount lastPredictionAt } · ${MANY_MODELS.toLocaleString('en-US')} models × ${PER_MODEL.toLocaleString('en-US')} predictions
    through the gateway, models unchanged:   ${fmt(gateway.many)}   (target ≤ 50 ms)
    finalized from the summary (all changed): ${fmt(direct.manyCold)}   (directly on ClickHouse)
    the queries before the summary:          ${fmt(direct.manyBefore)}   (directly on ClickHouse)
    speed-up: ${ratio(direct.manyBefore, gateway.many)} unchanged, ${ratio(direct.manyBefore, direct.manyCold)} changed
`;
}
