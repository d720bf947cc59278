import { createHash } from 'node:crypto';
import type { Task } from '@tideline/contracts';
import { PublicError } from '@tideline/graphql';
import { LineError, offlineRow, type OfflineRow } from './offline-rows.ts';

/**
 * Reads an offline evaluation's NDJSON body as it streams in: every byte is
 * hashed (the signature covers the body's sha256), every line parsed on its
 * own and checked, and valid rows handed to `sink` in batches, so that a
 * body of millions of rows never sits in memory, as text or as objects.
 */
export const MAX_SLICE_FIELDS = 20;
export const MAX_SLICE_VALUES = 1000;
export const MAX_VARIANTS = 10;
/** Rejections listed in the answer; the rest are only counted. */
export const MAX_REJECTIONS_LISTED = 100;
/** Rows per insert into the scratch table. */
const BATCH_ROWS = 10_000;
/** A longer line is rejected unread: a multiclass row of 1,000 classes is about 40 KiB. */
const MAX_LINE_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

export interface Rejection {
  line: number;
  field: string;
  reason: string;
}

export interface Loaded {
  /** Valid rows stored. */
  rows: number;
  rejected: Rejection[];
  rejectedCount: number;
  /** Variants in the order they first appeared. */
  variants: string[];
  bodySha256: string;
  /** Set when a bound was crossed: nothing is evaluated, the rest of the body was only hashed. */
  refusal?: PublicError;
}

/** The body's lines (the last may lack its newline); null for a line past MAX_LINE_BYTES. */
async function* lines(body: AsyncIterable<Buffer>, onChunk: (chunk: Buffer) => void): AsyncGenerator<Buffer | null> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  const append = (part: Buffer) => {
    if (tooLong || part.length === 0) return;
    size += part.length;
    if (size > MAX_LINE_BYTES) {
      tooLong = true;
      parts = [];
    } else parts.push(part);
  };
  const take = (): Buffer | null => {
    const line = tooLong ? null : Buffer.concat(parts);
    parts = [];
    size = 0;
    tooLong = false;
    return line;
  };
  for await (const chunk of body) {
    onChunk(chunk);
    let pos = 0;
    for (let end = chunk.indexOf(NEWLINE, pos); end !== -1; end = chunk.indexOf(NEWLINE, pos)) {
      append(chunk.subarray(pos, end));
      yield take();
      pos = end + 1;
    }
    append(chunk.subarray(pos));
  }
  if (size > 0 || tooLong) yield take();
}

/** The bounds on distinct variants, slice fields and values per field: past one, the request is refused. */
class Breadth {
  readonly variants = new Set<string>();
  private readonly values = new Map<string, Set<string>>();

  check(row: OfflineRow): PublicError | undefined {
    this.variants.add(row.variant);
    if (this.variants.size > MAX_VARIANTS) return tooMany('variant', `at most ${MAX_VARIANTS} variants per evaluation`);
    for (const [field, value] of Object.entries(row.slices)) {
      let seen = this.values.get(field);
      if (!seen) {
        if (this.values.size === MAX_SLICE_FIELDS) return tooMany('slices', `at most ${MAX_SLICE_FIELDS} slice fields per evaluation; '${field}' would be one more`);
        this.values.set(field, (seen = new Set()));
      }
      seen.add(value);
      if (seen.size > MAX_SLICE_VALUES) return tooMany(`slices.${field}`, `at most ${MAX_SLICE_VALUES} values of one slice field; slice by a coarser field`);
    }
    return undefined;
  }
}

const tooMany = (field: string, message: string) => new PublicError('TOO_MANY_SLICES', message, { field });

const isBlank = (line: Buffer) => line.every((byte) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d));

/**
 * Parses, checks and stores the body's rows. Blank lines are skipped (but
 * numbered); a malformed line is rejected and the others still count. Once
 * a bound is crossed (`maxRows` lines, or the breadth bounds) the rest is
 * hashed but neither parsed nor stored.
 */
export async function loadOfflineRows(body: AsyncIterable<Buffer>, task: Task, maxRows: number, sink: (rows: OfflineRow[]) => Promise<void>): Promise<Loaded> {
  const hash = createHash('sha256');
  const breadth = new Breadth();
  const loaded: Omit<Loaded, 'bodySha256' | 'variants'> = { rows: 0, rejected: [], rejectedCount: 0 };
  let batch: OfflineRow[] = [];
  let lineNumber = 0;
  let counted = 0;
  const reject = (field: string, reason: string) => {
    loaded.rejectedCount++;
    if (loaded.rejected.length < MAX_REJECTIONS_LISTED) loaded.rejected.push({ line: lineNumber, field, reason });
  };
  for await (const line of lines(body, (chunk) => hash.update(chunk))) {
    lineNumber++;
    if (loaded.refusal || (line && isBlank(line))) continue;
    if (++counted > maxRows) {
      loaded.refusal = new PublicError('EVALUATION_TOO_LARGE', `an offline evaluation may hold at most ${maxRows} rows (METRICS_OFFLINE_MAX_ROWS); split it or sample it`, { field: 'body' });
      continue;
    }
    if (!line) {
      reject('line', `is longer than ${MAX_LINE_BYTES} bytes`);
      continue;
    }
    let row: OfflineRow;
    try {
      row = offlineRow(JSON.parse(line.toString('utf8')), task);
    } catch (err) {
      if (err instanceof LineError) reject(err.field, err.message);
      else if (err instanceof SyntaxError) reject('line', `not valid JSON: ${err.message}`);
      else throw err;
      continue;
    }
    loaded.refusal = breadth.check(row);
    if (loaded.refusal) continue;
    batch.push(row);
    loaded.rows++;
    if (batch.length === BATCH_ROWS) {
      await sink(batch);
      batch = [];
    }
  }
  if (batch.length && !loaded.refusal) await sink(batch);
  return { ...loaded, variants: [...breadth.variants], bodySha256: hash.digest('hex') };
}
