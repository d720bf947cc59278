import { fileURLToPath } from 'node:url';
import type { AlertRecord } from '@tideline/contracts';
import type { ClickHouseClient } from '@tideline/clickhouse';
import { rows } from '@tideline/store';

export const alertsMigrations = fileURLToPath(new URL('./migrations', import.meta.url));

interface AlertRow {
  project: string;
  model: string;
  id: string;
  monitor_id: string;
  monitor_name: string;
  slice: string;
  metric: string;
  value: number | null;
  threshold: number | null;
  sample_count: number | string;
  severity: AlertRecord['severity'];
  state: AlertRecord['state'];
  fired_at: string;
  resolved_at: string | null;
  resolved_value: number | null;
}

export interface AlertFilter {
  model?: string | null;
  monitorId?: string | null;
  state?: AlertRecord['state'] | null;
  from?: Date | null;
  to?: Date | null;
  first: number;
}

const toMs = (iso: string) => new Date(iso).getTime();
const iso = (chTime: string) => new Date(`${chTime.replace(' ', 'T')}Z`).toISOString();

/**
 * Alerts and their history in ClickHouse: append-only records read by time
 * range, kept as long as the store's other records.
 */
export class AlertStore {
  constructor(private readonly client: ClickHouseClient) {}

  /** Stores alerts as they now are; a repeat of the same id and state is collapsed by the table. */
  async write(alerts: AlertRecord[]): Promise<void> {
    if (!alerts.length) return;
    await this.client.insert({
      table: 'alerts',
      format: 'JSONEachRow',
      values: alerts.map((a) => ({
        project: a.project,
        model: a.model.name,
        id: a.id,
        monitor_id: a.monitor.id,
        monitor_name: a.monitor.name,
        slice: JSON.stringify(a.slice),
        metric: a.metric,
        value: a.value,
        threshold: a.threshold,
        sample_count: a.sampleCount,
        severity: a.severity,
        state: a.state,
        fired_at: toMs(a.firedAt),
        resolved_at: a.resolvedAt ? toMs(a.resolvedAt) : null,
        resolved_value: a.resolvedValue,
        version: a.state === 'FIRING' ? 1 : 2,
      })),
    });
  }

  async list(project: string, filter: AlertFilter): Promise<AlertRecord[]> {
    const found = await rows<AlertRow>(
      this.client,
      `SELECT * FROM alerts FINAL
       WHERE project = {project:String}
         AND ({model:Nullable(String)} IS NULL OR model = {model:Nullable(String)})
         AND ({monitor:Nullable(String)} IS NULL OR monitor_id = {monitor:Nullable(String)})
         AND ({state:Nullable(String)} IS NULL OR state = {state:Nullable(String)})
         AND ({from:Nullable(Int64)} IS NULL OR fired_at >= fromUnixTimestamp64Milli({from:Nullable(Int64)}, 'UTC'))
         AND ({to:Nullable(Int64)} IS NULL OR fired_at < fromUnixTimestamp64Milli({to:Nullable(Int64)}, 'UTC'))
       ORDER BY fired_at DESC, id
       LIMIT {first:UInt32}`,
      {
        project,
        model: filter.model ?? null,
        monitor: filter.monitorId ?? null,
        state: filter.state ?? null,
        from: filter.from ? filter.from.getTime() : null,
        to: filter.to ? filter.to.getTime() : null,
        first: filter.first,
      },
    );
    return found.map(recordOf);
  }

  async get(project: string, id: string): Promise<AlertRecord | null> {
    const found = await rows<AlertRow>(this.client, 'SELECT * FROM alerts FINAL WHERE project = {project:String} AND id = {id:String}', { project, id });
    return found[0] ? recordOf(found[0]) : null;
  }
}

const recordOf = (r: AlertRow): AlertRecord => ({
  id: r.id,
  project: r.project,
  model: { name: r.model },
  monitor: { id: r.monitor_id, name: r.monitor_name },
  slice: JSON.parse(r.slice) as AlertRecord['slice'],
  metric: r.metric,
  value: r.value,
  threshold: r.threshold,
  sampleCount: Number(r.sample_count),
  severity: r.severity,
  state: r.state,
  firedAt: iso(r.fired_at),
  resolvedAt: r.resolved_at ? iso(r.resolved_at) : null,
  resolvedValue: r.resolved_value,
});
