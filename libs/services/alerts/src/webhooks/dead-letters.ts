import type { ClickHouseClient } from '@tideline/clickhouse';
import { rows } from '@tideline/store';

export const DEAD_LETTERS_TABLE = 'alerts_webhook_dead_letters';

export interface DeadLetter {
  eventId: string;
  event: unknown;
  attempts: number;
  lastError: string;
  failedAt: Date;
}

/** Events a webhook never accepted (migration 002): written after the last try, read by `Webhook.deadLetters`. */
export class DeadLetters {
  constructor(private readonly client: ClickHouseClient) {}

  async add(project: string, webhookId: string, event: { id: string }, attempts: number, lastError: string): Promise<void> {
    await this.client.insert({
      table: DEAD_LETTERS_TABLE,
      values: [{ project, webhook_id: webhookId, event_id: event.id, event: JSON.stringify(event), attempts, last_error: lastError, failed_at: new Date().toISOString() }],
      format: 'JSONEachRow',
      // The client reads DateTime input best-effort, so the ISO string keeps its milliseconds and zone.
    });
  }

  /** One webhook's dead letters, newest first. */
  async list(project: string, webhookId: string, first: number): Promise<DeadLetter[]> {
    const found = await rows<{ event_id: string; event: string; attempts: number; last_error: string; failed_ms: string }>(
      this.client,
      `SELECT event_id, event, attempts, last_error, toUnixTimestamp64Milli(failed_at) AS failed_ms
       FROM ${DEAD_LETTERS_TABLE} FINAL
       WHERE project = {project:String} AND webhook_id = {webhookId:String}
       ORDER BY failed_at DESC, event_id
       LIMIT {first:UInt32}`,
      { project, webhookId, first },
    );
    return found.map((r) => ({ eventId: r.event_id, event: JSON.parse(r.event) as unknown, attempts: Number(r.attempts), lastError: r.last_error, failedAt: new Date(Number(r.failed_ms)) }));
  }
}
