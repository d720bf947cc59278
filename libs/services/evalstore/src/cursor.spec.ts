import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';

describe('cursor', () => {
  it('round-trips (timestamp, id, model version)', () => {
    const cursor = { tsMs: 1767225600123, id: 'a/b c:ü', modelVersion: 'v2-shadow' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('rejects anything it did not produce', () => {
    expect(() => decodeCursor('garbage')).toThrow(/after is not a cursor/);
    expect(() => decodeCursor(Buffer.from('[1.5,"x","v"]').toString('base64url'))).toThrow(/not a cursor/);
  });
});
