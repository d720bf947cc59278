import { describe, expect, it } from 'vitest';
import { PREDICTION_COLUMNS, predictionLine } from '@tideline/contracts';
import type { SourcedLine } from './batch-read.ts';
import { featuresOf, predictionRow } from './rows.ts';
import type { PredictionRecord } from '@tideline/contracts';
import { batchToken, progressOf } from './writer.ts';

const prediction = {
  kind: 'prediction' as const,
  project: 'p',
  model: 'm',
  modelVersion: 'v1',
  id: 'x',
  task: 'MULTICLASS' as const,
  timestamp: 1000,
  receivedAt: 2000,
  features: { n: 1.5, s: 'de', b: false, z: null },
  tags: { device: 'ios' },
  output: { probabilities: { a: 0.7, b: 0.3 }, predictedClass: 'a' },
  label: { class: 'b' },
};

describe('rows', () => {
  it('splits features by type and keeps nulls apart', () => {
    const row = predictionRow(prediction);
    expect(row).toMatchObject({ features_num: { n: 1.5 }, features_str: { s: 'de' }, features_bool: { b: false }, features_null: ['z'] });
    expect(featuresOf(row)).toEqual(prediction.features);
  });

  it('keeps a feature named __proto__ like any other (JSON.parse makes it an own property)', () => {
    const features = JSON.parse('{"__proto__": 5, "constructor": "c"}') as Record<string, number | string>;
    const row = predictionRow({ ...prediction, features });
    expect(JSON.parse(JSON.stringify(row.features_num))).toEqual(JSON.parse('{"__proto__": 5}'));
    expect(JSON.stringify(row.features_num)).toBe('{"__proto__":5}');
    expect(row.features_str).toEqual(Object.assign(Object.create(null), { constructor: 'c' }));
  });

  it('maps output and an inline label to nullable columns, versioned by arrival', () => {
    expect(predictionRow(prediction)).toMatchObject({
      score: null,
      value: null,
      predicted_class: 'a',
      probabilities: { a: 0.7, b: 0.3 },
      inline_label_class: 'b',
      inline_label_positive: null,
      ts: 1000,
      version: 2000,
    });
  });
});

describe('lines', () => {
  it("hold the row's values in PREDICTION_COLUMNS order, whatever the names and values", () => {
    const odd = JSON.parse('{"__proto__": 5, "constructor": "c", "q\\"uote": "é😀\\n", "big": 1e21, "neg": -0.5, "t": true, "z": null}') as PredictionRecord['features'];
    for (const record of [prediction, { ...prediction, features: odd, tags: {}, label: undefined }, { ...prediction, output: { score: 0.25 }, label: { positive: false } }]) {
      const row = predictionRow(record) as unknown as Record<string, unknown>;
      const values = JSON.parse(predictionLine(record)) as unknown[];
      expect(Object.fromEntries(PREDICTION_COLUMNS.map((c, i) => [c, values[i]]))).toEqual(JSON.parse(JSON.stringify(PREDICTION_COLUMNS.reduce((o, c) => ({ ...o, [c]: row[c] }), {}))));
    }
  });
});

describe('writer helpers', () => {
  it('derives the same token from the same sequences only', () => {
    expect(batchToken([1, 2, 3])).toBe(batchToken([1, 2, 3]));
    expect(batchToken([1, 2, 3])).not.toBe(batchToken([1, 2, 4]));
  });

  it('counts records per (project, model)', () => {
    const item = (model: string): SourcedLine => ({ line: predictionLine({ ...prediction, model }), model, source: { project: 'p', seq: 1, position: 0, record: '' } });
    const p = item('m');
    expect(progressOf([p, p, item('other')], [item('m')])).toEqual([
      { project: 'p', model: 'm', predictions: 2, feedback: 1 },
      { project: 'p', model: 'other', predictions: 1, feedback: 0 },
    ]);
  });
});
