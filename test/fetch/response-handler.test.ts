import { describe, expect, it } from 'vitest';
import { fetchErrorFrom } from '../../src/fetch/errors.js';
import { parseCacheMaxAge, parseRateLimitReset, parseRetryAfter, statusError } from '../../src/fetch/response-handler.js';
import { defaultUserAgent, userAgent } from '../../src/fetch/user-agent.js';

const NOW = Date.parse('2017-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it('reads seconds, HTTP-dates against the given clock, and ignores junk', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter('Wed, 01 Mar 2017 12:01:30 GMT', NOW)).toBe(90_000);
    expect(parseRetryAfter('Wed, 01 Mar 2017 11:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});

describe('parseRateLimitReset', () => {
  it('reads an ISO time (Mastodon), epoch seconds (GitHub) and seconds left (Reddit), and ignores junk', () => {
    expect(parseRateLimitReset('2017-03-01T12:05:00.000000Z', NOW)).toBe(300_000);
    expect(parseRateLimitReset(String(NOW / 1000 + 42), NOW)).toBe(42_000);
    expect(parseRateLimitReset('339', NOW)).toBe(339_000);
    expect(parseRateLimitReset('2017-03-01T11:00:00Z', NOW)).toBe(0);
    expect(parseRateLimitReset('soon', NOW)).toBeUndefined();
    expect(parseRateLimitReset(undefined, NOW)).toBeUndefined();
  });
});

describe('parseCacheMaxAge', () => {
  it('prefers max-age over Expires, treats no-cache as 0 and says nothing when the server does not', () => {
    expect(parseCacheMaxAge({ 'cache-control': 'public, max-age=60', expires: 'Wed, 01 Mar 2017 13:00:00 GMT' }, NOW)).toBe(60_000);
    expect(parseCacheMaxAge({ expires: 'Wed, 01 Mar 2017 13:00:00 GMT' }, NOW)).toBe(3_600_000);
    expect(parseCacheMaxAge({ expires: '0' }, NOW)).toBe(0);
    expect(parseCacheMaxAge({ 'cache-control': 'no-cache' }, NOW)).toBe(0);
    expect(parseCacheMaxAge({}, NOW)).toBeUndefined();
  });
});

describe('statusError', () => {
  it('maps 429 to rate-limited and other failures to http-status', () => {
    expect(statusError(429, 'http://h/x', { 'retry-after': '5' }, NOW)).toMatchObject({ code: 'rate-limited', retryAfterMs: 5000 });
    expect(statusError(404, 'http://h/x', { 'retry-after': '5' }, NOW)).toMatchObject({ code: 'http-status', status: 404, retryAfterMs: undefined });
    expect(statusError(302, 'http://h/x', {}, NOW).message).toContain('without a Location');
    // A 429 that says when its window resets in X-RateLimit-Reset only (Mastodon, Reddit).
    expect(statusError(429, 'http://h/x', { 'x-ratelimit-reset': '2017-03-01T12:04:30.000000Z' }, NOW)).toMatchObject({ retryAfterMs: 270_000 });
    expect(statusError(429, 'http://h/x', { 'retry-after': '5', 'x-ratelimit-reset': '600' }, NOW)).toMatchObject({ retryAfterMs: 5000 });
  });
});

describe('fetchErrorFrom', () => {
  it('maps socket and undici codes to fetch error codes', () => {
    const err = (code: string): Error => Object.assign(new Error(code), { code });
    expect(fetchErrorFrom(err('UND_ERR_CONNECT_TIMEOUT'), 'http://h/').code).toBe('connect-timeout');
    expect(fetchErrorFrom(err('UND_ERR_HEADERS_TIMEOUT'), 'http://h/').code).toBe('timeout');
    expect(fetchErrorFrom(err('ENOTFOUND'), 'http://h/').code).toBe('dns');
    expect(fetchErrorFrom(err('ECONNRESET'), 'http://h/').code).toBe('network');
    expect(fetchErrorFrom(err('Z_DATA_ERROR'), 'http://h/').message).toContain('could not decode');
  });
});

describe('userAgent', () => {
  it('names the project, its version and where to read about it', () => {
    expect(userAgent('1.2.3')).toBe('outage-radar/1.2.3 (+https://github.com/outage-radar/outage-radar)');
    expect(defaultUserAgent()).toMatch(/^outage-radar\/\d+\.\d+\.\d+ \(\+https:/);
  });
});
