/**
 * `npm run bench:train`: the trainer's ML core on the real path. ClickHouse
 * (chDB, in a child process so that its memory is not counted) writes a
 * curation-shaped NDJSON export of a binary problem (20 numeric features,
 * 3 categorical ones of 10, 50 and 1,000 values) to a temporary file; it
 * streams through exportRows → trainModel (MLP, 5 epochs, wasm backend).
 * Printed: rows/s, the share of time waiting for rows, the peak RSS, and
 * ratios measured in the same run to
 *  (a) the ceiling: the same model trained by tfjs's model.fit from one
 *      in-memory tensor of the preprocessed rows (the first
 *      BENCH_CEILING_ROWS rows: a 5M-row matrix would not fit wasm's heap);
 *  (b) the tfjs cpu backend on the same job, over the first BENCH_CPU_ROWS
 *      rows for BENCH_CPU_EPOCHS epochs (rows/s compared).
 * Sizes: BENCH_ROWS, BENCH_VALIDATION_ROWS, BENCH_EPOCHS, BENCH_BATCH.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { tempDir } from '@tideline/testing';
import { buildModel, exportRows, initBackend, parseParams, readSpec, scoringTransform, trainModel, type RowSource, type TrainingRow } from '@tideline/trainer';
import { size } from './sizes.ts';

const ROWS = size('BENCH_ROWS', 1_000_000, 5_000);
const VALIDATION_ROWS = size('BENCH_VALIDATION_ROWS', Math.max(1, Math.round(ROWS / 10)), 1_000);
const EPOCHS = size('BENCH_EPOCHS', 5, 2);
const BATCH = size('BENCH_BATCH', 256, 256);
const CEILING_ROWS = Math.min(ROWS, size('BENCH_CEILING_ROWS', 1_000_000, 5_000));
const CPU_ROWS = Math.min(ROWS, size('BENCH_CPU_ROWS', 100_000, 2_000));
const CPU_EPOCHS = size('BENCH_CPU_EPOCHS', 2, 1);
const SEED = 1;

/** A curation export of `count` rows from `start`: label = linear score of the features + c0's effect + uniform noise > 0. */
function exportSql(start: number, count: number, path: string): string {
  return `SELECT toString(n) AS id, 'v1' AS model_version, toDateTime64('2026-01-01 00:00:00', 3, 'UTC') AS timestamp,
      CAST(mapFromArrays(arrayMap(i -> concat('f', toString(i)), range(20)), fv), 'Map(String, Float64)') AS features_num,
      CAST(map('c0', concat('a', toString(n % 10)), 'c1', concat('b', toString(cityHash64(n, 101) % 50)), 'c2', concat('z', toString(cityHash64(n, 102) % 1000))), 'Map(String, String)') AS features_str,
      CAST(map(), 'Map(String, Bool)') AS features_bool, CAST(map(), 'Map(String, String)') AS tags,
      CAST(NULL, 'Nullable(Float64)') AS score, CAST(map(), 'Map(String, Float64)') AS probabilities, CAST(NULL, 'Nullable(String)') AS predicted_class, CAST(NULL, 'Nullable(Float64)') AS value,
      CAST(arraySum(arrayMap(i -> ((i % 5) - 2) * 0.5 * fv[i + 1], range(20))) + ((n % 10) % 3 - 1) + ((cityHash64(n, 99) % 1000000) / 1000000.0 - 0.5) * 2 > 0, 'Nullable(Bool)') AS label_positive,
      CAST(NULL, 'Nullable(String)') AS label_class, CAST(NULL, 'Nullable(Float64)') AS label_value, 'train' AS split, 1.0 AS weight
    FROM (SELECT number AS n, arrayMap(i -> round((cityHash64(number, i) % 2000000) / 1000000.0 - 1, 4), range(20)) AS fv FROM numbers(${start}, ${count}))
    INTO OUTFILE '${path}' TRUNCATE FORMAT JSONEachRow`;
}

/** chDB in a child process: generating millions of rows must not inflate this process's peak RSS. */
function generate(start: number, count: number, path: string) {
  const code = `import { query } from 'chdb'; query(process.env.SQL, 'CSV');`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], { env: { ...process.env, SQL: exportSql(start, count, path) }, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`generating ${path} failed (exit ${run.status ?? run.signal})`);
}

/** The export file as the trainer receives a download, optionally cut after `limit` rows. */
function source(path: string, limit = Infinity): RowSource {
  return async function* () {
    let left = limit;
    for await (const batch of exportRows(createReadStream(path, { highWaterMark: 1 << 20 }), 'BINARY')) {
      if (left <= 0) return;
      yield batch.length > left ? batch.slice(0, left) : batch;
      left -= batch.length;
    }
  };
}

const dir = tempDir('tideline-bench-train-');
try {
  const trainPath = join(dir.path, 'train.ndjson');
  const validationPath = join(dir.path, 'validation.ndjson');
  let t = performance.now();
  generate(0, ROWS, trainPath);
  generate(ROWS, VALIDATION_ROWS, validationPath);
  const generateMs = performance.now() - t;
  const params = parseParams('MLP', 'BINARY', { epochs: EPOCHS, batchSize: BATCH, patience: 0 });
  const job = (workDir: string, limit = Infinity, epochs = EPOCHS) => ({
    task: 'BINARY' as const, family: 'MLP' as const, params: { ...params, epochs }, seed: SEED,
    train: source(trainPath, limit), validation: source(validationPath, Math.min(limit, VALIDATION_ROWS)), workDir,
  });

  // 1. the streaming path on wasm
  const backend = await initBackend('wasm');
  t = performance.now();
  const streamed = await trainModel(job(join(dir.path, '')));
  const streamedMs = performance.now() - t;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const leftTensors = tf.memory().numTensors; // what the run left allocated: weights are disposed with the model, so ~0
  const endToEnd = (streamed.rows.train * streamed.history.length) / (streamedMs / 1000);

  // 2. the ceiling: model.fit over one in-memory tensor of the same preprocessed rows
  const spec = readSpec(streamed.artifact);
  const transform = scoringTransform(spec);
  const x = new Float32Array(CEILING_ROWS * spec.width);
  const y = new Float32Array(CEILING_ROWS);
  let filled = 0;
  for await (const batch of source(trainPath, CEILING_ROWS)()) {
    x.set(transform(batch.map((r: TrainingRow) => r.features)), filled * spec.width);
    batch.forEach((r: TrainingRow, i: number) => (y[filled + i] = r.label ? 1 : 0));
    filled += batch.length;
  }
  const model = buildModel('MLP', 'BINARY', params, spec.width, 1, SEED);
  model.compile({ optimizer: tf.train.adam(params.learningRate), loss: 'binaryCrossentropy' });
  const [xs, ys] = [tf.tensor2d(x, [CEILING_ROWS, spec.width]), tf.tensor2d(y, [CEILING_ROWS, 1])];
  t = performance.now();
  await model.fit(xs, ys, { batchSize: BATCH, epochs: EPOCHS, shuffle: true, verbose: 0 });
  const ceiling = (CEILING_ROWS * EPOCHS) / ((performance.now() - t) / 1000);
  tf.dispose([xs, ys]);
  model.dispose();

  // 3. the cpu backend on the same job (a subset of rows)
  await initBackend('cpu');
  const cpu = await trainModel(job(join(dir.path, ''), CPU_ROWS, CPU_EPOCHS));
  await initBackend('wasm');

  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  const last = streamed.history.at(-1)!;
  const prior = (streamed.baseline as { score: number }).score;
  const baselineLoss = -(prior * Math.log(prior) + (1 - prior) * Math.log(1 - prior));
  console.log(`
bench:train  (MLP ${JSON.stringify(params.hidden)}, batch ${BATCH}, ${EPOCHS} epochs, ${ROWS.toLocaleString('en-US')} train + ${VALIDATION_ROWS.toLocaleString('en-US')} validation rows, 20 numeric + 3 categorical features → ${spec.width} inputs; data written by ClickHouse in ${n(generateMs)} ms)
  streaming (exportRows → trainModel, backend ${backend}): ${n(streamedMs)} ms in all
    epochs: ${n(streamed.rowsPerSecond)} rows/s   end to end (download pass + epochs): ${n(endToEnd)} rows/s
    waiting for rows: ${(streamed.dataWaitShare * 100).toFixed(1)} % of the wall time   peak RSS: ${n(peakRssMb)} MB (target < 1,500 MB at 5M rows), tensors left: ${leftTensors}
    validation loss ${last.valLoss?.toFixed(4)} (prior's ${baselineLoss.toFixed(4)}), train loss ${last.loss.toFixed(4)}, weights ${streamed.weightsDigest.slice(0, 19)}…
  (a) ceiling: model.fit on one in-memory tensor of ${CEILING_ROWS.toLocaleString('en-US')} preprocessed rows: ${n(ceiling)} rows/s
    streaming / ceiling: epochs ${(streamed.rowsPerSecond / ceiling).toFixed(2)}, end to end ${(endToEnd / ceiling).toFixed(2)}   (target ≥ 0.8)
  (b) tfjs cpu backend, same job on the first ${CPU_ROWS.toLocaleString('en-US')} rows for ${CPU_EPOCHS} epoch(s): ${n(cpu.rowsPerSecond)} rows/s (epochs)
    wasm / cpu: ${(streamed.rowsPerSecond / cpu.rowsPerSecond).toFixed(2)}×   (target ≥ 2.5×)
`);
} finally {
  dir.remove();
}
