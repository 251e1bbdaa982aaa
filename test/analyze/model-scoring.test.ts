import { describe, expect, it } from 'vitest';
import type { CorpusRow } from '../../src/analyze/classifier/corpus.js';
import { encode } from '../../src/analyze/classifier/dataset.js';
import { LinearModel, modelSchema } from '../../src/analyze/classifier/model.js';
import { probabilityOf, toModelFile, trainProcedure, type TrainConfig } from '../../src/analyze/classifier/train.js';

/**
 * The model file scores a text exactly as training scored its encoded document: the same
 * normalisation and the same value of a character n-gram (gram_weight), or the threshold chosen
 * in training would not mean what it says at inference.
 */
const texts: Array<[string, 0 | 1]> = [
  ['Slack is down for everyone', 1],
  ['is github down? pushes keep failing with 503', 1],
  ['my wifi is out again, no internet since this morning', 1],
  ['Target.com sees Cyber Monday outages', 1],
  ['Periscope goes down during the keynote', 1],
  ['cannot log in to the banking app, it says something went wrong', 1],
  ['Stripe announces new pricing for startups', 0],
  ['the party last night was down bad lol', 0],
  ['Blab shuts down, founders promise a new app', 0],
  ['loving the new update, works great', 0],
  ['power cut on our street, candles out', 0],
  ['Overstock down 6% on quarterly earnings', 0],
];
const rows: CorpusRow[] = texts.map(([text, label], i) => ({
  id: `t${i}`,
  text,
  label,
  origin: `hand-written:test:${i}`,
  group: `g${i % 6}`,
  split: 'train',
  register: 'social',
}));

describe('model file scoring', () => {
  const configs: TrainConfig[] = [
    { algorithm: 'logistic-regression', minDf: 1, socialPositiveWeight: 1, lambda: 1e-5, epochs: 8 },
    { algorithm: 'logistic-regression', minDf: 1, socialPositiveWeight: 1, lambda: 1e-5, epochs: 8, normalize: 'sqrt-count' },
    { algorithm: 'logistic-regression', minDf: 1, socialPositiveWeight: 1, lambda: 1e-5, epochs: 8, normalize: 'sqrt-count', gramWeight: 0.1 },
  ];
  for (const config of configs) {
    it(`gives the training probabilities back: ${JSON.stringify({ normalize: config.normalize, gramWeight: config.gramWeight })}`, () => {
      const data = encode(rows);
      const members = rows.map((_, i) => i);
      const t = trainProcedure(config, data, members, 3);
      const file = modelSchema.parse(toModelFile(t, data, { corpusSha256: 'test', rows: rows.length, positives: 6, selection: [] }));
      expect(file.gram_weight).toBe(config.gramWeight);
      const model = new LinearModel(file);
      for (let i = 0; i < rows.length; i++) expect(model.probability(rows[i].text)).toBeCloseTo(probabilityOf(t, data, i), 4);
    });
  }

  it('counts a character n-gram at gram_weight in the explanation too', () => {
    const data = encode(rows);
    const t = trainProcedure(
      configs[2],
      data,
      rows.map((_, i) => i),
      3,
    );
    const file = modelSchema.parse(toModelFile(t, data, { corpusSha256: 'test', rows: rows.length, positives: 6, selection: [] }));
    const full = new LinearModel({ ...file, gram_weight: undefined });
    const tenth = new LinearModel(file);
    const spelling = (m: LinearModel) => m.explain('Slack is down for everyone', 50).find((f) => f.kind === 'spelling' && f.feature === 'down');
    expect(spelling(full)?.weight).toBeCloseTo((spelling(tenth)?.weight ?? 0) * 10, 2);
  });
});
