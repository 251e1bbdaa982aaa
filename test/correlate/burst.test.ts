import { describe, expect, it } from 'vitest';
import {
  advanceTo,
  burstAt,
  DEFAULT_BURST_CONFIG,
  emptyBurstState,
  hourOfWeek,
  recordComplaint,
  thresholdFor,
  type BurstState,
} from '../../src/correlate/burst.js';
import { at, claim, Harness, MIN } from './helpers.js';

const BUCKET = DEFAULT_BURST_CONFIG.bucketMs;

function complaints(state: BurstState, start: number, n: number): BurstState {
  let s = state;
  for (let i = 0; i < n; i++) s = recordComplaint(s, start + Math.floor((i * BUCKET) / Math.max(n, 1)));
  return s;
}

describe('burst detection', () => {
  const t0 = at('17:35'); // a bucket boundary

  it('with no baseline, the floor decides: 4 complaints in 5 min is not a burst, 5 is', () => {
    expect(burstAt(complaints(emptyBurstState(), t0, 4), t0 + 4 * MIN).burst).toBe(false);
    const five = burstAt(complaints(emptyBurstState(), t0, 5), t0 + 4 * MIN);
    expect(five).toMatchObject({ burst: true, count: 5, expected: 0, threshold: 5 });
  });

  it('learns the normal level of each hour of the week', () => {
    // Two weeks of a steady 10 complaints per bucket, every hour.
    let s = emptyBurstState();
    const start = at('00:00', '2017-02-12');
    for (let b = 0; b < 2 * 7 * 24 * 12; b++) s = complaints(s, start + b * BUCKET, 10);
    const now = start + 2 * 7 * 24 * 12 * BUCKET;
    const th = thresholdFor(advanceTo(s, now), now);
    expect(th).toBeGreaterThan(15);
    expect(th).toBeLessThan(25);
    expect(burstAt(complaints(s, now, 12), now + 4 * MIN).burst).toBe(false);
    expect(burstAt(complaints(s, now, 30), now + 4 * MIN).burst).toBe(true);
  });

  it('a busy hour learned on Mondays does not raise the threshold on Sundays', () => {
    let s = emptyBurstState();
    const monday9 = at('09:00', '2017-02-06');
    for (let week = 0; week < 4; week++) {
      for (let b = 0; b < 12; b++) s = complaints(s, monday9 + week * 7 * 24 * 60 * MIN + b * BUCKET, 20);
    }
    const later = monday9 + 4 * 7 * 24 * 60 * MIN;
    s = advanceTo(s, later);
    expect(thresholdFor(s, later)).toBeGreaterThan(20);
    expect(thresholdFor(s, later - 29 * 60 * MIN)).toBe(5); // Sunday 04:00
  });

  it('an outage does not teach the baseline that outages are normal', () => {
    let s = complaints(emptyBurstState(), t0, 500);
    s = advanceTo(s, t0 + 7 * 24 * 60 * MIN);
    expect(s.mean[hourOfWeek(t0)]!).toBeLessThanOrEqual(0.5 + 1e-9); // capped at threshold 5, α 0.1
  });

  it('a burst still shows in the first minutes of the next bucket, then ends', () => {
    const s = complaints(emptyBurstState(), t0, 6);
    expect(burstAt(s, t0 + BUCKET + MIN).burst).toBe(true);
    expect(burstAt(s, t0 + 2 * BUCKET + MIN).burst).toBe(false);
  });

  it('is pure: the state passed in is not changed', () => {
    const s = complaints(emptyBurstState(), t0, 3);
    const copy = JSON.parse(JSON.stringify(s)) as BurstState;
    recordComplaint(s, t0 + 3 * BUCKET);
    burstAt(s, t0 + 10 * BUCKET);
    expect(s).toEqual(copy);
  });

  it('late complaints count in the current bucket', () => {
    let s = recordComplaint(emptyBurstState(), t0 + BUCKET);
    s = recordComplaint(s, t0);
    expect(s.count).toBe(2);
    expect(s.bucketStart).toBe(t0 + BUCKET);
  });

  it('hour of week is UTC, Sunday 00:00 = 0', () => {
    expect(hourOfWeek(Date.parse('2017-02-26T00:30:00Z'))).toBe(0);
    expect(hourOfWeek(Date.parse('2017-02-28T17:38:00Z'))).toBe(2 * 24 + 17);
  });

  it('a burst corroborates an incident of posts too weak to corroborate by themselves', () => {
    const weak = (i: number) => claim({ at: t0 + i * 20_000, tier: 'unknown', probability: 0.8 });
    const without = new Harness({ burst: false });
    const withBurst = new Harness({ burst: true });
    for (let i = 0; i < 5; i++) {
      without.feed(weak(i), t0 + i * 20_000);
      withBurst.feed(weak(i), t0 + i * 20_000);
    }
    expect(without.all()[0]!.status).toBe('suspected'); // 5 × 0.16 = 0.8 < 0.9
    expect(withBurst.all()[0]!.status).toBe('corroborated');
    expect(withBurst.all()[0]!.severity).toBe('major');
  });
});
