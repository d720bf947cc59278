import { createHash, randomBytes } from 'node:crypto';
import type { KV, Kvm } from '@nats-io/kv';
import { apiKeyRecord, projectRecord, KV_BUCKETS, type ApiKeyRecord, type ProjectRecord } from '@tideline/contracts';
import { bucketKeys, openBucket } from '@tideline/nats';

/**
 * Projects (tenants) and their API keys, in NATS KV. Keys are stored only as
 * their sha256: a leaked bucket does not leak usable keys.
 */
export class ProjectError extends Error {
  override readonly name = 'ProjectError';
  constructor(
    readonly code: 'PROJECT_NOT_FOUND' | 'INVALID_NAME' | 'KEY_NOT_FOUND' | 'LAST_ADMIN_KEY',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * An API key as listed. `id` is the key's sha256 (hex), its name in KV:
 * nothing to steal, and whoever holds a key can compute which one it is.
 */
export interface ApiKey extends ApiKeyRecord {
  id: string;
}

export interface CreatedApiKey {
  /** The plaintext key: shown once, never stored. */
  key: string;
  id: string;
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

export async function createProject(kvm: Kvm, name: string, { createdBy }: { createdBy?: string } = {}): Promise<ProjectRecord> {
  checkName(name, 'project');
  // Ids become NATS subject tokens and KV keys: only [a-z0-9_].
  const project: ProjectRecord = { id: `p_${randomBytes(8).toString('hex')}`, name: name.trim(), createdAt: new Date().toISOString(), ...(createdBy ? { createdBy } : {}) };
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
  for (const id of await bucketKeys(kv)) {
    const project = await getProject(kvm, id);
    if (project) projects.push(project);
  }
  return projects.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** What an admin key of `projectId` may see: its own project and the projects it created (createProject's `createdBy`). */
export async function listProjectsVisibleTo(kvm: Kvm, projectId: string): Promise<ProjectRecord[]> {
  return (await listProjects(kvm)).filter((p) => p.id === projectId || p.createdBy === projectId);
}

/** A new key of the project; `admin` keys may list, create and revoke the project's keys. */
export async function createApiKey(kvm: Kvm, projectId: string, name = 'default', { admin = false }: { admin?: boolean } = {}): Promise<CreatedApiKey> {
  checkName(name, 'key');
  if (!(await getProject(kvm, projectId))) throw new ProjectError('PROJECT_NOT_FOUND', `no project with id '${projectId}'`);
  const key = `tl_${randomBytes(32).toString('base64url')}`;
  const record: ApiKeyRecord = { project: projectId, name: name.trim(), admin, createdAt: new Date().toISOString() };
  const id = hashApiKey(key);
  await (await bucket(kvm, KV_BUCKETS.apiKeys)).create(id, JSON.stringify(record));
  return { key, id, record };
}

/** The key's record, or undefined for an unknown or revoked key. */
export async function findProjectByApiKey(kvm: Kvm, key: string): Promise<ApiKeyRecord | undefined> {
  if (!key) return undefined;
  return (await apiKeyById(kvm, hashApiKey(key)))?.record;
}

async function apiKeyById(kvm: Kvm, id: string) {
  if (!/^[0-9a-f]{64}$/.test(id)) return undefined;
  const entry = await (await bucket(kvm, KV_BUCKETS.apiKeys)).get(id);
  return entry && entry.operation === 'PUT' ? { record: apiKeyRecord.parse(entry.json()), revision: entry.revision } : undefined;
}

/**
 * The project's keys, oldest first. Keys are stored by hash alone, so this
 * reads every key of every project: fine for an admin's occasional listing.
 */
export async function listApiKeys(kvm: Kvm, projectId: string): Promise<ApiKey[]> {
  if (!(await getProject(kvm, projectId))) throw new ProjectError('PROJECT_NOT_FOUND', `no project with id '${projectId}'`);
  const kv = await bucket(kvm, KV_BUCKETS.apiKeys);
  const ids = await bucketKeys(kv);
  const found = await Promise.all(ids.map(async (id) => ({ id, entry: await apiKeyById(kvm, id) })));
  // The bucket's revision orders writes exactly; two keys made in the same millisecond share a createdAt.
  return found
    .filter(({ entry }) => entry?.record.project === projectId)
    .sort((a, b) => a.entry!.revision - b.entry!.revision)
    .map(({ id, entry }) => ({ id, ...entry!.record }));
}

/**
 * Deletes a key of the project: it stops authenticating once the gateways'
 * caches let go of it (AuthCacheOptions.ttlMs). The project's last admin key
 * is kept, so the project can still manage its keys over GraphQL.
 */
export async function revokeApiKey(kvm: Kvm, projectId: string, id: string): Promise<ApiKey> {
  const found = await apiKeyById(kvm, id);
  // Another project's key is reported as absent: ids of other tenants are not confirmed.
  if (!found || found.record.project !== projectId) throw new ProjectError('KEY_NOT_FOUND', `no API key with id '${id}' in this project`);
  if (found.record.admin && !(await listApiKeys(kvm, projectId)).some((k) => k.admin && k.id !== id)) {
    throw new ProjectError('LAST_ADMIN_KEY', `API key '${found.record.name}' is the project's last admin key; create another admin key before revoking it`);
  }
  // previousSeq: a key changed meanwhile (made admin) is not deleted on a stale decision.
  await (await bucket(kvm, KV_BUCKETS.apiKeys)).delete(id, { previousSeq: found.revision });
  return { id, ...found.record };
}

/** Makes an existing key an admin key (the development key, made before roles existed). */
export async function grantAdmin(kvm: Kvm, key: string): Promise<void> {
  const id = hashApiKey(key);
  const found = await apiKeyById(kvm, id);
  if (!found || found.record.admin) return;
  await (await bucket(kvm, KV_BUCKETS.apiKeys)).update(id, JSON.stringify({ ...found.record, admin: true }), found.revision);
}
