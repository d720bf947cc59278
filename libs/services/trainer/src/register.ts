import { readFileSync } from 'node:fs';
import type { Subgraphs } from '@tideline/graphql';
import type { EvaluationMetric } from './__generated__/registry-operations.ts';
import { RecordTestEvaluationDocument, RegisterTrainedVersionDocument } from './__generated__/registry-operations.ts';
import type { EvaluationValue } from './evaluate.ts';
import type { ModelArtifact, TrainResult } from './ml/index.ts';
import { asked, type Callees } from './model-facts.ts';
import type { TrainingRunRecord } from './runs.ts';
import { callRoute } from './service-routes.ts';

/** The platform's version and, when the checkout or the environment says, its git commit: `tideline@0.1.0+<commit>`. */
export function codeVersion(env: NodeJS.ProcessEnv = process.env): string {
  const root = new URL('../../../../', import.meta.url);
  let version = '0.0.0';
  try {
    version = (JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string }).version;
  } catch {
    // an installed package without the monorepo's root: the version stays unknown
  }
  let commit = env.TIDELINE_GIT_COMMIT ?? null;
  try {
    const head = readFileSync(new URL('.git/HEAD', root), 'utf8').trim();
    commit ??= head.startsWith('ref: ') ? readFileSync(new URL(`.git/${head.slice(5)}`, root), 'utf8').trim() : head;
  } catch {
    // no checkout (a container image): TIDELINE_GIT_COMMIT is the way to say it
  }
  return `tideline@${version}${commit ? `+${commit.slice(0, 12)}` : ''}`;
}

/** Uploads each file through the registry's artifact route (raw bytes, answered with their digest). */
async function uploadArtifact(subgraphs: Subgraphs, project: string, artifact: ModelArtifact): Promise<{ path: string; digest: string }[]> {
  return Promise.all(
    artifact.files.map(async (file) => {
      const res = await callRoute(subgraphs, project, 'registry', '/v1/artifacts', { method: 'POST', body: file.bytes, contentType: 'application/octet-stream' });
      const { digest } = (await res.json()) as { digest: string };
      return { path: file.path, digest };
    }),
  );
}

/**
 * Registers the trained model as a CANDIDATE with its whole lineage — the
 * dataset (whose content hash the registry holds), the run's parameters,
 * seed, code version, backend, duration and parent — then records its test
 * evaluation against the dataset. Registering the same version with the same
 * artifact again is a no-op, so a restarted run that trains the same weights
 * (same seed, backend and data) registers nothing twice.
 */
export async function registerTrained(options: {
  subgraphs: Subgraphs;
  callees: Callees;
  run: TrainingRunRecord;
  trained: TrainResult;
  values: EvaluationValue[];
  metadata: Record<string, unknown>;
  startedAt: Date;
  codeVersion: string;
}): Promise<{ evaluationId: string | null }> {
  const { run, trained, callees } = options;
  const files = await uploadArtifact(options.subgraphs, run.project, trained.artifact);
  const finishedAt = new Date();
  await asked(
    'registering the version',
    callees.registry.request(run.project, RegisterTrainedVersionDocument, {
      input: {
        model: run.model,
        version: run.version,
        description: run.description ?? `trained by run ${run.id} (${run.family}) on dataset ${run.datasetId}`,
        artifact: { files, format: 'TFJS_LAYERS' },
        metadata: options.metadata,
        datasetId: run.datasetId,
        parentVersion: run.parentVersion,
        actor: run.actor,
        trainingRun: {
          id: run.id,
          params: trained.params,
          seed: run.seed,
          codeVersion: options.codeVersion,
          backend: trained.backend,
          durationMs: finishedAt.getTime() - options.startedAt.getTime(),
          startedAt: options.startedAt.toISOString(),
          finishedAt: finishedAt.toISOString(),
        },
      },
    }),
  );
  if (!options.values.length) return { evaluationId: null };
  const { recordEvaluation } = await asked(
    'recording the test evaluation',
    callees.registry.request(run.project, RecordTestEvaluationDocument, {
      input: {
        model: run.model,
        version: run.version,
        datasetId: run.datasetId,
        actor: run.actor,
        values: options.values.map((v) => ({ slice: v.slice, metric: v.metric as EvaluationMetric, value: v.value, sampleCount: v.sampleCount })),
      },
    }),
  );
  return { evaluationId: recordEvaluation.id };
}
