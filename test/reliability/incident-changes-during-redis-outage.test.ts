import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { AddressInfo } from 'node:net';
import { testRuntime } from '../helpers/runtime.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';
import { newKey, bearer, eventually } from '../api/helpers.js';
import { startReceiver, type Receiver } from '../webhooks/helpers.js';
import { startServices, type RunningServices } from '../../src/app/boot.js';
import { correlatePost } from '../../src/pipeline/correlate.js';
import { QueueUnavailableError } from '../../src/queue/queues.js';
import { createSubscription } from '../../src/outputs/webhooks/subscriptions.js';
import { filtersSchema } from '../../src/outputs/webhooks/schemas.js';
import { generateSecret } from '../../src/outputs/webhooks/signing.js';

/**
 * Regression (lost incident changes): the correlate stage commits an incident change and its
 * timeline events, then queues one deliver job per event. When Redis went away between the two,
 * the job failed; its retry found the post already attached and queued nothing, so the change
 * reached no webhook and no live stream, ever. Here the correlate step runs while a private
 * redis-server is down, as a worker's job would, and is retried once Redis is back.
 */
describe('incident changes made while Redis is down', () => {
  let redis: PrivateRedis;
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  let svc: RunningServices;
  let rx: Receiver;
  let base: string;
  let h: Record<string, string>;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    rt = await testRuntime({ redisUrl: redis.url });
    rx = await startReceiver();
    await createSubscription(
      rt.ctx.db,
      { url: `${rx.origin}/hooks`, format: 'generic', secret: generateSecret(), description: null, filters: filtersSchema.parse({}), enabled: true },
      new Date().toISOString(),
    );
    // No correlate worker: the test runs that step itself, at the moment it chooses.
    svc = await startServices(rt, { api: true, stages: ['analyze', 'deliver'] });
    base = `http://127.0.0.1:${(svc.server!.address() as AddressInfo).port}/api/v1`;
    h = { ...bearer(await newKey(rt.ctx, 'reader')), 'content-type': 'application/json' };
  }, 30_000);
  afterAll(async () => {
    await svc?.stop();
    await rt?.cleanup();
    await rx?.close();
    await redis?.stop();
  });

  const hasSignal = async (id: string) => (await rt.ctx.db.query('SELECT 1 FROM signals WHERE post_id = $1', [id])).length === 1;
  const openedHooks = () => rx.received.filter((r) => (JSON.parse(r.body) as { type: string }).type === 'incident.opened');

  it('when the change is committed but its deliver jobs cannot be queued, then it is delivered once Redis is back, once', async () => {
    const res = await fetch(`${base}/reports`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify({ provider: 'aws', text: 'S3 is down for us, every upload fails with 503' }),
    });
    expect(res.status).toBe(201);
    const postId = ((await res.json()) as { post: { id: string } }).post.id;
    await eventually(() => hasSignal(postId), 15_000);

    await redis.stop();
    await expect(correlatePost(rt.ctx, postId)).rejects.toBeInstanceOf(QueueUnavailableError);
    const incidents = await rt.ctx.db.query<{ id: string }>('SELECT id FROM incidents');
    expect(incidents).toHaveLength(1); // committed before the queue was asked

    await redis.start();
    await eventually(() => rt.ctx.redis.status === 'ready', 15_000);
    // BullMQ runs the failed job again: the post is attached already, nothing new to store.
    expect(await correlatePost(rt.ctx, postId)).toBe('ignored');

    await eventually(() => openedHooks().length > 0, 20_000);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(openedHooks()).toHaveLength(1);
  }, 60_000);
});
