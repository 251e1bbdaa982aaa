import { describe, expect, it } from 'vitest';
import { nextPollDelay, shouldPause } from '../../src/fetch/next-poll.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const middle = { random: () => 0.5 }; // no jitter

describe('nextPollDelay', () => {
  it('when all is well, then the interval', () => {
    expect(nextPollDelay({ intervalMs: 5 * MIN }, middle)).toBe(5 * MIN);
  });

  it('when the server caches longer than the interval, then its max-age', () => {
    expect(nextPollDelay({ intervalMs: MIN, cacheMaxAgeMs: 10 * MIN }, middle)).toBe(10 * MIN);
    expect(nextPollDelay({ intervalMs: 10 * MIN, cacheMaxAgeMs: MIN }, middle)).toBe(10 * MIN);
  });

  it('when fetches keep failing, then interval × 2^failures, capped at 1 h', () => {
    expect(nextPollDelay({ intervalMs: MIN, consecutiveFailures: 1 }, middle)).toBe(2 * MIN);
    expect(nextPollDelay({ intervalMs: MIN, consecutiveFailures: 3 }, middle)).toBe(8 * MIN);
    expect(nextPollDelay({ intervalMs: MIN, consecutiveFailures: 10 }, middle)).toBe(HOUR);
    expect(nextPollDelay({ intervalMs: MIN, consecutiveFailures: 10_000 }, middle)).toBe(HOUR);
  });

  it('when the interval is already longer than the back-off cap, then failures do not shorten it', () => {
    expect(nextPollDelay({ intervalMs: 2 * HOUR, consecutiveFailures: 4 }, middle)).toBe(2 * HOUR);
  });

  it('when jitter is drawn, then it moves the delay by at most ±10 %', () => {
    expect(nextPollDelay({ intervalMs: 10 * MIN }, { random: () => 0 })).toBe(9 * MIN);
    expect(nextPollDelay({ intervalMs: 10 * MIN }, { random: () => 0.999999 })).toBeCloseTo(11 * MIN, -1);
    expect(nextPollDelay({ intervalMs: 10 * MIN }, { random: () => 0.75 })).toBe(10.5 * MIN);
  });

  it('when Retry-After is set, then the poll waits at least that long, jitter never earlier', () => {
    expect(nextPollDelay({ intervalMs: MIN, retryAfterMs: 5 * MIN }, { random: () => 0 })).toBe(5 * MIN);
    expect(nextPollDelay({ intervalMs: MIN, retryAfterMs: 5 * MIN }, { random: () => 0.75 })).toBe(5.25 * MIN);
  });

  it('when inputs are extreme, then the delay is clamped', () => {
    expect(nextPollDelay({ intervalMs: 0 }, middle)).toBe(10_000);
    expect(nextPollDelay({ intervalMs: MIN, cacheMaxAgeMs: 365 * 24 * HOUR }, middle)).toBe(6 * HOUR);
    expect(nextPollDelay({ intervalMs: MIN, retryAfterMs: 30 * 24 * HOUR }, { ...middle, maxDelayMs: 2 * HOUR })).toBe(2 * HOUR);
    expect(nextPollDelay({ intervalMs: 1000 }, { ...middle, minDelayMs: 500 })).toBe(1000);
  });
});

describe('shouldPause', () => {
  it('when a source failed to parse 5 times in a row, then pause it', () => {
    expect(shouldPause(0)).toBe(false);
    expect(shouldPause(4)).toBe(false);
    expect(shouldPause(5)).toBe(true);
    expect(shouldPause(2, 2)).toBe(true);
  });
});
