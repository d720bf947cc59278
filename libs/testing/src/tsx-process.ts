import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface TsxProcess {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr together: for readiness and failure messages. */
  output(): string;
  /** Resolves with its exit code once it has exited. */
  exited: Promise<number | null>;
}

/** `node [flags] --import tsx <script>` from the repository root, with its output kept. */
export function spawnTsx(script: string, env: NodeJS.ProcessEnv, options: { nodeFlags?: string[]; detached?: boolean } = {}): TsxProcess {
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', script], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/**
 * Polls `ready` until it holds; a process that exits meanwhile has failed at
 * once. Resolves with why it is not ready (`exited with code 1`, `not ready
 * within 90000 ms`), or null once it is.
 */
export async function waitUntilReady(p: TsxProcess, ready: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs: number): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (p.child.exitCode !== null) return `exited with code ${p.child.exitCode}`;
    if (await ready()) return null;
    if (Date.now() > deadline) return `not ready within ${timeoutMs} ms`;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
