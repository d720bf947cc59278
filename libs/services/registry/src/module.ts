import { fileURLToPath } from 'node:url';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { Objm } from '@nats-io/obj';
import { REGISTRY_BUCKETS, REGISTRY_STREAMS, internalPath } from '@tideline/contracts';
import { createSubgraph, createSubgraphClient, readSchemaFiles, subgraphUrl, type SubgraphContext } from '@tideline/graphql';
import { ensureStream, natsModule, openBucket } from '@tideline/nats';
import { defineModule, httpServerModule } from '@tideline/runtime';
import { artifactHandler } from './artifact-http.ts';
import { registryConfig } from './config.ts';
import { Datasets } from './datasets.ts';
import { ModelLog } from './model-log.ts';
import { ObjectStoreArtifacts } from './object-store-artifacts.ts';
import { RegistryEvents } from './registry-events.ts';
import { createResolvers } from './resolvers.ts';

/** The log and the event stream never refuse writes for size: losing a promotion is worse than a full disk alert. */
const UNLIMITED = -1;

/**
 * The model registry: models, versions and their stages, content-addressed
 * artifacts, lineage, evaluations and promotion gates, served as the
 * `registry` subgraph with an artifact upload API beside it. It needs only
 * NATS (JetStream streams, KV and object store); production evidence comes
 * from the metrics subgraph over HTTP, so it runs in a pod of its own.
 */
export const registryModule = defineModule({
  name: 'registry',
  deps: [httpServerModule, natsModule],
  config: registryConfig,
  async start(ctx, config) {
    const nats = ctx.get(natsModule);
    const server = ctx.get(httpServerModule);
    await ensureStream(nats.jsm, REGISTRY_STREAMS.log, { maxBytes: UNLIMITED });
    await ensureStream(nats.jsm, REGISTRY_STREAMS.events, { maxBytes: UNLIMITED });
    const [records, index, objects] = await Promise.all([
      openBucket(nats.kvm, REGISTRY_BUCKETS.datasets),
      openBucket(nats.kvm, REGISTRY_BUCKETS.datasetVersions),
      new Objm(nats.js).create(REGISTRY_BUCKETS.artifacts),
    ]);
    const artifacts = new ObjectStoreArtifacts(objects, nats.jsm, REGISTRY_BUCKETS.artifacts);
    const deps = {
      log: new ModelLog(nats.js, nats.jsm),
      datasets: new Datasets(records, index),
      artifacts,
      events: new RegistryEvents(nats.js, ctx.logger),
      metrics: createSubgraphClient({ url: subgraphUrl(config.subgraphUrls, server.url, 'metrics'), secret: config.secret }),
      artifactLimits: { maxInlineBytes: config.maxInlineBytes, maxVersionFiles: config.maxVersionFiles, maxVersionBytes: config.maxVersionBytes },
    };
    const subgraph = await createSubgraph({
      name: 'registry',
      typeDefs: readSchemaFiles(fileURLToPath(new URL('.', import.meta.url))),
      resolvers: createResolvers(deps) as GraphQLResolverMap<SubgraphContext>,
      secret: config.secret,
      logger: ctx.logger,
    });
    server.route(`${internalPath('registry')}/graphql`, subgraph.handler);
    server.route(`${internalPath('registry')}/v1/artifacts`, artifactHandler({ store: artifacts, secret: config.secret, maxBytes: config.maxArtifactBytes, logger: ctx.logger }));
    return { value: {}, stop: () => subgraph.stop() };
  },
});
