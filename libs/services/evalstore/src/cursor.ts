import { badInput } from '@tideline/graphql';

/** Position after a prediction in (timestamp, id, model version) order: shadow versions share ids. */
export interface Cursor {
  tsMs: number;
  id: string;
  modelVersion: string;
}

/** Opaque to clients: base64url of JSON, so it survives URLs and logs. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.tsMs, cursor.id, cursor.modelVersion])).toString('base64url');
}

export function decodeCursor(value: string, field = 'after'): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 3 && Number.isInteger(parsed[0]) && typeof parsed[1] === 'string' && typeof parsed[2] === 'string') {
      return { tsMs: parsed[0] as number, id: parsed[1], modelVersion: parsed[2] };
    }
  } catch {
    /* reported below */
  }
  throw badInput(`${field} is not a cursor returned by this API`, field);
}
