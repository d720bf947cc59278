import type { ConfigSection } from './config.ts';
import type { Logger } from './logger.ts';

/**
 * A named part of Tideline (the pattern of Loki's and dskit's modules): a
 * service, a platform connection, or a group of other modules. The
 * dependency map is static: each module lists the modules it needs.
 */
export interface ModuleDefinition<T = unknown, C = unknown> {
  readonly name: string;
  readonly deps?: readonly AnyModule[];
  /** Internal modules (server, nats, clickhouse) start only as dependencies. */
  readonly internal?: boolean;
  readonly config?: ConfigSection<C>;
  /** What a deployable service declares about itself (set by `defineService`); the catalog derives docs, manifests and the gateway's routes from it. */
  readonly service?: ServiceDescription;
  /** Absent for groups such as `all`. */
  readonly start?: (ctx: ModuleContext, config: C) => Promise<RunningModule<T>>;
}

/**
 * A public HTTP route a service offers through the gateway: the gateway
 * authenticates the caller and forwards the request, signed with its
 * project, to `/internal/<service><path>` of the process serving it.
 */
export interface PublicRoute {
  /** The public path, such as `/v1/predictions`; with `pattern`, the prefix of paths below it. */
  readonly path: string;
  readonly methods: readonly string[];
  /** The rest of the path below `path` must match this (e.g. a digest); anything else is refused before it is forwarded. */
  readonly pattern?: RegExp;
  /** What the route is for, in the README's list of targets. */
  readonly doc: string;
}

/** What a deployable service is made of, for the README's list of targets, manifests and the gateway. */
export interface ServiceDescription {
  /** One line: what the service does. */
  readonly doc: string;
  /** It serves the subgraph named after it at `/internal/<name>/graphql`, which the gateway composes. */
  readonly subgraph: boolean;
  readonly routes: readonly PublicRoute[];
  /** The platform modules it needs (nats, clickhouse). */
  readonly needs: readonly string[];
  /** NATS streams, consumers and KV buckets it creates (or brings up to date) at start. */
  readonly streams: readonly string[];
  readonly consumers: readonly string[];
  readonly buckets: readonly string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a heterogeneous list of modules
export type AnyModule = ModuleDefinition<any, any>;

export interface RunningModule<T> {
  readonly value: T;
  /** Drains in-flight work, then releases resources. */
  stop?(): Promise<void>;
}

export interface ModuleContext {
  readonly logger: Logger;
  readonly env: NodeJS.ProcessEnv;
  /** Value of a dependency that has already started. */
  get<T>(module: ModuleDefinition<T, any>): T; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Names of every module this process runs. */
  readonly running: ReadonlySet<string>;
  /** Resolves once every module of the process has started: readiness waits for it. */
  readonly allStarted: Promise<void>;
  /** Reports an unrecoverable failure: the process shuts down and exits non-zero. */
  fail(error: Error): void;
  /** Runs `stop` when this module stops, after the module's own stop (the last registered first). */
  onStop(stop: () => Promise<void>): void;
  /** Every module of the catalog, running here or not: the gateway composes the subgraphs of all of them. */
  readonly catalog: readonly AnyModule[];
}

export class ModuleGraphError extends Error {
  override readonly name = 'ModuleGraphError';
  readonly code = 'MODULE_GRAPH_INVALID';
}

export function defineModule<T, C = undefined>(definition: ModuleDefinition<T, C>): ModuleDefinition<T, C> {
  return definition;
}

/** A target such as `all` that starts other modules and has no work of its own. */
export function defineGroup(name: string, deps: readonly AnyModule[]): ModuleDefinition<void> {
  return { name, deps };
}

/** Every module reachable from the catalog, by name; rejects duplicate names. */
export function indexModules(catalog: readonly AnyModule[]): Map<string, AnyModule> {
  const byName = new Map<string, AnyModule>();
  const visit = (module: AnyModule) => {
    const known = byName.get(module.name);
    if (known === module) return;
    if (known) throw new ModuleGraphError(`two different modules are named '${module.name}'`);
    byName.set(module.name, module);
    module.deps?.forEach(visit);
  };
  catalog.forEach(visit);
  return byName;
}

/**
 * The modules to start for the given target names, dependencies first, in
 * declaration order among siblings. Unknown or internal targets and cycles
 * are errors.
 */
export function resolveStartOrder(catalog: readonly AnyModule[], targets: readonly string[]): AnyModule[] {
  const byName = indexModules(catalog);
  const public_ = [...byName.values()].filter((m) => !m.internal).map((m) => m.name);
  const order: AnyModule[] = [];
  const state = new Map<AnyModule, 'visiting' | 'done'>();
  const visit = (module: AnyModule, path: string[]) => {
    const seen = state.get(module);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new ModuleGraphError(`dependency cycle: ${[...path, module.name].join(' -> ')}`);
    state.set(module, 'visiting');
    for (const dep of module.deps ?? []) visit(dep, [...path, module.name]);
    state.set(module, 'done');
    order.push(module);
  };
  if (targets.length === 0) throw new ModuleGraphError(`no target given; choose from ${public_.join(', ')}`);
  for (const target of targets) {
    const module = byName.get(target);
    if (!module || module.internal) throw new ModuleGraphError(`unknown target '${target}'; choose from ${public_.join(', ')}`);
    visit(module, []);
  }
  return order;
}

/** The services of the catalog (modules that describe themselves), in catalog order. */
export function servicesOf(catalog: readonly AnyModule[]): AnyModule[] {
  return [...indexModules(catalog).values()].filter((m) => m.service !== undefined);
}

/** Names of the modules that depend, directly or not, on `dependency`. */
export function dependentsOf(catalog: readonly AnyModule[], dependency: AnyModule): Set<string> {
  const result = new Set<string>();
  const needs = (module: AnyModule): boolean => (module.deps ?? []).some((d) => d === dependency || needs(d));
  for (const module of indexModules(catalog).values()) if (module.start && needs(module)) result.add(module.name);
  return result;
}
