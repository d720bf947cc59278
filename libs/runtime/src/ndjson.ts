import { HttpError } from './http-io.ts';

/** One NDJSON line: its value, or why it is not JSON. */
export type NdjsonItem = { value: unknown } | { parseError: string };

const NEWLINE = 0x0a;
/** Space, tab, CR, vertical tab, form feed: what may surround a record or fill a blank line. */
const isBlank = (byte: number) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);

/**
 * Splits an NDJSON body into records; a line that is not JSON becomes a
 * per-record error. It walks the bytes in place and decodes one line at a
 * time: no copy of the body as a string and no array of lines, so a body
 * of nothing but newlines costs no memory.
 */
export function parseNdjson(body: Buffer, maxRecords: number): NdjsonItem[] {
  const items: NdjsonItem[] = [];
  let pos = 0;
  while (pos < body.length) {
    // Skip blank stretches byte by byte; a line with content ends at the next newline.
    if (isBlank(body[pos]!)) {
      pos++;
      continue;
    }
    let end = body.indexOf(NEWLINE, pos);
    if (end === -1) end = body.length;
    if (items.length === maxRecords) throw new HttpError('TOO_MANY_RECORDS', `a request may carry at most ${maxRecords} records; split the batch`);
    try {
      items.push({ value: JSON.parse(body.toString('utf8', pos, end)) });
    } catch (err) {
      items.push({ parseError: `not valid JSON: ${(err as Error).message}` });
    }
    pos = end + 1;
  }
  return items;
}

