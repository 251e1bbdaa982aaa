import { describe, expect, it } from 'vitest';
import type { FeatureWeight } from '../../src/analyze/classifier/model.js';

// public/ is plain JavaScript checked by tsconfig.public.json; loaded here by path, typed by hand.
const whyModule = '../../public/why.js';
const { featureSummary } = (await import(whyModule)) as { featureSummary: (features: FeatureWeight[] | null) => string };

/** The "why" line under each piece of evidence, as staff read it (public/why.js). */
describe('the features behind a score, in words', () => {
  it('names words, cues, spellings and power-cut words with their signed weights, in the order given', () => {
    expect(
      featureSummary([
        { feature: 'down', kind: 'word', weight: 1.4 },
        { feature: 'power:outag', kind: 'word', weight: -1.2 },
        { feature: '__name_dis__', kind: 'word', weight: 0.5 },
        { feature: 'power:__power_only__', kind: 'word', weight: -0.25 },
        { feature: 'wifi', kind: 'spelling', weight: 0.3 },
      ]),
    ).toBe('down +1.40 · outag (power cut) \u22121.20 · a name before a failure word +0.50 · a power cut only (power cut) \u22120.25 · ~wifi +0.30');
  });

  it('reads cues and bigrams as what the post has, not the model’s shorthand', () => {
    expect(
      featureSummary([
        { feature: '__svc_then_dis__', kind: 'word', weight: 2 },
        { feature: 'rt|__handle__', kind: 'word', weight: -0.5 },
        { feature: 'is|down', kind: 'word', weight: 1 },
        { feature: '__some_new_cue__', kind: 'word', weight: 0.1 },
      ]),
    ).toBe('a service said to fail +2.00 · rt an @account \u22120.50 · is down +1.00 · some new cue +0.10');
  });

  it('says nothing when there are no features', () => {
    expect(featureSummary(null)).toBe('');
    expect(featureSummary([])).toBe('');
  });
});
