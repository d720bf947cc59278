import { describe, expect, it } from 'vitest';
import { defineGroup, defineModule, dependentsOf, resolveStartOrder, type ModuleDefinition } from './modules.ts';
import { startModules } from './process.ts';
import { configSection, ConfigError, setting } from './config.ts';
import { createLogger } from './logger.ts';

const mod = (name: string, deps: ModuleDefinition[] = [], internal = false): ModuleDefinition => ({ name, deps, internal, start: async () => ({ value: name }) });

describe('resolveStartOrder', () => {
  const server = mod('server', [], true);
  const store = mod('store', [server]);
  const api = mod('api', [server, store]);
  const all = defineGroup('all', [store, api]);

  it('starts dependencies first, once each', () => {
    expect(resolveStartOrder([all], ['all']).map((m) => m.name)).toEqual(['server', 'store', 'api', 'all']);
    expect(resolveStartOrder([all], ['api']).map((m) => m.name)).toEqual(['server', 'store', 'api']);
  });

  it('rejects unknown and internal targets, listing the choices', () => {
    expect(() => resolveStartOrder([all], ['nope'])).toThrowError("unknown target 'nope'; choose from all, store, api");
    expect(() => resolveStartOrder([all], ['server'])).toThrowError(/unknown target 'server'/);
  });

  it('rejects cycles and duplicate names', () => {
    const a: ModuleDefinition = { name: 'a', deps: [] };
    const b: ModuleDefinition = { name: 'b', deps: [a] };
    (a.deps as ModuleDefinition[]).push(b);
    expect(() => resolveStartOrder([a], ['a'])).toThrowError('dependency cycle: a -> b -> a');
    expect(() => resolveStartOrder([mod('x'), mod('x')], ['x'])).toThrowError("two different modules are named 'x'");
  });

  it('finds the modules that depend on another', () => {
    expect([...dependentsOf([all], store)]).toEqual(['api']);
    expect([...dependentsOf([all], server)].sort()).toEqual(['api', 'store']);
  });
});

describe('startModules', () => {
  const logger = createLogger({ LOG_LEVEL: 'silent' });

  it('reports every configuration error at once', async () => {
    const a = defineModule({ name: 'a', config: configSection({ port: setting.int({ env: 'A_PORT', doc: 'port', max: 65535 }) }), start: async () => ({ value: 1 }) });
    const b = defineModule({ name: 'b', config: configSection({ mode: setting.oneOf({ env: 'B_MODE', doc: 'mode', values: ['x', 'y'] }) }), start: async () => ({ value: 2 }) });
    const run = startModules({ catalog: [defineGroup('all', [a, b])], targets: ['all'], env: { A_PORT: 'abc', B_MODE: 'z' }, logger });
    await expect(run).rejects.toThrowError(ConfigError);
    await run.catch((err: ConfigError) => {
      expect(err.problems).toEqual(['a: A_PORT="abc" is invalid: expected an integer from 0 to 65535', 'b: B_MODE="z" is invalid: expected one of x, y']);
    });
  });

  it('stops in reverse order, and stops started modules when one fails to start', async () => {
    const events: string[] = [];
    const tracked = (name: string, deps: ModuleDefinition[] = [], fail = false): ModuleDefinition => ({
      name,
      deps,
      start: async () => {
        if (fail) throw new Error(`${name} broke`);
        events.push(`start ${name}`);
        return { value: name, stop: async () => void events.push(`stop ${name}`) };
      },
    });
    const a = tracked('a');
    const b = tracked('b', [a]);
    const running = await startModules({ catalog: [b], targets: ['b'], env: {}, logger });
    await running.stop();
    expect(events).toEqual(['start a', 'start b', 'stop b', 'stop a']);

    events.length = 0;
    const broken = tracked('c', [a], true);
    await expect(startModules({ catalog: [broken], targets: ['c'], env: {}, logger })).rejects.toThrowError('c broke');
    expect(events).toEqual(['start a', 'stop a']);
  });
});
