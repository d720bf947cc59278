import { MODEL_NAME_PATTERN, isPublicError } from '@tideline/contracts';
import { SignatureError, claimedPrincipal, sha256Hex, verifyRequest } from '@tideline/graphql';
import { HttpError, parseNdjson, readBody, sendError, sendJson, type RequestHandler } from '@tideline/runtime';
import type { FeatureValues } from './ml/index.ts';
import type { ModelCache } from './model-cache.ts';
import { VERSION_PATTERN } from './start-training.ts';

export const PREDICT_ROUTE = '/v1/models/';
/** `<model>/versions/<version>/predict`, as the gateway matches it after the prefix. */
export const PREDICT_PATTERN = /^[^/]{1,128}\/versions\/[^/]{1,128}\/predict$/;
/** Bytes a predict request may carry: room for the row limit at 4 KiB a row. */
const bytesFor = (rows: number) => rows * 4096;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `POST /v1/models/<name>/versions/<v>/predict`: NDJSON rows
 * `{"id": "…", "features": {…}}` in, one NDJSON line per row out, in order:
 * `{"id", "output": {score} | {probabilities, predictedClass} | {value}}`,
 * or `{"line", "error": {field, message}}` for a row that could not be read.
 * The same loaded model and transform as shadow scoring: for checking an
 * artifact and for serving at a small scale.
 */
export function predictHandler(options: { secret: string; models: ModelCache; maxRows: number }): RequestHandler {
  return async (req, res) => {
    try {
      if (req.method !== 'POST') throw new HttpError('METHOD_NOT_ALLOWED', 'POST NDJSON rows {"id", "features"} to predict', { allow: 'POST' });
      const arrivedAt = Date.now();
      claimedPrincipal(req, arrivedAt);
      const body = await readBody(req, bytesFor(options.maxRows));
      const { project } = verifyRequest(options.secret, req, sha256Hex(body), arrivedAt);
      const url = new URL(req.url ?? '/', 'http://internal');
      const rest = decodeURIComponent(url.pathname.slice(url.pathname.indexOf(PREDICT_ROUTE) + PREDICT_ROUTE.length));
      if (!PREDICT_PATTERN.test(rest)) throw new HttpError('BAD_REQUEST', `expected ${PREDICT_ROUTE}<model>/versions/<version>/predict`);
      const [model, , version] = rest.split('/') as [string, string, string];
      if (!MODEL_NAME_PATTERN.test(model)) throw new HttpError('BAD_REQUEST', `'${model.slice(0, 40)}' is not a model name`);
      if (!VERSION_PATTERN.test(version)) throw new HttpError('BAD_REQUEST', `'${version.slice(0, 40)}' is not a version name`);
      const items = parseNdjson(body, options.maxRows);
      const loaded = await options.models.get(project, model, version, 'version');

      const lines: string[] = new Array(items.length);
      const readable: { line: number; id: unknown; features: FeatureValues }[] = [];
      items.forEach((item, line) => {
        if ('parseError' in item) lines[line] = JSON.stringify({ line, error: { field: 'line', message: item.parseError } });
        else if (!isObject(item.value) || !isObject(item.value.features)) lines[line] = JSON.stringify({ line, error: { field: 'features', message: 'each line must be an object with a `features` object' } });
        else readable.push({ line, id: item.value.id ?? null, features: item.value.features as FeatureValues });
      });
      const outputs = loaded.predict(readable.map((r) => r.features));
      readable.forEach((r, i) => (lines[r.line] = JSON.stringify({ id: r.id, output: outputs[i] })));
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.end(lines.length ? `${lines.join('\n')}\n` : '');
    } catch (err) {
      if (err instanceof SignatureError) return sendJson(res, 401, { error: { code: err.code, message: err.message } });
      if (err instanceof HttpError) return sendError(res, err, err.headers);
      if (isPublicError(err)) return sendError(res, err);
      throw err;
    }
  };
}
