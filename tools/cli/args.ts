/**
 * The CLI's argument parsing: positional words and `--flag value` /
 * `--flag=value` options, checked against what each command declares, so a
 * typo is a usage error rather than a silently ignored option.
 */
// The one module, not the package's index: the CLI's bundle stays free of the server runtime (and the files it reads beside itself).
import { parseDuration } from '@tideline/runtime/parse-duration';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface Parsed {
  positional: string[];
  options: Map<string, string>;
  switches: Set<string>;
}

export interface OptionSpec {
  /** Options that take a value. */
  values?: readonly string[];
  /** Options that take none (`--admin`). */
  switches?: readonly string[];
}

/** The options every command accepts (where to reach the API). */
const GLOBAL_VALUES = ['url', 'key'];

export function parseArgs(args: readonly string[], spec: OptionSpec = {}): Parsed {
  const values = new Set([...GLOBAL_VALUES, ...(spec.values ?? [])]);
  const switchNames = new Set(spec.switches ?? []);
  const parsed: Parsed = { positional: [], options: new Map(), switches: new Set() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--') || arg === '--') {
      parsed.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (switchNames.has(name) && eq < 0) parsed.switches.add(name);
    else if (values.has(name)) {
      const value = eq < 0 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
      parsed.options.set(name, value);
    } else throw new UsageError(`unknown option --${name}`);
  }
  return parsed;
}

/** Exactly `names.length` positional arguments, named in the error when they are not. */
export function expectPositional(parsed: Parsed, command: string, names: readonly string[]): string[] {
  if (parsed.positional.length !== names.length) {
    throw new UsageError(`${command} takes ${names.length ? names.map((n) => `<${n}>`).join(' ') : 'no arguments'}`);
  }
  return parsed.positional;
}

/** A duration such as 90s, 15m, 12h or 7d, in milliseconds (the platform's one grammar, @tideline/runtime). */
export function durationOption(text: string, option: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new UsageError(`--${option} must be a duration such as 12h or 7d, not '${text}'`);
  return ms;
}
