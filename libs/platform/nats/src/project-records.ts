import type { KV } from '@nats-io/kv';
import { bucketKeys } from './bucket-keys.ts';

/** Ids come from clients (mutations, entity references): one that is not a single KV key token names nothing. */
const KEY_TOKEN = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * A project's records in one NATS KV bucket, one key per record:
 * `<project>.<id>`. Every read and write is scoped to the project, so an id
 * can never address another project's record.
 */
export class ProjectRecords<T extends { project: string; id: string; createdAt: string }> {
  constructor(readonly kv: KV) {}

  key = (project: string, id: string) => `${project}.${id}`;

  async get(project: string, id: string): Promise<T | null> {
    if (!KEY_TOKEN.test(id)) return null;
    const entry = await this.kv.get(this.key(project, id));
    return entry && entry.operation === 'PUT' ? entry.json<T>() : null;
  }

  /** The project's records, oldest first. */
  async list(project: string): Promise<T[]> {
    // Deleted records are listed too: get() answers null for them.
    const ids = (await bucketKeys(this.kv, `${project}.*`)).map((key) => key.slice(project.length + 1));
    const found = (await Promise.all(ids.map((id) => this.get(project, id)))).filter((r) => r !== null) as T[];
    return found.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async put(record: T): Promise<void> {
    await this.kv.put(this.key(record.project, record.id), JSON.stringify(record));
  }

  /** Fails if the key exists: a colliding id must not replace another record. */
  async create(record: T): Promise<void> {
    await this.kv.create(this.key(record.project, record.id), JSON.stringify(record));
  }

  /** False when the project has no such record. */
  async delete(project: string, id: string): Promise<boolean> {
    if (!(await this.get(project, id))) return false;
    await this.kv.purge(this.key(project, id));
    return true;
  }
}
