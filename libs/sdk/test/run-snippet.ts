import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tempDir } from '@tideline/testing';

const SDK_ENTRY = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Runs TypeScript as a user's script would run (its own Node process, tsx),
 * importing `@tideline/sdk` from this checkout; a module (top-level await) written outside the
 * repository. Resolves with its output; rejects with it when it fails.
 */
export async function runSnippet(code: string, env: Record<string, string>, timeoutMs = 60_000): Promise<{ stdout: string; stderr: string }> {
  const dir = tempDir('tideline-sdk-snippet-');
  try {
    const file = join(dir.path, 'snippet.mts');
    writeFileSync(file, code.replaceAll(`from '@tideline/sdk'`, `from ${JSON.stringify(SDK_ENTRY)}`));
    return await promisify(execFile)(process.execPath, ['--import', 'tsx', file], { cwd: REPO_ROOT, env: { ...process.env, ...env }, timeout: timeoutMs });
  } finally {
    dir.remove();
  }
}
