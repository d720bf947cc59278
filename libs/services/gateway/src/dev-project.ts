import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kvm } from '@nats-io/kv';
import { createApiKey, createProject, findProjectByApiKey, grantAdmin, listProjects } from './projects.ts';

export const DEV_PROJECT_NAME = 'development';

export interface DevProject {
  project: string;
  key: string;
  /** True when this call created the key (print it for the developer). */
  created: boolean;
}

/**
 * A laptop's ready-to-use project: the first run creates project
 * `development` and an admin key kept in `<home>/dev-key` (mode 0600); later
 * runs reuse that key while it still authenticates (the NATS store may have
 * been wiped), else make a new one. A key kept from before keys had roles
 * becomes admin.
 */
export async function ensureDevProject(kvm: Kvm, home: string): Promise<DevProject> {
  const file = join(home, 'dev-key');
  const existing = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (existing) {
    const record = await findProjectByApiKey(kvm, existing);
    if (record) {
      if (!record.admin) await grantAdmin(kvm, existing);
      return { project: record.project, key: existing, created: false };
    }
  }
  const project = (await listProjects(kvm)).find((p) => p.name === DEV_PROJECT_NAME) ?? (await createProject(kvm, DEV_PROJECT_NAME));
  const { key } = await createApiKey(kvm, project.id, 'dev', { admin: true });
  await mkdir(home, { recursive: true });
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  await chmod(file, 0o600); // writeFile's mode applies only to a new file
  return { project: project.id, key, created: true };
}
