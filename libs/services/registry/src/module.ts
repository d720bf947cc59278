import { REGISTRY_BUCKETS, REGISTRY_STREAMS } from '@tideline/contracts';
import { subgraphsModule } from '@tideline/graphql';
import { openObjectStore } from '@tideline/nats';
import { defineService } from '@tideline/service';
import { artifactHandler } from './artifact-http.ts';
import { registryConfig } from './config.ts';
import { Datasets } from './datasets.ts';
import { ModelLog } from './model-log.ts';
import { ObjectStoreArtifacts } from './object-store-artifacts.ts';
import { RegistryEvents } from './registry-events.ts';
import { createResolvers } from './resolvers.ts';

/**
 * The model registry: models, versions and their stages, content-addressed
 * artifacts, lineage, evaluations and promotion gates, served as the
 * `registry` subgraph with an artifact upload API beside it. It needs only
 * NATS (JetStream streams, KV and object store); production evidence comes
 * from the metrics subgraph over HTTP, so it runs in a pod of its own.
 */
export const registryModule = defineService({
  name: 'registry',
  doc: 'models, versions and stages, content-addressed artifacts, lineage, evaluations and per-slice promotion gates',
  source: import.meta.url,
  config: registryConfig,
  subgraph: true,
  routes: [
    { path: '/v1/artifacts', methods: ['POST'], doc: 'upload one artifact file (raw bytes), answered with its digest' },
    { path: '/v1/artifacts/', methods: ['GET'], pattern: /^sha256:[0-9a-f]{64}$/, doc: 'download an artifact file by digest, verified against it' },
  ],
  // The log and the event stream never refuse writes for size (no maxBytes): losing a promotion is worse than a full disk alert.
  nats: { streams: [{ stream: REGISTRY_STREAMS.log }, { stream: REGISTRY_STREAMS.events }], buckets: [REGISTRY_BUCKETS.datasets, REGISTRY_BUCKETS.datasetVersions] },
  async start(ctx) {
    const { config, nats } = ctx;
    const [records, index] = [ctx.bucket(REGISTRY_BUCKETS.datasets), ctx.bucket(REGISTRY_BUCKETS.datasetVersions)];
    const objects = await openObjectStore(nats.js, REGISTRY_BUCKETS.artifacts);
    const artifacts = new ObjectStoreArtifacts(objects, nats.jsm, REGISTRY_BUCKETS.artifacts);
    const deps = {
      log: new ModelLog(nats.js, nats.jsm),
      datasets: new Datasets(records, index),
      artifacts,
      events: new RegistryEvents(nats.js, ctx.logger),
      metrics: ctx.client('metrics'),
      artifactLimits: { maxInlineBytes: config.maxInlineBytes, maxVersionFiles: config.maxVersionFiles, maxVersionBytes: config.maxVersionBytes },
    };
    const secret = ctx.get(subgraphsModule).secret;
    return {
      resolvers: createResolvers(deps),
      routes: { '/v1/artifacts': artifactHandler({ store: artifacts, secret, maxBytes: config.maxArtifactBytes, logger: ctx.logger }) },
    };
  },
});
