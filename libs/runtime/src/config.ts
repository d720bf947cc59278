/**
 * Configuration from environment variables. Each module owns a section; the
 * runtime parses every section before starting anything and reports all
 * errors together, so an operator fixes a broken deployment in one pass.
 */
export interface Setting<T> {
  /** Environment variable read for this setting. */
  env: string;
  /** What the setting does, shown in errors and in the config reference. */
  doc: string;
  /** Value when the variable is unset or empty; `undefined` makes it required. */
  default?: T;
  parse(raw: string): T;
}

export type SectionValue<S extends Record<string, Setting<unknown>>> = {
  [K in keyof S]: S[K] extends Setting<infer T> ? T : never;
};

export interface ConfigSection<C> {
  settings: Record<string, Setting<unknown>>;
  read(env: NodeJS.ProcessEnv): { value?: C; errors: string[] };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
  constructor(
    readonly problems: string[],
    options?: ErrorOptions,
  ) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`, options);
  }
}

export function configSection<S extends Record<string, Setting<unknown>>>(settings: S): ConfigSection<SectionValue<S>> {
  return {
    settings,
    read(env) {
      const value: Record<string, unknown> = {};
      const errors: string[] = [];
      for (const [key, setting] of Object.entries(settings)) {
        const raw = env[setting.env];
        if (raw === undefined || raw === '') {
          if (setting.default === undefined) errors.push(`${setting.env} is required: ${setting.doc}`);
          else value[key] = setting.default;
          continue;
        }
        try {
          value[key] = setting.parse(raw);
        } catch (err) {
          errors.push(`${setting.env}=${JSON.stringify(raw)} is invalid: ${(err as Error).message}`);
        }
      }
      return errors.length ? { errors } : { value: value as SectionValue<S>, errors };
    },
  };
}

type SettingOptions<T> = Omit<Setting<T>, 'parse'>;

export const setting = {
  string(options: SettingOptions<string>): Setting<string> {
    return { ...options, parse: (raw) => raw };
  },
  optionalString(options: Omit<SettingOptions<string | null>, 'default'>): Setting<string | null> {
    return { ...options, default: null, parse: (raw) => raw };
  },
  int(options: SettingOptions<number> & { min?: number; max?: number }): Setting<number> {
    const { min = 0, max = Number.MAX_SAFE_INTEGER } = options;
    return {
      ...options,
      parse(raw) {
        const n = Number(raw);
        if (!Number.isInteger(n) || n < min || n > max) throw new Error(`expected an integer from ${min} to ${max}`);
        return n;
      },
    };
  },
  bool(options: SettingOptions<boolean>): Setting<boolean> {
    return {
      ...options,
      parse(raw) {
        if (raw === 'true' || raw === '1') return true;
        if (raw === 'false' || raw === '0') return false;
        throw new Error('expected true or false');
      },
    };
  },
  oneOf<T extends string>(options: SettingOptions<T> & { values: readonly T[] }): Setting<T> {
    return {
      ...options,
      parse(raw) {
        if (!options.values.includes(raw as T)) throw new Error(`expected one of ${options.values.join(', ')}`);
        return raw as T;
      },
    };
  },
  url(options: SettingOptions<URL> & { protocols: readonly string[] }): Setting<URL> {
    return {
      ...options,
      parse(raw) {
        let url: URL;
        try {
          url = new URL(raw);
        } catch (cause) {
          throw new Error(`expected a URL such as ${options.protocols[0]}//host:port`, { cause });
        }
        if (!options.protocols.includes(url.protocol)) throw new Error(`expected protocol ${options.protocols.join(' or ')}`);
        return url;
      },
    };
  },
};
