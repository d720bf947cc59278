import { isClientErrorCode, isPublicError } from '@tideline/contracts';
import { SubgraphRequestError, type SubgraphClient } from '@tideline/graphql';
import { ModelLabelsDocument, ModelTrafficDocument } from '../__generated__/evalstore-operations.ts';
import { RegisteredModelDocument } from '../__generated__/registry-operations.ts';
import { passThrough } from '../decision/evidence-sources.ts';

/** The services a loop run asks, each over its subgraph as from another machine. */
export interface RunClients {
  evalstore: SubgraphClient;
  registry: SubgraphClient;
  alerts: SubgraphClient;
  metrics: SubgraphClient;
  curation: SubgraphClient;
  trainer: SubgraphClient;
}

/** The code of another service's answer when it is the caller's fault (a refusal the run records), else null (retry). */
export function refusalCode(err: unknown): string | null {
  if (err instanceof SubgraphRequestError && isClientErrorCode(err.code)) return err.code;
  if (isPublicError(err)) return err.code;
  return null;
}

/** The model's champion and stage history, as the registry holds them now. */
export async function registryState(c: RunClients, project: string, model: string) {
  const { registeredModel: found } = await c.registry.request(project, RegisteredModelDocument, { name: model });
  return { registered: !!found?.registration, champion: found?.champion?.version ?? null, stageHistory: found?.stageHistory ?? [] };
}

/** The latest prediction's time (every window of a run is counted back from it) and the labels the model has. */
export async function modelTraffic(c: RunClients, project: string, model: string): Promise<{ lastPredictionAt: string | null; labeledCount: number } | null> {
  const [traffic, labels] = await Promise.all([
    c.evalstore.request(project, ModelTrafficDocument, { name: model }).catch(passThrough('evalstore')),
    c.evalstore.request(project, ModelLabelsDocument, { name: model }).catch(passThrough('evalstore')),
  ]);
  if (!traffic.model) return null;
  return { lastPredictionAt: traffic.model.lastPredictionAt ?? null, labeledCount: labels.model?.labeledCount ?? 0 };
}
