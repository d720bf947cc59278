import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { clickhouseModule, migrate, type ClickHouseClient } from '@tideline/clickhouse';
import { internalPath, type ConsumerDeclaration, type StreamDeclaration } from '@tideline/contracts';
import { readSchemaFiles, serveSubgraph, subgraphClient, subgraphsModule, type SubgraphClient } from '@tideline/graphql';
import { ensureConsumer, ensureStream, natsModule, openBucket, type KV, type Nats } from '@tideline/nats';
import {
  defineModule,
  httpServerModule,
  type AnyModule,
  type ConfigSection,
  type HttpServer,
  type ModuleContext,
  type ModuleDefinition,
  type PublicRoute,
  type RequestHandler,
} from '@tideline/runtime';

/** A KV bucket a service uses: its name, or its name and how long a key's latest value lives (`openBucket`'s ttlMs). */
export type BucketUse = string | { name: string; ttlMs?: number };
const bucketOf = (b: BucketUse) => (typeof b === 'string' ? { name: b } : b);

/** A stream the service uses, with its byte limit (a number, or read from the service's config). */
export interface StreamUse<C> {
  stream: StreamDeclaration;
  /** -1: unlimited (the default). Past the limit JetStream refuses writes: producers get backpressure, nothing is lost. */
  maxBytes?: number | ((config: C) => number);
}

/** A consumer the service uses; `ackWaitMs` may follow its config (a webhook timeout needs a longer ack_wait). */
export interface ConsumerUse<C> {
  consumer: ConsumerDeclaration;
  ackWaitMs?: (config: C) => number;
}

export interface ServiceSpec<T, C> {
  /** The target name; also the subgraph's name and the base of its internal paths (`/internal/<name>`). */
  name: string;
  /** One line: what the service does (the README's list of targets). */
  doc: string;
  /** `import.meta.url` of the service's module file: its folder's `*.graphql` files are the subgraph, `migrations/` its ClickHouse migrations. */
  source: string;
  config?: ConfigSection<C>;
  /** Serves the subgraph of its `*.graphql` files (start returns the resolvers). */
  subgraph?: boolean;
  /** Public HTTP routes the gateway forwards to `/internal/<name><path>`; start returns their handlers. */
  routes?: readonly PublicRoute[];
  /** NATS streams, consumers and KV buckets, created or brought up to date before start. */
  nats?: { streams?: readonly StreamUse<C>[]; consumers?: readonly (ConsumerDeclaration | ConsumerUse<C>)[]; buckets?: readonly BucketUse[] };
  /** Uses ClickHouse (its `migrations/` folder, if any, is applied before start). */
  clickhouse?: boolean;
  /** Other modules it needs besides the ones the above imply. */
  deps?: readonly AnyModule[];
  start(ctx: ServiceContext<C>): Promise<ServiceInstance<T>>;
}

export interface ServiceContext<C> extends ModuleContext {
  readonly config: C;
  readonly server: HttpServer;
  /** The process's NATS connection; only for services that declare `nats`. */
  readonly nats: Nats;
  /** The ClickHouse client; only for services that declare `clickhouse`. */
  readonly clickhouse: ClickHouseClient;
  /** A KV bucket the service declares in `nats.buckets`, opened (created, with its TTL) before start. */
  bucket(name: string): KV;
  /** A typed client for another service's subgraph. */
  client(service: string): SubgraphClient;
}

export interface ServiceInstance<T> {
  value?: T;
  /** The subgraph's resolvers, typed by the service's generated `Resolvers`. */
  resolvers?: object;
  /** Largest GraphQL request body the subgraph reads (default 16 MiB). */
  subgraphMaxBodyBytes?: number;
  /** Handlers of the declared routes, by route path; also any internal-only route below `/internal/<name>`. */
  routes?: Record<string, RequestHandler>;
  /** Drains the service's own work; the subgraph and routes stop after it. */
  stop?(): Promise<void>;
}

const UNLIMITED = -1;

function consumerOf<C>(use: ConsumerDeclaration | ConsumerUse<C>, config: C | undefined): ConsumerDeclaration {
  if (!('consumer' in use)) return use;
  return config !== undefined && use.ackWaitMs ? { ...use.consumer, ackWaitMs: use.ackWaitMs(config) } : use.consumer;
}

/**
 * The one shape of every Tideline service: a module that declares its
 * subgraph, public routes, NATS streams, consumers and buckets, ClickHouse
 * migrations and config section, so that the gateway, the docs and the
 * manifests are derived from the catalog and a new service is born right.
 */
export function defineService<T, C>(spec: ServiceSpec<T, C>): ModuleDefinition<T, C> {
  const folder = fileURLToPath(new URL('.', spec.source));
  const migrations = `${folder}/migrations`;
  const usesNats = spec.nats !== undefined;
  const deps: AnyModule[] = [httpServerModule, ...(spec.subgraph || spec.routes?.length ? [subgraphsModule] : []), ...(usesNats ? [natsModule] : []), ...(spec.clickhouse ? [clickhouseModule] : []), ...(spec.deps ?? [])];
  return defineModule<T, C>({
    name: spec.name,
    deps,
    config: spec.config,
    service: {
      doc: spec.doc,
      subgraph: spec.subgraph ?? false,
      routes: spec.routes ?? [],
      needs: [...(usesNats ? ['nats'] : []), ...(spec.clickhouse ? ['clickhouse'] : [])],
      streams: spec.nats?.streams?.map((s) => s.stream.name) ?? [],
      consumers: spec.nats?.consumers?.map((c) => consumerOf(c, undefined).durable) ?? [],
      buckets: spec.nats?.buckets?.map((b) => bucketOf(b).name) ?? [],
    },
    async start(moduleCtx, config) {
      const server = moduleCtx.get(httpServerModule);
      const nats = usesNats ? moduleCtx.get(natsModule) : undefined;
      const clickhouse = spec.clickhouse ? moduleCtx.get(clickhouseModule) : undefined;
      if (clickhouse && existsSync(migrations)) {
        const applied = await migrate(clickhouse, spec.name, migrations);
        if (applied.length) moduleCtx.logger.info({ applied }, `${spec.name} migrations applied`);
      }
      const buckets = new Map<string, KV>();
      if (nats) {
        for (const use of spec.nats?.streams ?? []) {
          const maxBytes = typeof use.maxBytes === 'function' ? use.maxBytes(config) : (use.maxBytes ?? UNLIMITED);
          await ensureStream(nats.jsm, use.stream, { maxBytes });
        }
        for (const use of spec.nats?.consumers ?? []) await ensureConsumer(nats.jsm, consumerOf(use, config));
        for (const { name, ttlMs } of (spec.nats?.buckets ?? []).map(bucketOf)) buckets.set(name, await openBucket(nats.kvm, name, { ttlMs }));
      }
      const missing = (what: string) => () => {
        throw new Error(`service '${spec.name}' uses ${what} without declaring it in defineService`);
      };
      const ctx: ServiceContext<C> = Object.create(moduleCtx, {
        config: { value: config },
        server: { value: server },
        nats: { get: nats ? () => nats : missing('nats') },
        clickhouse: { get: clickhouse ? () => clickhouse : missing('clickhouse') },
        client: { value: (service: string) => subgraphClient(moduleCtx, service) },
        bucket: { value: (name: string) => buckets.get(name) ?? missing(`KV bucket '${name}'`)() },
      }) as ServiceContext<C>;

      // Requests in flight on the service's routes and subgraph are counted, so stop() can let them finish.
      let inFlight = 0;
      let idle: (() => void) | undefined;
      const tracked = (handler: RequestHandler): RequestHandler => async (req, res) => {
        inFlight++;
        try {
          await handler(req, res);
        } finally {
          if (--inFlight === 0) idle?.();
        }
      };

      const instance = await spec.start(ctx);
      if (spec.subgraph) {
        if (!instance.resolvers) throw new Error(`service '${spec.name}' declares a subgraph but its start returned no resolvers`);
        await serveSubgraph(moduleCtx, { name: spec.name, schema: readSchemaFiles(folder), resolvers: instance.resolvers, maxBodyBytes: instance.subgraphMaxBodyBytes, wrap: tracked });
      }
      const served = Object.keys(instance.routes ?? {});
      for (const route of spec.routes ?? []) {
        // A handler serves its path and everything below it, as the HTTP server routes.
        if (!served.some((p) => route.path === p || route.path.startsWith(p.endsWith('/') ? p : `${p}/`))) {
          throw new Error(`service '${spec.name}' declares route ${route.path} but its start returned no handler for it`);
        }
      }
      for (const [path, handler] of Object.entries(instance.routes ?? {})) server.route(`${internalPath(spec.name)}${path}`, tracked(handler));
      return {
        value: instance.value as T,
        async stop() {
          // The service refuses new work first (its own stop), then what is in flight finishes; the subgraph stops after.
          await instance.stop?.();
          if (inFlight > 0) await new Promise<void>((resolve) => (idle = resolve));
        },
      };
    },
  });
}
