import { Bucket, type KV } from '@nats-io/kv';

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
    const ids = await this.ids(project);
    const found = (await Promise.all(ids.map((id) => this.get(project, id)))).filter((r) => r !== null) as T[];
    return found.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /**
   * The project's ids, from one snapshot the server takes: the subjects of
   * the bucket's stream that hold a message. Not KV's keys(): that is a
   * consumer of the last message per key, and on nats-server 2.9 a key
   * rewritten while it runs could be missed (a listing lacked one of 40
   * records being rewritten, in CI). A deleted record's subject holds its
   * marker: get() answers null for it.
   */
  private async ids(project: string): Promise<string[]> {
    // Every bucket comes from Kvm (create/open), which makes a Bucket; its stream is what the snapshot reads.
    if (!(this.kv instanceof Bucket)) throw new Error('ProjectRecords needs a KV bucket opened through Kvm');
    const prefix = `${this.kv.prefix}.${project}.`;
    const info = await this.kv.jsm.streams.info(this.kv.stream, { subjects_filter: `${prefix}*` });
    return Object.keys(info.state.subjects ?? {}).map((subject) => subject.slice(prefix.length));
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
