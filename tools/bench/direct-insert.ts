import type { ClickHouseClient } from '@tideline/clickhouse';
import { median } from './traffic.ts';

/**
 * The baseline of the ingest and store benchmarks: `rows` inserted straight
 * into `evalstore_predictions` with @clickhouse/client (JSONEachRow objects,
 * batches of `batch`), `runs` times on an emptied table. Returns the median
 * rows/s, the median rows per CPU second of this process (client and, for
 * chDB, the engine), and the mean CPU seconds a run.
 */
export async function directInsert(client: ClickHouseClient, rows: readonly object[], batch: number, runs: number) {
  const rates: number[] = [];
  const perCpu: number[] = [];
  let cpuSeconds = 0;
  for (let run = 0; run < runs; run++) {
    await client.command({ query: 'TRUNCATE TABLE evalstore_predictions' });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < rows.length; i += batch) {
      await client.insert({ table: 'evalstore_predictions', values: rows.slice(i, i + batch), format: 'JSONEachRow' });
    }
    rates.push(rows.length / ((performance.now() - t0) / 1000));
    const cpu = process.cpuUsage(cpu0);
    const seconds = (cpu.user + cpu.system) / 1e6;
    perCpu.push(rows.length / seconds);
    cpuSeconds += seconds / runs;
  }
  return { rate: median(rates), perCpu: median(perCpu), cpuSeconds };
}
