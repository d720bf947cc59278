/** The labeler: answers a model's labeling queue from the synthetic ground truth, as a person labeling would. */
import { until, type Any, type Api } from './api.ts';
import { feedback, type Row } from './stream.ts';

/** Answers what is in the queue now (each row once); answers how many rows it labeled. */
export async function answerQueueOnce(api: Api, model: string, truth: Map<string, Row>, answered: Set<string>): Promise<number> {
  const { labelingQueue } = await api.gql(`query($m: String!) { labelingQueue(model: $m, first: 500) { nodes { predictionId } } }`, { m: model });
  // A row stays in the queue until its label reaches the store: answer each once.
  const answers = labelingQueue.nodes.map((n: Any) => truth.get(n.predictionId)).filter((r: Row | undefined) => r && !answered.has(r.id)) as Row[];
  if (answers.length) await api.post('/v1/feedback', answers.map((r) => feedback(model, r)));
  for (const r of answers) answered.add(r.id);
  return answers.length;
}

/** Answers the queue until stopped (the loop's label step may wait for the answers); `stop` answers how many it labeled. */
export function answerLabels(api: Api, model: string, truth: Map<string, Row>) {
  const answered = new Set<string>();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await answerQueueOnce(api, model, truth, answered);
      await new Promise((r) => setTimeout(r, 200)); // a labeler's pace between two looks at the queue
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return answered.size;
    },
  };
}

/** Waits until the store holds `count` labels of the model. */
export const labeledCountReaches = (api: Api, model: string, count: number, timeoutMs = 120_000) =>
  until(async () => (await api.gql(`query($m: String!) { model(name: $m) { labeledCount } }`, { m: model })).model?.labeledCount === count, timeoutMs);
