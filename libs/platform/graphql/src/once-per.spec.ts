import { describe, expect, it } from 'vitest';
import { oncePer } from './once-per.ts';

describe('oncePer', () => {
  it('makes once per key object and shares the result; another key gets its own', () => {
    const made: string[] = [];
    const lookup = oncePer((key: { name: string }) => (made.push(key.name), `${key.name}!`));
    const a = { name: 'a' };
    expect([lookup(a), lookup(a), lookup({ name: 'a' })]).toEqual(['a!', 'a!', 'a!']);
    expect(made).toEqual(['a', 'a']); // the second `{ name: 'a' }` is another object
  });

  it('shares a rejected promise too, rather than asking again within the same key', async () => {
    let calls = 0;
    const lookup = oncePer(async (_key: object) => {
      calls++;
      throw new Error('down');
    });
    const key = {};
    await expect(lookup(key)).rejects.toThrow('down');
    await expect(lookup(key)).rejects.toThrow('down');
    expect(calls).toBe(1);
  });
});
