import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ClickHouseClient } from '@tideline/clickhouse';
import { EMPTY_BODY_SHA256, SignatureError, verifyRequest } from '@tideline/graphql';
import { sendJson, type Logger, type RequestHandler } from '@tideline/runtime';
import { DATASET_ROWS_TABLE, SPLITS } from './curate.ts';
import type { Datasets } from './datasets.ts';

/** Export formats: ClickHouse's own output format, the content type and the file extension. */
const FORMATS = {
  parquet: { clickhouse: 'Parquet', type: 'application/vnd.apache.parquet', ext: 'parquet' },
  arrow: { clickhouse: 'Arrow', type: 'application/vnd.apache.arrow.file', ext: 'arrow' },
  csv: { clickhouse: 'CSVWithNames', type: 'text/csv; charset=utf-8', ext: 'csv' },
  ndjson: { clickhouse: 'JSONEachRow', type: 'application/x-ndjson', ext: 'ndjson' },
} as const;
type Format = keyof typeof FORMATS;

export const EXPORT_ROUTE = '/v1/datasets/';
export const DATASET_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/** The exported columns, in order: what a trainer needs (features, label, split, weight) and what it may want (output, tags, time). */
const COLUMNS = `id, model_version, ts AS timestamp, features_num, features_str, features_bool, tags, score, probabilities, predicted_class, value,
  label_positive, label_class, label_value, toString(split) AS split, weight`;

export interface ExportOptions {
  client: ClickHouseClient;
  datasets: Datasets;
  secret: string;
  /** chDB in this process: it materializes a query's result in memory, so the export goes through a file ClickHouse writes instead. */
  embedded: boolean;
  logger: Logger;
}

const error = (code: string, message: string) => ({ error: { code, message } });

/**
 * `GET /v1/datasets/<id>?format=parquet|arrow|csv|ndjson&split=train`: the
 * snapshot's rows written by ClickHouse's own output format, in (split, id)
 * order, never held whole in Node. Against a ClickHouse server the HTTP
 * response streams through; with embedded chDB (whose client buffers a
 * whole result) ClickHouse writes the file to a temporary path with
 * INTO OUTFILE and Node streams it from disk, then removes it.
 */
export function datasetExportHandler(options: ExportOptions): RequestHandler {
  return async (req, res) => {
    if (req.method !== 'GET') return sendJson(res, 405, error('METHOD_NOT_ALLOWED', `GET ${EXPORT_ROUTE}<id> downloads a dataset`), { allow: 'GET' });
    let project: string;
    try {
      project = verifyRequest(options.secret, req, EMPTY_BODY_SHA256).project;
    } catch (err) {
      if (err instanceof SignatureError) return sendJson(res, 401, error(err.code, err.message));
      throw err;
    }
    const url = new URL(req.url ?? '/', 'http://internal');
    const id = decodeURIComponent(url.pathname.slice(url.pathname.indexOf(EXPORT_ROUTE) + EXPORT_ROUTE.length));
    const format = (url.searchParams.get('format') ?? 'parquet') as Format;
    const split = url.searchParams.get('split');
    if (!DATASET_ID_PATTERN.test(id)) return sendJson(res, 400, error('BAD_REQUEST', `expected ${EXPORT_ROUTE}<dataset id>`));
    if (!(format in FORMATS)) return sendJson(res, 400, error('BAD_REQUEST', `format must be one of ${Object.keys(FORMATS).join(', ')}; got '${format.slice(0, 40)}'`));
    if (split !== null && !(SPLITS as readonly string[]).includes(split)) return sendJson(res, 400, error('BAD_REQUEST', `split must be one of ${SPLITS.join(', ')}; got '${split.slice(0, 40)}'`));
    const dataset = await options.datasets.get(project, id);
    if (!dataset) return sendJson(res, 404, error('DATASET_NOT_FOUND', `no dataset '${id}' curated in this project`));

    const { clickhouse, type, ext } = FORMATS[format];
    const query = `SELECT ${COLUMNS} FROM ${DATASET_ROWS_TABLE}
      WHERE project = {project:String} AND dataset_id = {dataset:String}${split ? ' AND split = {split:String}' : ''}
      ORDER BY split, id, model_version`;
    const params = { project, dataset: id, ...(split ? { split } : {}) };
    const headers = { 'content-type': type, 'content-disposition': `attachment; filename="${id}${split ? `-${split}` : ''}.${ext}"`, 'x-tideline-content-hash': dataset.contentHash };
    if (!options.embedded) {
      const result = await options.client.exec({ query: `${query} FORMAT ${clickhouse}`, query_params: params });
      res.writeHead(200, headers);
      return pipeline(result.stream, res).catch((err: Error) => options.logger.warn({ err, dataset: id }, 'dataset export aborted'));
    }
    // The path is ours (a random name in the temporary directory), never the caller's.
    const path = join(tmpdir(), `tideline-export-${randomBytes(12).toString('hex')}.${ext}`);
    try {
      await options.client.command({ query: `${query} INTO OUTFILE '${path}' TRUNCATE FORMAT ${clickhouse}`, query_params: params });
      res.writeHead(200, headers);
      await pipeline(createReadStream(path), res).catch((err: Error) => options.logger.warn({ err, dataset: id }, 'dataset export aborted'));
    } finally {
      await rm(path, { force: true });
    }
  };
}
