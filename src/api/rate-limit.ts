import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import type { AppContext } from '../app/context.js';
import { ApiError } from './errors.js';
import { principalOf } from './auth/principal.js';

export interface Window {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

/** Per key id when a key was presented and found, else per client address. */
export interface RateLimits {
  key: Window;
  anonymous: Window;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  key: { limit: 600, windowMs: 60_000 },
  anonymous: { limit: 120, windowMs: 60_000 },
};

/*
 * Fixed window held in Redis, so every API node counts against the same number. The window
 * starts at a subject's first request and ends when the key expires: Redis' own TTL is the
 * clock, so API nodes with skewed clocks still agree. One round trip, atomic.
 */
const SCRIPT = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}`;

/**
 * The producer connection refuses commands until it is ready (no offline queue, to fail fast).
 * Right after start it may still be connecting: wait a moment then, rather than skip the limit.
 */
function connected(redis: Redis, waitMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  if (redis.status !== 'connecting' && redis.status !== 'connect' && redis.status !== 'wait') return Promise.resolve(); // let the command fail fast
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, waitMs);
    redis.on('ready', done);
  });
}

export function rateLimit(ctx: AppContext, limits: RateLimits): RequestHandler {
  return async (req, res, next) => {
    const p = principalOf(res);
    const [subject, w] = p.kind === 'key' ? [`key:${p.key.id}`, limits.key] : [`ip:${req.ip ?? 'unknown'}`, limits.anonymous];
    let count: number;
    let ttlMs: number;
    try {
      await connected(ctx.redis, 500);
      const r = await ctx.redis.eval(SCRIPT, 1, `${ctx.queues.prefix}:ratelimit:${subject}`, String(w.windowMs));
      if (!Array.isArray(r) || r.length !== 2) throw new Error('unexpected rate limit script reply');
      [count, ttlMs] = [Number(r[0]), Number(r[1])];
    } catch (err) {
      // Fail open: a Redis outage should not take the read API down with it (/readyz reports it).
      ctx.log.warn({ err: (err as Error).message }, 'rate limit unavailable');
      return next();
    }
    const resetS = Math.max(1, Math.ceil(ttlMs / 1000));
    // draft-ietf-httpapi-ratelimit-headers (the widely deployed form).
    res.setHeader('RateLimit-Limit', String(w.limit));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, w.limit - count)));
    res.setHeader('RateLimit-Reset', String(resetS));
    res.setHeader('RateLimit-Policy', `${w.limit};w=${Math.ceil(w.windowMs / 1000)}`);
    if (count > w.limit) {
      throw new ApiError(429, 'rate_limited', `rate limit of ${w.limit} requests per ${w.windowMs / 1000} s reached; retry in ${resetS} s`, undefined, {
        'Retry-After': String(resetS),
      });
    }
    next();
  };
}
