import { describe, expect, it } from 'vitest';
import { freshness, impactFactor, rankOf, SEVERITY_WEIGHT } from '../../src/correlate/rank.js';
import { sweep } from '../../src/correlate/sweep.js';
import type { Incident } from '../../src/domain/incident.js';
import { at, chain, claim, MIN } from './helpers.js';

const base = {
  status: 'confirmed' as const,
  severity: 'major' as const,
  confidence: 0.9,
  last_signal_at: '2017-02-28T18:00:00.000Z',
  resolved_at: null,
};

describe('rank = confidence × severity weight × impact factor × freshness', () => {
  it('multiplies the four factors', () => {
    expect(rankOf(base, { affected: 1, total: 4 }, at('18:00'))).toBeCloseTo(0.9 * 0.7 * 1.25 * 1, 4);
    expect(rankOf({ ...base, severity: 'critical' }, null, at('18:00'))).toBeCloseTo(0.9, 4);
    expect(rankOf({ ...base, severity: 'minor' }, null, at('18:00'))).toBeCloseTo(0.36, 4);
  });

  it('severity weights', () => {
    expect(SEVERITY_WEIGHT).toEqual({ minor: 0.4, major: 0.7, critical: 1.0 });
  });

  it('impact factor is 1 + the share of our features affected, in [1, 2]', () => {
    expect(impactFactor(null)).toBe(1);
    expect(impactFactor({ affected: 0, total: 0 })).toBe(1);
    expect(impactFactor({ affected: 0, total: 4 })).toBe(1);
    expect(impactFactor({ affected: 2, total: 4 })).toBe(1.5);
    expect(impactFactor({ affected: 9, total: 4 })).toBe(2);
  });

  it('open incidents halve every 60 min since their last signal', () => {
    expect(freshness(base, at('18:00'))).toBe(1);
    expect(freshness(base, at('19:00'))).toBeCloseTo(0.5);
    expect(freshness(base, at('20:00'))).toBeCloseTo(0.25);
    expect(rankOf(base, null, at('19:00'))).toBeCloseTo(rankOf(base, null, at('18:00')) / 2, 3);
  });

  it('resolved incidents halve every 15 min since the resolution; faded since their last signal', () => {
    const resolved = { ...base, status: 'resolved' as const, last_signal_at: '2017-02-28T18:30:00.000Z', resolved_at: '2017-02-28T18:00:00.000Z' };
    expect(freshness(resolved, at('18:15'))).toBeCloseTo(0.5);
    expect(freshness({ ...base, status: 'faded' }, at('18:30'))).toBeCloseTo(0.25);
  });

  it('a new incident is ranked with the caller-supplied impact', () => {
    const impact = (i: Pick<Incident, 'provider' | 'components'>) => ({ affected: i.components.includes('S3') ? 2 : 0, total: 4 });
    const inc = chain([claim({ at: at('17:40') })], at('17:40'), { impact })!;
    expect(inc.rank).toBeCloseTo(inc.confidence * 0.4 * 1.5, 4);
  });

  it('sweep reports rank changes larger than epsilon and leaves the rest', () => {
    const inc = chain([claim({ at: at('17:40'), tier: 'provider-account' })], at('17:40'))!;
    expect(sweep([inc], at('17:41'))).toEqual([]);
    const [changed] = sweep([inc], at('18:40'));
    expect(changed?.status).toBe('confirmed');
    expect(changed?.rank).toBeCloseTo(inc.rank / 2, 3);
    expect(changed?.updated_at).toBe(new Date(at('18:40')).toISOString());
    const later = sweep([changed!], at('18:40') + 1 * MIN);
    expect(later).toEqual([]);
  });
});
