import { describe, expect, it } from 'vitest';
import { FieldCatalog } from './field-catalog.ts';
import type { PredictionRow } from './rows.ts';

const row = (model: string, tags: Record<string, string>, features_num: Record<string, number>, features_null: string[] = []) =>
  ({ project: 'p', model, tags, features_num, features_str: {}, features_bool: {}, features_null }) as unknown as PredictionRow;

describe('FieldCatalog', () => {
  it('returns each (model, kind, name) once per process', () => {
    const catalog = new FieldCatalog();
    expect(catalog.unseen([row('m', { country: 'BR' }, { x: 1 }), row('m', { country: 'US' }, { x: 2 }, ['y'])])).toEqual([
      { project: 'p', model: 'm', kind: 'tags', name: 'country' },
      { project: 'p', model: 'm', kind: 'features', name: 'x' },
      { project: 'p', model: 'm', kind: 'features', name: 'y' },
    ]);
    expect(catalog.unseen([row('m', { country: 'DE' }, { x: 3 })])).toEqual([]);
    expect(catalog.unseen([row('other', { country: 'DE' }, {})])).toEqual([{ project: 'p', model: 'other', kind: 'tags', name: 'country' }]);
  });
});
