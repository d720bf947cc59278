import type { KV } from '@nats-io/kv';
import { ProjectRecords } from '../project-records.ts';
import type { WebhookRecord } from './webhook-record.ts';

/** Webhooks of each project in KV, one key per webhook: `<project>.<id>`. */
export class WebhookStore {
  private readonly records: ProjectRecords<WebhookRecord>;

  constructor(kv: KV) {
    this.records = new ProjectRecords(kv);
  }

  get = (project: string, id: string) => this.records.get(project, id);
  create = (record: WebhookRecord) => this.records.create(record.project, record.id, record);
  /** False when the project has no such webhook. */
  delete = (project: string, id: string) => this.records.delete(project, id);

  /** The project's webhooks, oldest first. */
  async list(project: string): Promise<WebhookRecord[]> {
    return (await this.records.list(project)).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }
}
