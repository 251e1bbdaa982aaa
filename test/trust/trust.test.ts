import { describe, expect, it } from 'vitest';
import {
  claimOutcome,
  DEFAULT_TIER_WEIGHTS,
  initialReputation,
  posteriorMean,
  priorFor,
  trustConfig,
  trustFor,
  updateReputation,
  type Reputation,
} from '../../src/analyze/trust/index.js';

const cfg = trustConfig();
const repeat = (rep: Reputation, outcome: 'confirmed' | 'faded', n: number) => {
  let r = rep;
  for (let i = 0; i < n; i++) r = updateReputation(r, outcome, cfg);
  return r;
};

describe('tier weights', () => {
  it('has the standard defaults', () => {
    expect(DEFAULT_TIER_WEIGHTS).toEqual({
      official: 1.0,
      'provider-account': 0.95,
      staff: 0.8,
      news: 0.7,
      'first-party': 0.6,
      community: 0.5,
      public: 0.35,
      unknown: 0.2,
    });
    for (const [tier, w] of Object.entries(DEFAULT_TIER_WEIGHTS)) expect(trustFor(tier, null, null, cfg)).toBe(w);
  });

  it('config overrides a tier and may add tiers; an unknown tier weighs as `unknown`', () => {
    const c = trustConfig({ tiers: { news: 0.6, partner: 0.75, unknown: 0.1 } });
    expect(trustFor('news', 'reuters', null, c)).toBe(0.6);
    expect(trustFor('partner', null, null, c)).toBe(0.75);
    expect(trustFor('never-heard-of-it', null, null, c)).toBe(0.1);
    expect(trustFor('public', null, null, c)).toBe(0.35);
  });
});

describe('per-author overrides', () => {
  const c = trustConfig({
    authors: [
      { author: '@Some_SRE', weight: 0.8 },
      { author: 'awsstatus_bot', tier: 'news' },
    ],
  });

  it('a pinned weight wins over tier and reputation, whatever the spelling of the name', () => {
    const bad = repeat(initialReputation(priorFor('public', c)), 'faded', 50);
    expect(trustFor('public', 'some_sre', bad, c)).toBe(0.8);
    expect(trustFor('public', '@SOME_SRE', null, c)).toBe(0.8);
  });

  it('a tier override moves the author to that tier', () => {
    expect(trustFor('public', 'awsstatus_bot', null, c)).toBe(0.7);
    expect(trustFor('public', 'someone_else', null, c)).toBe(0.35);
  });
});

describe('learned reputation (bounded Beta update)', () => {
  const prior = priorFor('public', cfg);

  it('an author with no record, or at the prior, is worth exactly the tier weight', () => {
    expect(trustFor('public', 'alice', null, cfg)).toBe(0.35);
    expect(trustFor('public', 'alice', initialReputation(prior), cfg)).toBeCloseTo(0.35);
  });

  it('confirmed claims add to α, faded ones to β', () => {
    expect(updateReputation({ alpha: 2, beta: 2 }, 'confirmed')).toEqual({ alpha: 3, beta: 2 });
    expect(updateReputation({ alpha: 2, beta: 2 }, 'faded')).toEqual({ alpha: 2, beta: 3 });
  });

  it('moves weight up with confirmed claims and down with faded ones', () => {
    const good = repeat(initialReputation(prior), 'confirmed', 2);
    const bad = repeat(initialReputation(prior), 'faded', 2);
    expect(trustFor('public', 'a', good, cfg)).toBeGreaterThan(0.35);
    expect(trustFor('public', 'a', bad, cfg)).toBeLessThan(0.35);
  });

  it('stays within [0.5×, 1.5×] of the tier weight, and within [0, 1]', () => {
    const best = repeat(initialReputation(prior), 'confirmed', 1000);
    const worst = repeat(initialReputation(prior), 'faded', 1000);
    expect(trustFor('public', 'a', best, cfg)).toBeCloseTo(0.35 * 1.5);
    expect(trustFor('public', 'a', worst, cfg)).toBeCloseTo(0.35 * 0.5);
    expect(trustFor('provider-account', 'a', best, cfg)).toBe(1);
    expect(trustFor('official', 'a', best, cfg)).toBe(1);
    expect(trustFor('unknown', 'a', worst, cfg)).toBeGreaterThan(0);
  });

  it('caps the pseudo-counts so a long record can still change', () => {
    const veteran = repeat(initialReputation(prior), 'confirmed', 500);
    expect(veteran.alpha + veteran.beta).toBeCloseTo(100);
    // Uncapped, 500 straight successes would need ~500 failures to flip; capped, ~70 do.
    expect(posteriorMean(repeat(veteran, 'faded', 80))).toBeLessThan(0.5);
    expect(posteriorMean(repeat(veteran, 'faded', 40))).toBeGreaterThan(0.5);
  });

  it('a per-tier prior changes how fast the weight moves, not where it starts', () => {
    const c = trustConfig({ priors: { news: { alpha: 18, beta: 2 } } });
    const start = initialReputation(priorFor('news', c));
    expect(trustFor('news', 'x', start, c)).toBeCloseTo(0.7);
    expect(trustFor('news', 'x', updateReputation(start, 'faded', c), c)).toBeGreaterThan(0.6);
    expect(priorFor('public', c)).toEqual({ alpha: 2, beta: 2 });
  });
});

describe('claim outcome of a closed incident', () => {
  it('confirmed when the provider confirmed, faded when nothing official came, nothing while open', () => {
    expect(claimOutcome({ status: 'resolved', confirmed_at: '2017-02-28T18:00:00.000Z' })).toBe('confirmed');
    expect(claimOutcome({ status: 'faded', confirmed_at: null })).toBe('faded');
    expect(claimOutcome({ status: 'faded', confirmed_at: '2017-02-28T18:00:00.000Z' })).toBe('confirmed');
    expect(claimOutcome({ status: 'confirmed', confirmed_at: '2017-02-28T18:00:00.000Z' })).toBeNull();
    expect(claimOutcome({ status: 'suspected', confirmed_at: null })).toBeNull();
  });
});
