import { open, type FileHandle } from 'node:fs/promises';
import { MISSING_ID, type ColumnRegistry } from './columns.ts';
import type { RowSource } from './types.ts';

/**
 * A split spilled to disk as encoded columns, so epochs re-read a local file
 * instead of re-downloading and nothing holds the split as JS objects. A
 * chunk is [rows, numeric columns, categorical columns, 0] as Int32, then
 * each numeric column (Float32, NaN = missing), each categorical column
 * (Int32 dictionary ids), the labels and the weights (Float32). A chunk
 * written before a feature first appeared has fewer columns: the reader
 * sees that feature as missing.
 */
export interface SpillChunk {
  rows: number;
  numeric: Float32Array[];
  categorical: Int32Array[];
  labels: Float32Array;
  weights: Float32Array;
}
export interface SpillFile {
  path: string;
  chunks: { offset: number; bytes: number; rows: number }[];
  rows: number;
  /** Rows whose label or weight does not fit the task. */
  skipped: number;
  /** Time spent awaiting the row source. */
  waitMs: number;
}

class ChunkBuilder {
  numeric: Float32Array[] = [];
  categorical: Int32Array[] = [];
  labels: Float32Array;
  weights: Float32Array;
  rows = 0;
  constructor(readonly capacity: number) {
    this.labels = new Float32Array(capacity);
    this.weights = new Float32Array(capacity);
  }
  numericColumn(i: number) {
    while (this.numeric.length <= i) this.numeric.push(new Float32Array(this.capacity).fill(NaN));
    return this.numeric[i]!;
  }
  categoricalColumn(i: number) {
    while (this.categorical.length <= i) this.categorical.push(new Int32Array(this.capacity).fill(MISSING_ID));
    return this.categorical[i]!;
  }
  /** The chunk's bytes; the builder is emptied for the next chunk. */
  take(): Uint8Array {
    const n = this.rows;
    const parts: ArrayBufferView[] = [new Int32Array([n, this.numeric.length, this.categorical.length, 0])];
    for (const c of this.numeric) parts.push(c.subarray(0, n));
    for (const c of this.categorical) parts.push(c.subarray(0, n));
    parts.push(this.labels.subarray(0, n), this.weights.subarray(0, n));
    const bytes = Buffer.concat(parts.map((p) => new Uint8Array(p.buffer, p.byteOffset, p.byteLength)));
    this.numeric.forEach((c) => c.fill(NaN));
    this.categorical.forEach((c) => c.fill(MISSING_ID));
    this.rows = 0;
    return bytes;
  }
}

/** Streams `source` once into `path`, encoding each row through `registry` (which gathers the train split's statistics unless frozen). */
export async function spillSplit(source: RowSource, registry: ColumnRegistry, path: string, chunkRows: number, signal?: AbortSignal): Promise<SpillFile> {
  const file: SpillFile = { path, chunks: [], rows: 0, skipped: 0, waitMs: 0 };
  const builder = new ChunkBuilder(chunkRows);
  const handle = await open(path, 'w');
  let offset = 0;
  const flush = async () => {
    if (builder.rows === 0) return;
    const rows = builder.rows;
    const bytes = builder.take();
    await handle.write(bytes, 0, bytes.length, offset);
    file.chunks.push({ offset, bytes: bytes.length, rows });
    offset += bytes.length;
  };
  try {
    const iterator = source()[Symbol.asyncIterator]();
    for (;;) {
      const waited = performance.now();
      const next = await iterator.next();
      file.waitMs += performance.now() - waited;
      if (next.done) break;
      signal?.throwIfAborted();
      for (const row of next.value) {
        const label = registry.label(row);
        if (label === undefined) {
          file.skipped++;
          continue;
        }
        const r = builder.rows;
        for (const name in row.features) {
          const value = row.features[name];
          const column = registry.column(name, value);
          if (!column) continue;
          if (column.kind === 'categorical') builder.categoricalColumn(column.index)[r] = registry.categoryId(registry.categorical[column.index]!, value);
          else builder.numericColumn(column.index)[r] = registry.numericValue(registry.numeric[column.index]!, value);
        }
        builder.labels[r] = label;
        builder.weights[r] = row.weight;
        builder.rows++;
        file.rows++;
        if (builder.rows === chunkRows) await flush();
      }
    }
    await flush();
  } finally {
    await handle.close();
  }
  return file;
}

async function readChunk(handle: FileHandle, entry: SpillFile['chunks'][number]): Promise<SpillChunk> {
  const bytes = new Uint8Array(entry.bytes);
  await handle.read(bytes, 0, entry.bytes, entry.offset);
  const [rows, numeric, categorical] = new Int32Array(bytes.buffer, 0, 4) as unknown as [number, number, number];
  let at = 16;
  const floats = () => {
    const view = new Float32Array(bytes.buffer, at, rows);
    at += rows * 4;
    return view;
  };
  const num = Array.from({ length: numeric }, floats);
  const cat = Array.from({ length: categorical }, () => {
    const view = new Int32Array(bytes.buffer, at, rows);
    at += rows * 4;
    return view;
  });
  return { rows, numeric: num, categorical: cat, labels: floats(), weights: floats() };
}

/**
 * The chunks of a spill file in `order`, each read while the one before is
 * being used (one chunk of read-ahead); `onWait` gets the time the consumer
 * waited for a chunk that was not ready yet.
 */
export async function* readChunks(file: SpillFile, order: readonly number[], onWait: (ms: number) => void): AsyncGenerator<SpillChunk> {
  const handle = await open(file.path, 'r');
  let pending = order.length > 0 ? readChunk(handle, file.chunks[order[0]!]!) : undefined;
  try {
    for (let i = 0; pending; i++) {
      const waited = performance.now();
      const chunk = await pending;
      onWait(performance.now() - waited);
      pending = i + 1 < order.length ? readChunk(handle, file.chunks[order[i + 1]!]!) : undefined;
      yield chunk;
    }
  } finally {
    await pending?.catch(() => undefined); // a consumer that stopped early (cancel) leaves a read in flight
    await handle.close();
  }
}
