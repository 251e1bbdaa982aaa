import { describe, expect, it } from 'vitest';
import { wantsEvent, type FilterFacts } from '../../src/outputs/webhooks/filters.js';
import { testCatalog } from '../helpers/catalog.js';
import { filtersSchema } from '../../src/outputs/webhooks/schemas.js';
import { DEFAULT_RETRY_SCHEDULE_MS, MAX_ATTEMPTS, retryDelayMs } from '../../src/outputs/webhooks/retry-schedule.js';

const facts = (over: Partial<FilterFacts> = {}): FilterFacts => ({
  event: { type: 'opened', status: 'suspected' },
  incident: { provider: 'aws', components: ['S3'], confidence: 0.6 },
  affectsUs: true,
  sentBefore: false,
  ...over,
});
const filters = (f: object) => filtersSchema.parse(f);

describe('filters', () => {
  it('when no filter is set, then every open incident event is wanted', () => {
    expect(wantsEvent(filters({}), facts())).toBe(true);
  });

  it.each([
    ['providers', { providers: ['github'] }, false],
    ['providers', { providers: ['github', 'aws'] }, true],
    ['components (case-insensitive)', { components: ['s3'] }, true],
    ['components', { components: ['Lambda'] }, false],
    ['min_status', { min_status: 'corroborated' }, false],
    ['min_confidence', { min_confidence: 0.7 }, false],
    ['min_confidence', { min_confidence: 0.6 }, true],
  ])('when filtering by %s %j, then wanted is %s', (_name, f, expected) => {
    expect(wantsEvent(filters(f), facts())).toBe(expected);
  });

  it('when the incident names no component yet, then a component filter does not match', () => {
    expect(wantsEvent(filters({ components: ['S3'] }), facts({ incident: { provider: 'aws', components: [], confidence: 1 } }))).toBe(false);
  });

  it('when a component filter names an alias the catalog knows, then the incident naming the component is wanted', () => {
    const catalog = testCatalog();
    const sameComponent = (wanted: string, named: string) => catalog.sameName('aws', 'components', wanted, named);
    expect(wantsEvent(filters({ components: ['Simple Storage Service'] }), facts({ sameComponent }))).toBe(true);
    expect(wantsEvent(filters({ components: ['amazon s3'] }), facts({ sameComponent }))).toBe(true);
    expect(wantsEvent(filters({ components: ['Elastic Compute Cloud'] }), facts({ sameComponent }))).toBe(false);
    // Without the catalog only the same word matches.
    expect(wantsEvent(filters({ components: ['Simple Storage Service'] }), facts())).toBe(false);
  });

  it('when affects_us_only is set, then only incidents in the impact map pass', () => {
    expect(wantsEvent(filters({ affects_us_only: true }), facts({ affectsUs: false }))).toBe(false);
    expect(wantsEvent(filters({ affects_us_only: true }), facts({ affectsUs: true }))).toBe(true);
  });

  it('when min_status is confirmed, then the change to confirmed is the first event wanted', () => {
    const f = filters({ min_status: 'confirmed' });
    expect(wantsEvent(f, facts({ event: { type: 'changed', status: 'corroborated' } }))).toBe(false);
    expect(wantsEvent(f, facts({ event: { type: 'changed', status: 'confirmed' } }))).toBe(true);
  });

  it('when an incident resolves or fades, then exactly the subscribers sent it before hear it, whatever the filters', () => {
    const strict = filters({ providers: ['github'], min_confidence: 1 });
    for (const type of ['resolved', 'faded'] as const) {
      const status = type;
      expect(wantsEvent(strict, facts({ event: { type, status }, sentBefore: true }))).toBe(true);
      expect(wantsEvent(filters({}), facts({ event: { type, status }, sentBefore: false }))).toBe(false);
    }
  });
});

describe('retry schedule', () => {
  it('is the Standard Webhooks schedule cut at 8 attempts', () => {
    expect(DEFAULT_RETRY_SCHEDULE_MS).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(MAX_ATTEMPTS).toBe(8);
  });

  it('when random is at its ends, then the delay is the scheduled one ±20%', () => {
    expect(retryDelayMs(1, { random: () => 0.5 })).toBe(5_000);
    expect(retryDelayMs(1, { random: () => 0 })).toBe(4_000);
    expect(retryDelayMs(2, { random: () => 0.999999 })).toBe(Math.round(300_000 * (1 + 0.2 * (2 * 0.999999 - 1))));
    for (let i = 0; i < 200; i++) {
      const d = retryDelayMs(4);
      expect(d).toBeGreaterThanOrEqual(7_200_000 * 0.8);
      expect(d).toBeLessThanOrEqual(7_200_000 * 1.2);
    }
  });

  it('when Retry-After is longer than the schedule, then it is the delay; when shorter, the schedule wins', () => {
    expect(retryDelayMs(1, { random: () => 0.5, retryAfterMs: 120_000 })).toBe(120_000);
    expect(retryDelayMs(2, { random: () => 0.5, retryAfterMs: 1_000 })).toBe(300_000);
  });

  it('when Retry-After asks for a week, then it is capped at a day', () => {
    expect(retryDelayMs(1, { random: () => 0.5, retryAfterMs: 7 * 86_400_000 })).toBe(86_400_000);
  });

  it('when the schedule is injected (tests), then it is used, its last entry repeating', () => {
    expect(retryDelayMs(1, { schedule: [10, 20], jitter: 0 })).toBe(10);
    expect(retryDelayMs(5, { schedule: [10, 20], jitter: 0 })).toBe(20);
  });
});
