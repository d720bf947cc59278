import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HttpError } from './http-io.ts';
import { parseNdjson } from './ndjson.ts';

const body = (text: string) => Buffer.from(text, 'utf8');

describe('parseNdjson', () => {
  it('reads one record a line, skipping blank lines, with CRLF and surrounding spaces', () => {
    const items = parseNdjson(body('\n{"a":1}\r\n  \n\t{"b":"é"}  \r\n\n\n{"c":3}'), 10);
    expect(items).toEqual([{ value: { a: 1 } }, { value: { b: 'é' } }, { value: { c: 3 } }]);
  });

  it('turns a line that is not JSON into a per-record error at its index', () => {
    const items = parseNdjson(body('{"a":1}\n{"a":\n\n{"a":2}'), 10);
    expect(items[0]).toEqual({ value: { a: 1 } });
    expect(items[1]).toEqual({ parseError: expect.stringContaining('not valid JSON') });
    expect(items[2]).toEqual({ value: { a: 2 } });
  });

  it('counts records, not lines, against the limit', () => {
    expect(parseNdjson(body('\n\n{"a":1}\n\n{"a":2}\n\n'), 2)).toHaveLength(2);
    expect(() => parseNdjson(body('{"a":1}\n{"a":2}\n{"a":3}'), 2)).toThrow(HttpError);
  });

  it('parses a body of blank lines without holding them in memory', () => {
    // 32 MiB of newlines: splitting them into an array of lines takes 256 MB of
    // pointers, far past this child's 64 MB heap; walking the bytes takes none.
    const module = fileURLToPath(new URL('./ndjson.ts', import.meta.url));
    const script = `
      import { parseNdjson } from ${JSON.stringify(module)};
      const body = Buffer.concat([Buffer.alloc(32 * 1024 * 1024, 10), Buffer.from('{"id":"last"}\\n')]);
      process.stdout.write(JSON.stringify(parseNdjson(body, 10)));`;
    const out = execFileSync(process.execPath, ['--max-old-space-size=64', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(JSON.parse(out)).toEqual([{ value: { id: 'last' } }]);
  }, 60_000);
});
