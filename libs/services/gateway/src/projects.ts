import { createHash, randomBytes } from 'node:crypto';
import type { KV, Kvm } from '@nats-io/kv';
import { apiKeyRecord, projectRecord, KV_BUCKETS, type ApiKeyRecord, type ProjectRecord } from '@tideline/contracts';
import { openBucket } from '@tideline/nats';

/**
 * Projects (tenants) and their API keys, in NATS KV. Keys are stored only as
 * their sha256: a leaked bucket does not leak usable keys.
 */
export class ProjectError extends Error {
  constructor(
    readonly code: 'PROJECT_NOT_FOUND' | 'INVALID_NAME',
    message: string,
  ) {
    super(message);
  }
}

export interface CreatedApiKey {
  /** The plaintext key: shown once, never stored. */
  key: string;
  record: ApiKeyRecord;
}

// Opening a bucket is a round trip; cache the handle per connection.
const buckets = new WeakMap<Kvm, Map<string, Promise<KV>>>();
function bucket(kvm: Kvm, name: string): Promise<KV> {
  let byName = buckets.get(kvm);
  if (!byName) buckets.set(kvm, (byName = new Map()));
  let kv = byName.get(name);
  if (!kv) {
    kv = openBucket(kvm, name);
    kv.catch(() => byName.delete(name));
    byName.set(name, kv);
  }
  return kv;
}

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

const checkName = (name: string, what: string) => {
  if (!name.trim() || name.length > 100) throw new ProjectError('INVALID_NAME', `${what} name must be 1 to 100 characters`);
};

export async function createProject(kvm: Kvm, name: string): Promise<ProjectRecord> {
  checkName(name, 'project');
  // Ids become NATS subject tokens and KV keys: only [a-z0-9_].
  const project: ProjectRecord = { id: `p_${randomBytes(8).toString('hex')}`, name: name.trim(), createdAt: new Date().toISOString() };
  await (await bucket(kvm, KV_BUCKETS.projects)).create(project.id, JSON.stringify(project));
  return project;
}

export async function getProject(kvm: Kvm, id: string): Promise<ProjectRecord | undefined> {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return undefined;
  const entry = await (await bucket(kvm, KV_BUCKETS.projects)).get(id);
  return entry && entry.operation === 'PUT' ? projectRecord.parse(entry.json()) : undefined;
}

export async function listProjects(kvm: Kvm): Promise<ProjectRecord[]> {
  const kv = await bucket(kvm, KV_BUCKETS.projects);
  const projects: ProjectRecord[] = [];
  for await (const id of await kv.keys()) {
    const project = await getProject(kvm, id);
    if (project) projects.push(project);
  }
  return projects.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function createApiKey(kvm: Kvm, projectId: string, name = 'default'): Promise<CreatedApiKey> {
  checkName(name, 'key');
  if (!(await getProject(kvm, projectId))) throw new ProjectError('PROJECT_NOT_FOUND', `no project with id '${projectId}'`);
  const key = `tl_${randomBytes(32).toString('base64url')}`;
  const record: ApiKeyRecord = { project: projectId, name, createdAt: new Date().toISOString() };
  await (await bucket(kvm, KV_BUCKETS.apiKeys)).create(hashApiKey(key), JSON.stringify(record));
  return { key, record };
}

/** The key's record, or undefined for an unknown key. */
export async function findProjectByApiKey(kvm: Kvm, key: string): Promise<ApiKeyRecord | undefined> {
  if (!key) return undefined;
  const entry = await (await bucket(kvm, KV_BUCKETS.apiKeys)).get(hashApiKey(key));
  return entry && entry.operation === 'PUT' ? apiKeyRecord.parse(entry.json()) : undefined;
}
