import { execFile } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { startNatsServer, tempDir, type NatsServerHandle, type TempDir } from '@tideline/testing';
import { createApiKey, createProject, ensureDevProject, findProjectByApiKey, listProjects, ProjectError } from '../src/index.ts';

let natsServer: NatsServerHandle;
let connection: NatsConnection;
let kvm: Kvm;
let home: TempDir;

beforeAll(async () => {
  natsServer = await startNatsServer();
  connection = await connect({ servers: natsServer.url });
  kvm = new Kvm(connection);
  home = tempDir();
});

afterAll(async () => {
  await connection?.close();
  await natsServer?.stop();
  home?.remove();
});

describe('projects and API keys', () => {
  it('creates projects with subject-safe ids and keys that find their project', async () => {
    const project = await createProject(kvm, 'Fraud team');
    expect(project.id).toMatch(/^p_[0-9a-f]{16}$/);
    const { key, record } = await createApiKey(kvm, project.id, 'ci');
    expect(key).toMatch(/^tl_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({ project: project.id, name: 'ci' });
    expect(await findProjectByApiKey(kvm, key)).toEqual(record);
    expect(await findProjectByApiKey(kvm, `${key}x`)).toBeUndefined();
    expect((await listProjects(kvm)).map((p) => p.id)).toContain(project.id);
  });

  it('refuses a key for an unknown project', async () => {
    await expect(createApiKey(kvm, 'p_missing')).rejects.toBeInstanceOf(ProjectError);
  });
});

describe('ensureDevProject', () => {
  it('creates the development project once, keeps the key in a 0600 file, and replaces a dead key', async () => {
    const first = await ensureDevProject(kvm, home.path);
    expect(first.created).toBe(true);
    const file = join(home.path, 'dev-key');
    expect((await readFile(file, 'utf8')).trim()).toBe(first.key);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await ensureDevProject(kvm, home.path)).toEqual({ ...first, created: false });

    await writeFile(file, 'tl_revoked\n');
    const third = await ensureDevProject(kvm, home.path);
    expect(third).toMatchObject({ created: true, project: first.project });
    expect(third.key).not.toBe(first.key);
    expect((await listProjects(kvm)).filter((p) => p.name === 'development')).toHaveLength(1);
  });
});

describe('tideline CLI', () => {
  const run = async (...args: string[]) => {
    try {
      const { stdout } = await promisify(execFile)('node_modules/.bin/tsx', ['tools/cli/tideline.ts', ...args], { cwd: new URL('../../../..', import.meta.url).pathname, env: { ...process.env, NATS_URL: natsServer.url } });
      return { code: 0, stdout: stdout.trim() };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout.trim(), stderr: e.stderr };
    }
  };

  it('creates a project and a key, lists projects, and fails clearly', async () => {
    const created = await run('project', 'create', 'cli-made');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^p_[0-9a-f]{16}$/);
    const key = await run('key', 'create', created.stdout, '--name', 'ops');
    expect(key.code).toBe(0);
    expect(await findProjectByApiKey(kvm, key.stdout)).toMatchObject({ project: created.stdout, name: 'ops' });
    expect((await run('project', 'list')).stdout).toContain(`${created.stdout}\tcli-made`);
    expect(await run('key', 'create', 'p_nothing')).toMatchObject({ code: 1 });
    expect(await run('frobnicate')).toMatchObject({ code: 2 });
  }, 60_000);
});
