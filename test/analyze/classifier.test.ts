import { describe, expect, it } from 'vitest';
import { createClassifier, loadClassifier, readModel } from '../../src/analyze/classifier/index.js';
import { features, stem, tokens } from '../../src/analyze/classifier/features.js';
import { fitConfig, sampleWeights } from '../../src/analyze/classifier/train.js';
import { encode, scoreSparse } from '../../src/analyze/classifier/dataset.js';
import { metrics } from '../../src/analyze/classifier/metrics.js';
import type { CorpusRow } from '../../src/analyze/classifier/corpus.js';

describe('features', () => {
  it('tokenises words, handles, hashtags, URLs and numbers', () => {
    expect(tokens("Can't reach https://x.com/a, @AWSSupport @jo #githubdown 503 errors")).toEqual([
      'cant',
      'reach',
      '__url__',
      '__provider_account__',
      '__handle__',
      '__provider__',
      'down',
      '__5xx__',
      'error',
    ]);
  });

  it('memoises Porter stems', () => {
    expect(stem('outages')).toBe('outag');
    expect(stem('outages')).toBe(stem('outages'));
  });

  it('adds bigrams and cue features', () => {
    const f = features('the internet is down');
    expect(f).toContain('internet|is');
    expect(f).toContain('__svcdis__');
    expect(f).toContain('__svc_then_dis__');
    expect(features('power is out, candles lit')).toContain('__power_only__');
    expect(features('Scheduled maintenance on Sunday')).toContain('__maint__');
  });
});

describe('the trained classifier', () => {
  it('loads once and is cached', async () => {
    const a = await loadClassifier();
    const b = await loadClassifier();
    expect(a).toBe(b);
    expect(a.threshold).toBeGreaterThan(0);
    expect(a.threshold).toBeLessThan(1);
  });

  it('separates clear cases', async () => {
    const c = await loadClassifier();
    const outages = [
      'is slack down for anyone else? messages not sending',
      'AWS S3 returning 503s in us-east-1, our whole site is down',
      'We are investigating elevated error rates affecting the API. Some requests are failing.',
      'no internet since the storm, the ISP says there is an outage in our area',
      'GitHub is down, git push fails with a 500 error',
    ];
    const others = [
      'my motivation is down today',
      'this party is down', // the figure of speech cli.md names
      'she is so down to earth',
      'power is out on our street, candles and board games tonight',
      'Scheduled maintenance: the dashboard will be read-only on Sunday from 02:00 to 04:00 UTC.',
      'loving the new Slack huddles feature',
    ];
    for (const t of outages) expect(c.classify(t), t).toMatchObject({ outage: true });
    for (const t of others) expect(c.classify(t), t).toMatchObject({ outage: false });
  });

  it('returns a probability in [0, 1] for any text', async () => {
    const c = await loadClassifier();
    for (const t of ['', '   ', '🔥🔥🔥', 'down '.repeat(5000), 'x'.repeat(10_000), 'İstanbul ÇÖĞÜŞ']) {
      const r = c.classify(t);
      expect(r.probability).toBeGreaterThanOrEqual(0);
      expect(r.probability).toBeLessThanOrEqual(1);
      expect(r.outage).toBe(r.probability >= c.threshold);
    }
  });

  it('refuses a model trained with other features', async () => {
    const file = await readModel();
    expect(() => createClassifier({ ...file, feature_version: file.feature_version + 1 })).toThrow(/retrain/);
  });
});

describe('training', () => {
  const texts: [string, 0 | 1][] = [
    ['slack is down again', 1],
    ['github down, cannot push', 1],
    ['the api returns errors', 1],
    ['internet outage in my area', 1],
    ['lovely weather today', 0],
    ['my motivation is down', 0],
    ['power is out, candles', 0],
    ['pizza tonight with friends', 0],
  ];
  const rows: CorpusRow[] = texts.map(([text, label], i) => ({
    id: `r${i}`,
    text,
    label,
    origin: `hand-written:t.txt:${i}`,
    group: `g${i}`,
    split: 'train',
    register: 'social',
  }));
  const data = encode(rows);
  const all = rows.map((_, i) => i);

  it('compiles naive Bayes to log-odds weights: more outage words, higher score', () => {
    const m = fitConfig({ algorithm: 'naive-bayes', minDf: 1, socialPositiveWeight: 1 }, data, all);
    expect(scoreSparse(m, data.docs[0])).toBeGreaterThan(0);
    expect(scoreSparse(m, data.docs[4])).toBeLessThan(0);
  });

  it('fits every learner deterministically, separating the training rows', () => {
    for (const algorithm of ['logistic-regression', 'linear-svm', 'averaged-perceptron'] as const) {
      const config = { algorithm, minDf: 1, socialPositiveWeight: 1, epochs: 20 };
      const a = fitConfig(config, data, all);
      const b = fitConfig(config, data, all);
      expect([...a.weights]).toEqual([...b.weights]);
      rows.forEach((r, i) => expect(scoreSparse(a, data.docs[i]) > 0, `${algorithm}: ${r.text}`).toBe(r.label === 1));
    }
  });

  it('weighs the positives that are not status-page text as configured', () => {
    const mixed: CorpusRow[] = [
      { ...rows[0], register: 'official' },
      { ...rows[1], register: 'official' },
      { ...rows[2], register: 'official' },
      { ...rows[3], register: 'social' },
      rows[4],
    ];
    const d = encode(mixed);
    const idx = mixed.map((_, i) => i);
    expect(sampleWeights(d, idx, { algorithm: 'naive-bayes', minDf: 1, socialPositiveWeight: 'balanced' })).toEqual([1, 1, 1, 3, 1]);
    expect(sampleWeights(d, idx, { algorithm: 'naive-bayes', minDf: 1, socialPositiveWeight: 2 })).toEqual([1, 1, 1, 2, 1]);
  });

  it('counts precision, recall and F1', () => {
    expect(metrics([1, 1, 0, 0], [true, false, true, false])).toEqual({
      tp: 1,
      fp: 1,
      tn: 1,
      fn: 1,
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
    });
  });
});
