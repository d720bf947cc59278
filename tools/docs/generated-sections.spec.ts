import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@tideline/contracts';
import { errorTable, replaceSection } from './generated-sections.ts';

describe('errorTable', () => {
  it('lists every code of the catalog once, in its order, with its status; a | in a doc is escaped', () => {
    const rows = errorTable(ERROR_CODES).split('\n').slice(2);
    expect(rows.map((row) => /^\| `([A-Z_]+)` \|/.exec(row)?.[1])).toEqual(Object.keys(ERROR_CODES));
    expect(rows[0]).toBe(`| \`BAD_USER_INPUT\` | 400 | ${ERROR_CODES.BAD_USER_INPUT.doc} |`);
    expect(errorTable({ X: { status: 418, doc: 'a | b' } })).toContain('| `X` | 418 | a \\| b |');
  });

  it('goes between the errors markers of docs/API.md', () => {
    const doc = 'before\n<!-- generated:errors -->\nold\n<!-- /generated:errors -->\nafter';
    expect(replaceSection(doc, 'errors', 'new')).toBe('before\n<!-- generated:errors -->\nnew\n<!-- /generated:errors -->\nafter');
  });
});
