import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { startNatsServer, tempDir, type NatsServerHandle, type TempDir } from '@tideline/testing';
import { createApiKey, createProject, ensureDevProject, findProjectByApiKey, hashApiKey, listApiKeys, listProjects, ProjectError, revokeApiKey } from '../src/index.ts';

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

  it("lists a project's keys with their role and revokes them; the last admin key stays", async () => {
    const project = await createProject(kvm, 'keys');
    const other = await createProject(kvm, 'other');
    const admin = await createApiKey(kvm, project.id, 'owner', { admin: true });
    const ci = await createApiKey(kvm, project.id, 'ci');
    const foreign = await createApiKey(kvm, other.id, 'theirs', { admin: true });
    expect(admin.id).toBe(hashApiKey(admin.key));
    expect((await listApiKeys(kvm, project.id)).map((k) => [k.id, k.name, k.admin])).toEqual([
      [admin.id, 'owner', true],
      [ci.id, 'ci', false],
    ]);

    expect(await revokeApiKey(kvm, project.id, ci.id)).toMatchObject({ id: ci.id, name: 'ci', admin: false });
    expect(await findProjectByApiKey(kvm, ci.key)).toBeUndefined();
    await expect(revokeApiKey(kvm, project.id, ci.id)).rejects.toMatchObject({ code: 'KEY_NOT_FOUND' });
    await expect(revokeApiKey(kvm, project.id, foreign.id)).rejects.toMatchObject({ code: 'KEY_NOT_FOUND' });
    await expect(revokeApiKey(kvm, project.id, admin.id)).rejects.toMatchObject({ code: 'LAST_ADMIN_KEY' });
    expect(await findProjectByApiKey(kvm, admin.key)).toMatchObject({ admin: true });
    await expect(listApiKeys(kvm, 'p_missing')).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' });
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
    expect(await findProjectByApiKey(kvm, first.key)).toMatchObject({ name: 'dev', admin: true });

    await writeFile(file, 'tl_revoked\n');
    const third = await ensureDevProject(kvm, home.path);
    expect(third).toMatchObject({ created: true, project: first.project });
    expect(third.key).not.toBe(first.key);
    expect((await listProjects(kvm)).filter((p) => p.name === 'development')).toHaveLength(1);
  });

  it('makes a development key from before roles existed admin', async () => {
    const dir = tempDir();
    const project = await createProject(kvm, 'development-old');
    const old = await createApiKey(kvm, project.id, 'dev');
    await writeFile(join(dir.path, 'dev-key'), `${old.key}\n`);
    expect(await ensureDevProject(kvm, dir.path)).toEqual({ project: project.id, key: old.key, created: false });
    expect(await findProjectByApiKey(kvm, old.key)).toMatchObject({ name: 'dev', admin: true });
    dir.remove();
  });
});
