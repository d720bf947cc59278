import { describe, expect, it } from 'vitest';
import { splitByHours } from './drift-key-lists.ts';

const H = 3_600_000;
const w = (fromMs: number, toMs: number) => ({ fromMs, toMs });

describe('splitByHours', () => {
  it('keeps whole hours apart from the parts of hours a window cuts', () => {
    expect(splitByHours([w(H / 2, 3 * H + 60_000)])).toEqual({ whole: [w(H, 3 * H)], parts: [w(H / 2, H), w(3 * H, 3 * H + 60_000)] });
    expect(splitByHours([w(2 * H, 5 * H)])).toEqual({ whole: [w(2 * H, 5 * H)], parts: [] });
  });

  it('leaves a window inside one hour, or across a boundary without a whole hour, to the rows', () => {
    expect(splitByHours([w(H + 1, 2 * H - 1)])).toEqual({ whole: [], parts: [w(H + 1, 2 * H - 1)] });
    expect(splitByHours([w(H + 10, 2 * H + 10)])).toEqual({ whole: [], parts: [w(H + 10, 2 * H + 10)] });
  });

  it('merges overlapping and touching windows first, and ignores empty ones', () => {
    expect(splitByHours([w(3 * H, 5 * H), w(0, H / 2), w(H / 2, 4 * H), w(7 * H, 7 * H)])).toEqual({ whole: [w(0, 5 * H)], parts: [] });
    expect(splitByHours([w(0, H), w(2 * H, 3 * H)])).toEqual({ whole: [w(0, H), w(2 * H, 3 * H)], parts: [] });
  });
});
