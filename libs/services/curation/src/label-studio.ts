import type { IncomingMessage } from 'node:http';
import type { ClickHouseClient } from '@tideline/clickhouse';
import type { Task } from '@tideline/contracts';
import { SignatureError, SubgraphRequestError, claimedPrincipal, sha256Hex, verifyRequest, type SubgraphClient } from '@tideline/graphql';
import { HttpError, readBody, sendJson, type Logger, type RequestHandler } from '@tideline/runtime';
import { rows } from '@tideline/store';
import { LogAnnotationsDocument, type FeedbackInput } from './__generated__/ingest-operations.ts';
import type { LabelRequestRecord } from './label-requests.ts';
import { PICKS_TABLE, pickedRowsSql } from './picked-rows.ts';
import type { QueueItem } from './queue.ts';

/**
 * Label Studio, the labeling tool people already use. A request's queue
 * exports as Label Studio tasks (its JSON import format: `[{ data, meta }]`)
 * with a labeling config to paste into the project; annotations come back
 * through Label Studio's webhook (ANNOTATION_CREATED / ANNOTATION_UPDATED)
 * and become feedback through the ingest service, like any other label.
 *
 * The tasks carry no `predictions` (pre-annotations) on purpose: showing
 * labelers the model's guess anchors them to it, exactly on the rows where
 * the model is least sure.
 */
export const WEBHOOK_ROUTE = '/v1/label-studio/webhook';
/** The control tag whose answer is the label (`<Choices name="label">`, `<Number name="label">`). */
export const LABEL_CONTROL = 'label';
const POSITIVE = 'positive';
const NEGATIVE = 'negative';
const MAX_WEBHOOK_BYTES = 4 * 1024 * 1024;

const summaryOf = (item: Pick<QueueItem, 'features' | 'tags' | 'output'>) =>
  [
    Object.entries(item.features).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', '),
    Object.entries(item.tags).map(([k, v]) => `${k}: ${v}`).join(', '),
  ]
    .filter(Boolean)
    .join('\n');

/** The labeling config for the model's task: the row as text, and one answer named `label`. */
export function labelConfig(task: Task, classes: readonly string[]): string {
  const view = (control: string) => `<View>\n  <Header value="Prediction $prediction_id of $model"/>\n  <Text name="row" value="$summary"/>\n  ${control}\n</View>`;
  if (task === 'BINARY') return view(`<Choices name="${LABEL_CONTROL}" toName="row" choice="single" required="true">\n    <Choice value="${POSITIVE}"/>\n    <Choice value="${NEGATIVE}"/>\n  </Choices>`);
  if (task === 'MULTICLASS') {
    const choices = classes.map((c) => `    <Choice value="${c.replace(/[<>&"]/g, (ch) => `&#${ch.charCodeAt(0)};`)}"/>`).join('\n');
    return view(`<Choices name="${LABEL_CONTROL}" toName="row" choice="single" required="true">\n${choices}\n  </Choices>`);
  }
  return view(`<Number name="${LABEL_CONTROL}" toName="row" required="true"/>`);
}

interface ExportRow {
  id: string;
  model_version: string;
  arm: string;
  features_num: Record<string, number>;
  features_str: Record<string, string>;
  features_bool: Record<string, boolean>;
  tags: Record<string, string>;
  probabilities: Record<string, number>;
}

/** The request's picks that still have no label, as Label Studio tasks, and the config to label them with. */
export async function labelStudioExport(client: ClickHouseClient, request: LabelRequestRecord): Promise<{ config: string; tasks: unknown[] }> {
  const found = await rows<ExportRow>(
    client,
    `SELECT pk.prediction_id AS id, pk.model_version AS model_version, pk.arm AS arm, r.features_num AS features_num, r.features_str AS features_str,
       r.features_bool AS features_bool, r.tags AS tags, r.probabilities AS probabilities
     FROM (SELECT * FROM ${PICKS_TABLE} WHERE project = {project:String} AND model = {model:String} AND request_id = {request:String}) AS pk
     INNER JOIN (${pickedRowsSql('request_id = {request:String}')}) AS r ON r.id = pk.prediction_id AND r.model_version = pk.model_version
     WHERE NOT r.labeled ORDER BY pk.rank`,
    { project: request.project, model: request.model, request: request.id },
  );
  const classes = [...new Set(found.flatMap((r) => Object.keys(r.probabilities)))].sort();
  const tasks = found.map((r) => {
    const features = { ...r.features_num, ...r.features_str, ...r.features_bool };
    // Which arm a row is in stays out of the labeler's view (meta is not shown), so the control arm is labeled blind.
    return {
      data: { prediction_id: r.id, model: request.model, model_version: r.model_version, summary: summaryOf({ features, tags: r.tags, output: {} }), features, tags: r.tags },
      meta: { tideline_request: request.id, arm: r.arm },
    };
  });
  return { config: labelConfig(request.task, classes), tasks };
}

/** One annotation's answer as a Tideline label: choices positive/negative (binary), a class (multiclass), a number (regression). */
function labelOf(result: unknown): FeedbackInput['label'] | string {
  const entries = Array.isArray(result) ? (result as { from_name?: string; type?: string; value?: Record<string, unknown> }[]) : [];
  const entry = entries.find((e) => e.from_name === LABEL_CONTROL) ?? entries.find((e) => e.type === 'choices' || e.type === 'number');
  if (!entry?.value) return `no answer named '${LABEL_CONTROL}' in annotation.result`;
  const choices = entry.value.choices;
  if (Array.isArray(choices)) {
    if (choices.length !== 1 || typeof choices[0] !== 'string') return 'annotation.result needs exactly one choice';
    if (choices[0] === POSITIVE) return { positive: true };
    if (choices[0] === NEGATIVE) return { positive: false };
    return { class: choices[0] };
  }
  if (typeof entry.value.number === 'number') return { value: entry.value.number };
  return 'annotation.result holds neither choices nor a number';
}

interface WebhookPayload {
  action?: unknown;
  annotation?: { id?: unknown; result?: unknown; was_cancelled?: unknown; task?: unknown };
  task?: { id?: unknown; data?: { prediction_id?: unknown; model?: unknown } };
}

const ANNOTATION_ACTIONS = new Set(['ANNOTATION_CREATED', 'ANNOTATION_UPDATED']);

async function readVerified(req: IncomingMessage, secret: string): Promise<{ project: string; body: Buffer }> {
  const arrivedAt = Date.now();
  claimedPrincipal(req, arrivedAt); // unsigned requests are refused before their body is read
  const body = await readBody(req, MAX_WEBHOOK_BYTES);
  const { project } = verifyRequest(secret, req, sha256Hex(body), arrivedAt);
  return { project, body };
}

/**
 * `POST /v1/label-studio/webhook`, authenticated like every `/v1` route: in
 * Label Studio's webhook settings, add the header `Authorization: Bearer
 * <API key>`. ANNOTATION_CREATED and ANNOTATION_UPDATED become feedback for
 * the prediction the task names (`task.data.prediction_id` and `model`, as
 * exported): an update is a label correction, the later one wins. Skipped
 * tasks (`was_cancelled`) and other actions are acknowledged and ignored, so
 * Label Studio does not retry them.
 */
export function labelStudioWebhook(options: { secret: string; ingest: SubgraphClient; logger: Logger }): RequestHandler {
  return async (req, res) => {
    try {
      if (req.method !== 'POST') throw new HttpError('METHOD_NOT_ALLOWED', `POST Label Studio's webhook payloads to ${WEBHOOK_ROUTE}`, { allow: 'POST' });
      const { project, body } = await readVerified(req, options.secret);
      let payload: WebhookPayload;
      try {
        payload = JSON.parse(body.toString('utf8')) as WebhookPayload;
      } catch {
        throw new HttpError('BAD_REQUEST', 'the body is not JSON');
      }
      const action = typeof payload.action === 'string' ? payload.action : '';
      if (!ANNOTATION_ACTIONS.has(action)) return sendJson(res, 200, { ignored: `action '${action.slice(0, 60)}' carries no label` });
      if (payload.annotation?.was_cancelled === true) return sendJson(res, 200, { ignored: 'the task was skipped (was_cancelled)' });
      const data = payload.task?.data;
      if (typeof data?.prediction_id !== 'string' || typeof data.model !== 'string') {
        throw new HttpError('UNKNOWN_TASK', 'task.data.prediction_id and task.data.model are missing: annotate tasks exported by labelStudioTasks (Label Studio sends the task with its data in annotation webhooks)');
      }
      const label = labelOf(payload.annotation?.result);
      if (typeof label === 'string') throw new HttpError('UNREADABLE_ANNOTATION', label);
      const answer = await options.ingest.request(project, LogAnnotationsDocument, { records: [{ predictionId: data.prediction_id, model: data.model, label }] });
      const result = answer.logFeedback;
      sendJson(res, result.accepted === 1 ? 200 : 422, result);
    } catch (err) {
      if (err instanceof SignatureError) return sendJson(res, 401, { error: { code: err.code, message: err.message } });
      if (err instanceof HttpError) return sendJson(res, err.status, { error: { code: err.code, message: err.message } }, err.headers);
      if (err instanceof SubgraphRequestError) {
        options.logger.warn({ err }, 'Label Studio annotation not passed to ingest');
        return sendJson(res, 503, { error: { code: err.code, message: 'ingest did not take the annotation; Label Studio retries' } }, { 'retry-after': '5' });
      }
      throw err;
    }
  };
}
