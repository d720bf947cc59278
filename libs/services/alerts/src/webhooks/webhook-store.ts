import type { KV } from '@nats-io/kv';
import type { WebhookRecord } from './webhook-record.ts';

/** Webhooks of each project in KV, one key per webhook: `<project>.<id>`. */
export class WebhookStore {
  constructor(private readonly kv: KV) {}

  async get(project: string, id: string): Promise<WebhookRecord | null> {
    // Ids come from clients (deleteWebhook, entity references); one that is not a key token names nothing.
    if (!isKeyToken(id)) return null;
    const entry = await this.kv.get(`${project}.${id}`);
    return entry && entry.operation === 'PUT' ? entry.json<WebhookRecord>() : null;
  }

  /** The project's webhooks, oldest first. */
  async list(project: string): Promise<WebhookRecord[]> {
    const found: WebhookRecord[] = [];
    for await (const key of await this.kv.keys(`${project}.*`)) {
      const record = await this.get(project, key.slice(project.length + 1));
      if (record) found.push(record);
    }
    return found.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async create(record: WebhookRecord): Promise<void> {
    // create, not put: a colliding id (never expected with random ids) must not replace another webhook.
    await this.kv.create(`${record.project}.${record.id}`, JSON.stringify(record));
  }

  /** False when the project has no such webhook. */
  async delete(project: string, id: string): Promise<boolean> {
    if (!(await this.get(project, id))) return false;
    await this.kv.purge(`${project}.${id}`);
    return true;
  }
}

const isKeyToken = (id: string) => /^[A-Za-z0-9_-]{1,128}$/.test(id);
