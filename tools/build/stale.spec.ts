import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStale, newestMtime } from './stale.mjs';

let dir: string;
const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);
const file = (name: string, seconds: number) => {
  const path = join(dir, name);
  writeFileSync(path, name);
  at(path, seconds);
  return path;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stale-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('newestMtime', () => {
  it('is a file’s own, the newest under a directory, undefined when missing', () => {
    mkdirSync(join(dir, 'src/deep'), { recursive: true });
    const a = file('src/a.ts', 1000);
    file('src/deep/b.ts', 3000);
    at(join(dir, 'src/deep'), 500);
    at(join(dir, 'src'), 500);
    expect(newestMtime(a)).toBe(1_000_000);
    expect(newestMtime(join(dir, 'src'))).toBe(3_000_000);
    expect(newestMtime(join(dir, 'gone'))).toBeUndefined();
  });
});

describe('isStale', () => {
  it('is stale when the built file is missing or a source changed after it, fresh otherwise', () => {
    mkdirSync(join(dir, 'src'));
    const source = file('src/a.ts', 1000);
    at(join(dir, 'src'), 1000);
    expect(isStale(join(dir, 'out.js'), [join(dir, 'src')])).toBe(true);
    const built = file('out.js', 2000);
    expect(isStale(built, [join(dir, 'src')])).toBe(false);
    at(source, 3000);
    expect(isStale(built, [join(dir, 'src')])).toBe(true);
    expect(isStale(built, [source])).toBe(true);
  });

  it('takes a missing source as a change unless it is optional', () => {
    const built = file('out.js', 2000);
    const gone = join(dir, 'public');
    expect(isStale(built, [gone])).toBe(true);
    expect(isStale(built, [gone], { optional: [gone] })).toBe(false);
  });
});
