import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { AddressInfo } from 'node:net';
import { testRuntime } from '../helpers/runtime.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';
import { newKey, bearer, eventually } from '../api/helpers.js';
import { startServices, type RunningServices } from '../../src/app/boot.js';
import { countPosts } from '../../src/store/posts-repo.js';

/**
 * Regression (data loss 2): during a short Redis outage POST /api/v1/reports stored the post,
 * failed to queue it and answered 500; the client's retry got 200 `stored:false` and the post
 * was never analyzed (477 of 500 lost), and nothing repaired it at restart.
 * Here: a redis-server of the test's own, killed and started again.
 */
describe('first-party reports while Redis is down', () => {
  let redis: PrivateRedis;
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  let svc: RunningServices;
  let url: string;
  let h: Record<string, string>;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    rt = await testRuntime({ redisUrl: redis.url });
    svc = await startServices(rt, { api: true, stages: ['analyze'] });
    url = `http://127.0.0.1:${(svc.server!.address() as AddressInfo).port}/api/v1/reports`;
    h = { ...bearer(await newKey(rt.ctx, 'reader')), 'content-type': 'application/json' };
  });
  afterAll(async () => {
    await svc?.stop();
    await rt?.cleanup();
    await redis?.stop();
  });

  const signals = async () => Number((await rt.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM signals'))[0]?.n ?? 0);
  const report = (i: number) =>
    fetch(url, {
      method: 'POST',
      headers: { ...h, 'idempotency-key': `outage-${i}` },
      body: JSON.stringify({ provider: 'aws', text: `S3 uploads failing for us (${i})` }),
    });

  it('when Redis goes away, then reports get 202 (stored, not queued yet: nothing to retry), and are all analyzed once Redis is back; retries store nothing twice', async () => {
    expect((await report(0)).status).toBe(201);
    await eventually(async () => (await signals()) === 1, 15_000);

    await redis.stop();
    const during = await Promise.all(Array.from({ length: 20 }, (_, i) => report(i + 1)));
    for (const r of during) {
      expect(r.status).toBe(202);
      expect(await r.json()).toMatchObject({ stored: true, queued: false, post: { provider: 'aws' } });
    }
    expect(await countPosts(rt.ctx.db)).toBe(21); // stored, waiting for the queue

    await redis.start();
    // The repair sweep runs when the connection is ready again: every stored report is analyzed.
    await eventually(async () => (await signals()) === 21, 30_000);

    // The clients retry with their Idempotency-Keys: the same reports, nothing stored twice.
    const retried = await Promise.all(Array.from({ length: 20 }, (_, i) => report(i + 1)));
    expect(retried.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(await countPosts(rt.ctx.db)).toBe(21);
    expect(await signals()).toBe(21);
  });
});
