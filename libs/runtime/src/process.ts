import { ConfigError } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { processConfig } from './process-config.ts';
import { indexModules, resolveStartOrder, type AnyModule, type ModuleContext, type RunningModule } from './modules.ts';

export interface RunOptions {
  catalog: readonly AnyModule[];
  targets: readonly string[];
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** Checks across modules that a single section cannot make, such as chDB's one-process rule. */
  validate?: (started: readonly AnyModule[], env: NodeJS.ProcessEnv) => string[];
}

export interface RunningProcess {
  get<T>(name: string): T;
  readonly modules: readonly string[];
  /** Stops modules in reverse start order; resolves when all have drained. */
  stop(): Promise<void>;
  /** Resolves when the process stops, with the failure that stopped it, if any. */
  readonly stopped: Promise<Error | undefined>;
}

/**
 * Starts the targets' modules in dependency order after validating every
 * module's configuration at once. If any module fails, at start or later,
 * the ones already running are stopped in reverse order.
 */
export async function startModules(options: RunOptions): Promise<RunningProcess> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger(env);
  const order = resolveStartOrder(options.catalog, options.targets);

  const configs = new Map<AnyModule, unknown>();
  const problems: string[] = [...processConfig.read(env).errors.map((e) => `process: ${e}`), ...(options.validate?.(order, env) ?? [])];
  const seenVars = new Set<string>();
  for (const module of order) {
    if (!module.config) continue;
    const { value, errors } = module.config.read(env);
    for (const error of errors) {
      const variable = error.split(/[ =]/)[0]!;
      if (!seenVars.has(variable)) problems.push(`${module.name}: ${error}`);
      seenVars.add(variable);
    }
    configs.set(module, value);
  }
  if (problems.length) throw new ConfigError(problems);

  const values = new Map<AnyModule, unknown>();
  const catalog = [...indexModules(options.catalog).values()];
  const started: { module: AnyModule; running: RunningModule<unknown> }[] = [];
  const names = new Set(order.map((m) => m.name));
  let resolveStopped!: (error: Error | undefined) => void;
  const stopped = new Promise<Error | undefined>((resolve) => (resolveStopped = resolve));
  let stopping: Promise<void> | undefined;
  let markStarted!: () => void;
  const allStarted = new Promise<void>((resolve) => (markStarted = resolve));

  const stop = (failure?: Error) => {
    stopping ??= (async () => {
      for (const { module, running } of [...started].reverse()) {
        try {
          logger.debug({ module: module.name }, 'stopping module');
          await running.stop?.();
          logger.info({ module: module.name }, 'module stopped');
        } catch (err) {
          logger.error({ err, module: module.name }, 'module failed to stop cleanly');
        }
      }
      resolveStopped(failure);
    })();
    return stopping;
  };

  for (const module of order) {
    if (!module.start) continue;
    const hooks: (() => Promise<void>)[] = [];
    const ctx: ModuleContext = {
      catalog,
      onStop: (hook) => void hooks.push(hook),
      logger: logger.child({ module: module.name }),
      env,
      running: names,
      allStarted,
      get(dep) {
        if (!values.has(dep)) throw new Error(`module '${module.name}' asked for '${dep.name}', which is not among its started dependencies`);
        return values.get(dep) as never;
      },
      fail(error) {
        logger.fatal({ err: error, module: module.name }, 'module failed; shutting down');
        void stop(error);
      },
    };
    try {
      const own = await module.start(ctx, configs.get(module));
      const running: RunningModule<unknown> = {
        value: own.value,
        async stop() {
          await own.stop?.();
          for (const hook of hooks.reverse()) await hook();
        },
      };
      values.set(module, running.value);
      started.push({ module, running });
      logger.info({ module: module.name }, 'module started');
    } catch (err) {
      for (const hook of hooks.reverse()) await hook().catch((e: unknown) => logger.error({ err: e, module: module.name }, 'cleanup after a failed start failed'));
      logger.fatal({ err, module: module.name }, 'module failed to start');
      await stop(err as Error);
      throw err;
    }
  }

  markStarted();
  return {
    modules: order.map((m) => m.name),
    get: <T>(name: string) => {
      const module = order.find((m) => m.name === name);
      if (!module || !values.has(module)) throw new Error(`module '${name}' is not running`);
      return values.get(module) as T;
    },
    stop: () => stop(),
    stopped,
  };
}

/**
 * Entry point of every app: start the targets, stop gracefully on SIGTERM or
 * SIGINT, exit non-zero when a module fails.
 */
export async function runProcess(options: RunOptions): Promise<void> {
  const logger = options.logger ?? createLogger(options.env);
  let running: RunningProcess;
  try {
    running = await startModules({ ...options, logger });
  } catch (err) {
    if (err instanceof ConfigError) console.error(err.message);
    else logger.fatal({ err }, 'start failed');
    process.exit(1);
  }
  logger.info({ modules: running.modules }, 'tideline started');
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down: draining in-flight work');
      void running.stop();
    });
  }
  const failure = await running.stopped;
  process.exit(failure ? 1 : 0);
}
