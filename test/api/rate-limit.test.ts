import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testRuntime } from '../helpers/runtime.js';
import { serve, newKey, bearer, getJson, type ErrorShape } from './helpers.js';
import type { RateLimits } from '../../src/api/rate-limit.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;

describe('rate limits held in Redis', () => {
  let rt: Rt;
  const limits: RateLimits = { key: { limit: 3, windowMs: 60_000 }, anonymous: { limit: 2, windowMs: 60_000 } };
  beforeAll(async () => {
    rt = await testRuntime();
  });
  afterAll(async () => rt?.cleanup());

  it('when a key goes over its limit, then 429 with Retry-After and RateLimit headers in the error shape', async () => {
    const app = await serve(rt.ctx, { rateLimits: limits });
    try {
      const key = await newKey(rt.ctx, 'reader');
      const seen: number[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await getJson(`${app.url}/api/v1/providers`, bearer(key));
        seen.push(r.status);
        expect(r.headers.get('ratelimit-limit')).toBe('3');
        expect(r.headers.get('ratelimit-remaining')).toBe(String(2 - i));
      }
      expect(seen).toEqual([200, 200, 200]);
      const over = await getJson(`${app.url}/api/v1/providers`, bearer(key));
      expect(over.status).toBe(429);
      expect((over.body as ErrorShape).error.code).toBe('rate_limited');
      const retry = Number(over.headers.get('retry-after'));
      expect(retry).toBeGreaterThan(0);
      expect(retry).toBeLessThanOrEqual(60);
      expect(over.headers.get('ratelimit-remaining')).toBe('0');
      expect(Number(over.headers.get('ratelimit-reset'))).toBe(retry);

      // Another key has its own budget.
      expect((await getJson(`${app.url}/api/v1/providers`, bearer(await newKey(rt.ctx, 'reader')))).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('when two app instances share Redis, then they share the count', async () => {
    const a = await serve(rt.ctx, { rateLimits: limits });
    const b = await serve(rt.ctx, { rateLimits: limits });
    try {
      const key = await newKey(rt.ctx, 'reader');
      expect((await getJson(`${a.url}/api/v1/providers`, bearer(key))).status).toBe(200);
      expect((await getJson(`${b.url}/api/v1/providers`, bearer(key))).status).toBe(200);
      expect((await getJson(`${a.url}/api/v1/providers`, bearer(key))).status).toBe(200);
      const r = await getJson(`${b.url}/api/v1/providers`, bearer(key));
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBeTruthy();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('when the window ends, then requests pass again', async () => {
    const app = await serve(rt.ctx, { rateLimits: { key: { limit: 1, windowMs: 300 }, anonymous: limits.anonymous } });
    try {
      const key = await newKey(rt.ctx, 'reader');
      expect((await getJson(`${app.url}/api/v1/providers`, bearer(key))).status).toBe(200);
      expect((await getJson(`${app.url}/api/v1/providers`, bearer(key))).status).toBe(429);
      await new Promise((r) => setTimeout(r, 400));
      expect((await getJson(`${app.url}/api/v1/providers`, bearer(key))).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('when requests come without a key, then they are limited per address', async () => {
    const app = await serve(rt.ctx, { rateLimits: limits, auth: { anonymousRead: true } });
    try {
      expect((await getJson(`${app.url}/api/v1/providers`)).status).toBe(200);
      expect((await getJson(`${app.url}/api/v1/providers`)).status).toBe(200);
      expect((await getJson(`${app.url}/api/v1/providers`)).status).toBe(429);
    } finally {
      await app.close();
    }
  });

  it('public routes are not limited', async () => {
    const app = await serve(rt.ctx, { rateLimits: { key: { limit: 1, windowMs: 60_000 }, anonymous: { limit: 1, windowMs: 60_000 } } });
    try {
      for (let i = 0; i < 3; i++) expect((await getJson(`${app.url}/healthz`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
