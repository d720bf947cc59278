/**
 * The CLI as its users run it, for tests: its own process (`node
 * tools/cli/launch.mjs`, as `npm run tideline` and the bin start it: the
 * bundle, built first when stale), its output and exit code, and how long the
 * call took.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Everything `stream` gave so far, as text. */
function collected(stream: Readable): () => string {
  let text = '';
  stream.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  return () => text;
}

export interface CliRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Exit code and wall time of the whole process, start to exit. */
  done: Promise<{ code: number | null; ms: number }>;
}

export function startCli(args: readonly string[], env: Record<string, string | undefined>): CliRun {
  const started = performance.now();
  const child = spawn(process.execPath, ['tools/cli/launch.mjs', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const done = new Promise<{ code: number | null; ms: number }>((resolve) => child.once('exit', (code) => resolve({ code, ms: performance.now() - started })));
  return { child, stdout: collected(child.stdout!), stderr: collected(child.stderr!), done };
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
