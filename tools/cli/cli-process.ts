/**
 * The CLI as its users run it, for tests: its own process (`node --import tsx
 * tools/cli/tideline.ts`, as `npm run tideline` starts it), its output and
 * exit code, and how long the call took.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Exit code and wall time of the whole process, start to exit. */
  done: Promise<{ code: number | null; ms: number }>;
}

export function startCli(args: readonly string[], env: Record<string, string | undefined>): CliRun {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/cli/tideline.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; ms: number }>((resolve) => child.once('exit', (code) => resolve({ code, ms: performance.now() - started })));
  return { child, stdout: () => stdout, stderr: () => stderr, done };
}

export interface CliResult {
  code: number | null;
  ms: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: readonly string[], env: Record<string, string | undefined>): Promise<CliResult> {
  const run = startCli(args, env);
  const { code, ms } = await run.done;
  return { code, ms, stdout: run.stdout(), stderr: run.stderr() };
}

/** Runs the CLI and expects it to succeed; its stdout, trimmed. */
export async function cliOk(args: readonly string[], env: Record<string, string | undefined>): Promise<string> {
  const result = await runCli(args, env);
  if (result.code !== 0) throw new Error(`tideline ${args.join(' ')} exited ${result.code}:\n${result.stderr}${result.stdout}`);
  return result.stdout.trim();
}
