/**
 * The bin count of the hour states' score histograms (libs/services/metrics,
 * src/score-histograms.ts; README "Hour states", "Approximate ROC AUC"):
 * for each candidate count, the storage the histograms add per state row and
 * the daily ROC AUC's error and bound, on bench:metrics' shape (uniform
 * scores, labels ~ Bernoulli(score), one day, 20 countries, 3 devices).
 * In-process chDB, a scratch directory; `BENCH_BINS_ROWS` rows (2M;
 * BENCH_TOY=1: toy size). The read's time is printed with its ratio to the
 * exact one over the rows in the same run; the run fails if an error lies
 * outside its bound.
 *
 *   npm run bench:score-bins
 */
import { createClickHouseClient } from '@tideline/clickhouse';
import { HISTOGRAM_SUM, histogramAuc } from '@tideline/metrics';
import { rows } from '@tideline/store';
import { tempDir } from '@tideline/testing';
import { size } from './sizes.ts';
import { timed } from './timing.ts';

const ROWS = size('BENCH_BINS_ROWS', 2_000_000, 20_000);
const CANDIDATES = [64, 256, 1024, 4096];
const dir = tempDir('score-bins-');
const client = createClickHouseClient(`chdb://${dir.path}`);


try {
  await client.command({
    query: `CREATE TABLE scored ENGINE = MergeTree ORDER BY hour AS
      SELECT toUInt32(intDiv(number * 24, ${ROWS})) AS hour, concat('c', toString(number % 20)) AS country, ['ios', 'android', 'web'][number % 3 + 1] AS device,
        (cityHash64(number) % 1000000) / 1000000.0 AS score, (cityHash64(number, 7) % 1000000) / 1000000.0 < score AS positive
      FROM numbers(${ROWS})`,
  });
  const [exact, exactMs] = await timed(() => rows<{ country: string; auc: number }>(client, 'SELECT country, arrayAUC(groupArray(score), groupArray(toUInt8(positive))) AS auc FROM scored GROUP BY country', {}));
  const exactOf = new Map(exact.map((r) => [r.country, Number(r.auc)]));
  console.log(`${ROWS} rows; exact daily ROC AUC per country over the rows: ${exactMs.toFixed(0)} ms`);
  for (const bins of CANDIDATES) {
    const bin = `toUInt16(least(greatest(floor(score * ${bins}), 0), ${bins - 1}))`;
    const histogram = `sumMap([${bin}], [toUInt64(positive)], [toUInt64(NOT positive)])`;
    // Wide parts: each column's size is recorded (a compact part records none).
    // One state row per hour and country, per hour and device, and per whole hour, as the fold writes them (for one version; all versions double them).
    await client.command({
      query: `CREATE TABLE states_${bins} ENGINE = MergeTree ORDER BY (hour, field, value) SETTINGS min_bytes_for_wide_part = 0 AS
        SELECT hour, field, value, h.1 AS score_bins, CAST(h.2 AS Array(UInt32)) AS bin_positives, CAST(h.3 AS Array(UInt32)) AS bin_negatives FROM (
          SELECT hour, 'country' AS field, country AS value, ${histogram} AS h FROM scored GROUP BY hour, country
          UNION ALL SELECT hour, 'device', device, ${histogram} FROM scored GROUP BY hour, device
          UNION ALL SELECT hour, '', '', ${histogram} FROM scored GROUP BY hour)`,
    });
    await client.command({ query: `OPTIMIZE TABLE states_${bins} FINAL` });
    const [size] = await rows<{ n: string; compressed: string; uncompressed: string; filled: number }>(
      client,
      `SELECT (SELECT count() FROM states_${bins}) AS n, (SELECT avg(length(score_bins)) FROM states_${bins}) AS filled,
         sum(data_compressed_bytes) AS compressed, sum(data_uncompressed_bytes) AS uncompressed
       FROM system.columns WHERE database = currentDatabase() AND table = {t:String} AND name IN ('score_bins', 'bin_positives', 'bin_negatives')`,
      { t: `states_${bins}` },
    );
    // The service's own formula (score-histograms.ts) over the same summed histograms.
    const auc = histogramAuc('h');
    const [daily, dailyMs] = await timed(() =>
      rows<{ country: string; auc: number; bound: number }>(
        client,
        `SELECT value AS country,
           ${auc.value} AS auc, ${auc.bound} AS bound
         FROM (SELECT value, ${HISTOGRAM_SUM} AS h FROM states_${bins} WHERE field = 'country' GROUP BY value)`,
        {},
      ),
    );
    const errors = daily.map((r) => Math.abs(Number(r.auc) - exactOf.get(r.country)!));
    const bounds = daily.map((r) => Number(r.bound));
    const outside = daily.filter((r, i) => errors[i]! > bounds[i]! + 1e-12).length;
    const [n, compressed, uncompressed] = [Number(size!.n), Number(size!.compressed), Number(size!.uncompressed)];
    console.log(
      `${String(bins).padStart(5)} bins: ${n} state rows, ${Number(size!.filled).toFixed(0)} bins filled a row, ` +
        `${(uncompressed / n).toFixed(0)} B a row uncompressed, ${(compressed / n).toFixed(0)} B compressed (${(compressed / 1e6).toFixed(2)} MB a day); ` +
        `daily ROC AUC per country: bound max ${Math.max(...bounds).toExponential(2)}, error max ${Math.max(...errors).toExponential(2)}, outside the bound ${outside}; read ${dailyMs.toFixed(0)} ms (exact over the rows / this: ${(exactMs / dailyMs).toFixed(1)})`,
    );
    if (outside > 0) throw new Error(`${bins} bins: ${outside} errors outside their bound`);
  }
} finally {
  await client.close();
  dir.remove();
}
