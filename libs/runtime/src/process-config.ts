import { configSection, setting } from './config.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Settings of the process itself rather than of one module; validated with
 * every module's section, so a wrong LOG_LEVEL is reported with the rest.
 */
export const processConfig = configSection({
  target: setting.string({
    env: 'TIDELINE_TARGET',
    doc: 'modules this process runs, comma-separated: `all` or any of the targets listed above',
    default: 'all',
  }),
  logLevel: setting.oneOf({ env: 'LOG_LEVEL', doc: 'pino log level of the JSON logs on stdout', default: 'info', values: LOG_LEVELS }),
  home: setting.string({
    env: 'TIDELINE_HOME',
    doc: 'data of the embedded deployment: chDB directory, JetStream store (`npm start`), secret and dev key',
    default: '.tideline',
  }),
});

/** The targets named by TIDELINE_TARGET, else `fallback`. */
export function targetsOf(env: NodeJS.ProcessEnv, fallback = 'all'): string[] {
  return (env.TIDELINE_TARGET || fallback)
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}
