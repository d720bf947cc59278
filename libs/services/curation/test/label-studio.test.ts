/**
 * The Label Studio round trip through the gateway: a labeling request
 * exported as Label Studio tasks, annotated, and the annotations posted back
 * as Label Studio's webhook posts them (payloads shaped as in its webhook
 * reference, ANNOTATION_CREATED / ANNOTATION_UPDATED), becoming feedback:
 * the queue empties and the request's lift is reported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, postAll, startDevPlatform, type DevPlatform } from '@tideline/testing';
import { DAY, T0, binaryPrediction, binaryTraffic, iso } from './fixtures.ts';

let platform: DevPlatform;
const churn = binaryTraffic(400, 13);
const byId = new Map(churn.map((r) => [r.id, r]));
const WINDOW = { from: iso(T0), to: iso(T0 + DAY) };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
type Any = any;

/** A webhook body as Label Studio sends it for an annotation (docs: guide/webhook_reference, "Annotation Created"), with the task it annotates. */
const webhookPayload = (action: string, annotationId: number, task: { id: number; data: Any; meta?: Any }, choice: string | null, labelConfig: string, extra: Any = {}) => ({
  action,
  annotation: {
    id: annotationId,
    result: choice === null ? [] : [{ value: { choices: [choice] }, id: `r${annotationId}`, from_name: 'label', to_name: 'row', type: 'choices', origin: 'manual' }],
    was_cancelled: false,
    ground_truth: false,
    created_at: '2026-03-02T13:52:48.536303Z',
    updated_at: '2026-03-02T13:52:48.536370Z',
    lead_time: 12.5,
    prediction: {},
    result_count: 0,
    task: task.id,
    completed_by: 1,
    ...extra,
  },
  task: { id: task.id, data: task.data, meta: task.meta ?? {}, created_at: '2026-03-02T13:51:02.590839Z', updated_at: '2026-03-02T13:52:48.536370Z', is_labeled: true, overlap: 1, project: 7, file_upload: 3 },
  project: { id: 7, title: 'churn: uncertain rows', label_config: labelConfig, maximum_annotations: 1, created_by: 1 },
});
const post = (body: unknown, key: string | null = platform.key) =>
  fetch(`${platform.url}/v1/label-studio/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify(body) });

let request: Any;
let exported: Any;

beforeAll(async () => {
  platform = await startDevPlatform();
  const topic = Array.from({ length: 60 }, (_, i) => ({ id: `m${i}`, model: 'topic', timestamp: iso(T0 + i * 1000), features: { x1: i }, output: { probabilities: { cat: 0.5, dog: 0.3, eel: 0.2 }, predictedClass: 'cat' } }));
  await postAll(platform.url, platform.key, '/v1/predictions', [...churn.map((r) => binaryPrediction('churn', r)), ...topic]);
  await eventually(async () => (await platform.gql<Any>('{ model(name: "churn") { predictionCount } }')).data?.model?.predictionCount === 400, 90_000);
  await eventually(async () => (await platform.gql<Any>('{ model(name: "topic") { predictionCount } }')).data?.model?.predictionCount === 60, 90_000);
  const answer = await platform.gql<Any>(`mutation($window: TimeRangeInput!) { requestLabels(input: { model: "churn", window: $window, strategy: MARGIN, budget: 40, controlShare: 0.25 }) { id } }`, { window: WINDOW });
  request = answer.data.requestLabels;
}, 240_000);

afterAll(() => platform?.stop());

describe('Label Studio', () => {
  it('exports a request as Label Studio tasks with a labeling config', async () => {
    const answer = await platform.gql<Any>(`{ labelStudioTasks(request: "${request.id}") { config tasks webhookPath } }`);
    expect(answer.errors).toBeUndefined();
    exported = answer.data.labelStudioTasks;
    expect(exported.webhookPath).toBe('/v1/label-studio/webhook');
    expect(exported.config).toContain('<Choices name="label" toName="row" choice="single" required="true">');
    expect(exported.config).toContain('<Text name="row" value="$summary"/>');
    expect(exported.tasks).toHaveLength(40);
    const task = exported.tasks[0];
    expect(task.data).toMatchObject({ model: 'churn', model_version: 'unversioned', prediction_id: expect.stringMatching(/^b\d+$/), tags: { country: expect.any(String) } });
    expect(task.data.summary).toMatch(/x1 = -?\d/);
    expect(task.meta).toMatchObject({ tideline_request: request.id, arm: expect.stringMatching(/^(ACTIVE|CONTROL)$/) });
    expect(task).not.toHaveProperty('predictions');
    const unknown = await platform.gql<Any>('{ labelStudioTasks(request: "lr_nope") { config } }');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'REQUEST_NOT_FOUND', field: 'request' });
  });

  it('turns ANNOTATION_CREATED webhooks into feedback: the queue empties and the lift is reported', async () => {
    for (const [i, task] of exported.tasks.entries()) {
      const truth = byId.get(task.data.prediction_id)!.label;
      const res = await post(webhookPayload('ANNOTATION_CREATED', 100 + i, { id: 1000 + i, data: task.data, meta: task.meta }, truth ? 'positive' : 'negative', exported.config));
      expect(await res.json()).toEqual({ accepted: 1, rejected: 0, errors: [] });
    }
    await eventually(async () => (await platform.gql<Any>('{ labelingQueue(model: "churn") { nodes { predictionId } } }')).data.labelingQueue.nodes.length === 0, 60_000);
    const answer = await platform.gql<Any>(`{ labelRequest(id: "${request.id}") { labeledCount lift { activeLabeled controlLabeled activeErrorRate controlErrorRate low high } } }`);
    expect(answer.data.labelRequest).toMatchObject({ labeledCount: 40, lift: { activeLabeled: 30, controlLabeled: 10 } });
    expect(answer.data.labelRequest.lift.low).toBeLessThan(answer.data.labelRequest.lift.high);
  });

  it('takes ANNOTATION_UPDATED as a label correction', async () => {
    const task = exported.tasks[0];
    const row = byId.get(task.data.prediction_id)!;
    const res = await post(webhookPayload('ANNOTATION_UPDATED', 100, { id: 1000, data: task.data }, row.label ? 'negative' : 'positive', exported.config));
    expect(res.status).toBe(200);
    await eventually(async () => {
      const p = await platform.gql<Any>('query($w: TimeRangeInput!) { predictions(model: "churn", window: $w) { nodes { id label { positive } } } }', { w: { from: iso(row.ts), to: iso(row.ts + 1) } });
      return p.data.predictions.nodes[0]?.label?.positive === !row.label;
    }, 60_000);
  });

  it('labels multiclass rows with the class chosen', async () => {
    const r = await platform.gql<Any>(`mutation($window: TimeRangeInput!) { requestLabels(input: { model: "topic", window: $window, strategy: RANDOM, budget: 2, controlShare: 0 }) { id } }`, { window: WINDOW });
    const tasks = (await platform.gql<Any>(`{ labelStudioTasks(request: "${r.data.requestLabels.id}") { config tasks } }`)).data.labelStudioTasks;
    expect(tasks.config).toContain('<Choice value="cat"/>\n    <Choice value="dog"/>\n    <Choice value="eel"/>');
    for (const [i, task] of tasks.tasks.entries()) expect((await post(webhookPayload('ANNOTATION_CREATED', 500 + i, { id: 5000 + i, data: task.data }, 'dog', tasks.config))).status).toBe(200);
    await eventually(async () => (await platform.gql<Any>('{ model(name: "topic") { labeledCount } }')).data.model.labeledCount === 2, 60_000);
  });

  it('acknowledges what carries no label, and refuses what it cannot read or who is not authenticated', async () => {
    const task = exported.tasks[1];
    const skipped = await post(webhookPayload('ANNOTATION_CREATED', 200, { id: 1001, data: task.data }, null, exported.config, { was_cancelled: true }));
    expect(skipped.status).toBe(200);
    expect(await skipped.json()).toMatchObject({ ignored: expect.stringMatching(/skipped/) });
    const other = await post({ action: 'PROJECT_UPDATED', project: { id: 7 } });
    expect(await other.json()).toMatchObject({ ignored: expect.stringMatching(/PROJECT_UPDATED/) });
    // The 2021 reference's payload names the task by id only: without its data the prediction is unknown.
    const bare = webhookPayload('ANNOTATION_CREATED', 201, { id: 1001, data: task.data }, 'positive', exported.config) as Any;
    delete bare.task;
    const unknown = await post(bare);
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as Any).error.code).toBe('UNKNOWN_TASK');
    const noAnswer = await post(webhookPayload('ANNOTATION_CREATED', 202, { id: 1001, data: task.data }, null, exported.config));
    expect(noAnswer.status).toBe(422);
    expect(((await noAnswer.json()) as Any).error.code).toBe('UNREADABLE_ANNOTATION');
    expect((await post(webhookPayload('ANNOTATION_CREATED', 203, { id: 1001, data: task.data }, 'positive', exported.config), null)).status).toBe(401);
    expect((await post(webhookPayload('ANNOTATION_CREATED', 204, { id: 1001, data: task.data }, 'positive', exported.config), 'tl_wrong')).status).toBe(401);
  });
});
