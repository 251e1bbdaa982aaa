import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { AddressInfo } from 'node:net';
import { testRuntime } from '../helpers/runtime.js';
import { TEST_DATABASE_URL } from '../helpers/backends.js';
import { Relay } from '../helpers/tcp-relay.js';
import { newKey, bearer, eventually } from '../api/helpers.js';
import { startServices, type RunningServices } from '../../src/app/boot.js';

/**
 * Regression (posts never correlated): a correlate job retries 5 times over about 15 s, then
 * gives up. While PostgreSQL was away longer than that, every post analyzed just before was
 * dropped for good: it had its signal, so the repair sweep (which looked only for posts without
 * one) never queued it again, and its incident never opened. Here PostgreSQL is cut (a TCP
 * relay on loopback) while a correlate worker takes the job, and a process starting afterwards
 * finds the unfinished post.
 */
describe('correlation while PostgreSQL is away', () => {
  const real = new URL(TEST_DATABASE_URL);
  const relay = new Relay({ host: real.hostname, port: Number(real.port || 5432) });
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  const running: RunningServices[] = [];

  beforeAll(async () => {
    await relay.start();
    const viaRelay = new URL(TEST_DATABASE_URL);
    viaRelay.port = String(relay.port);
    rt = await testRuntime({
      backend: 'postgres',
      patch: (c) => ({ ...c, storage: { ...c.storage, database_url: viaRelay.href } }),
      jobDefaults: { attempts: 2, backoff: { type: 'fixed', delay: 100 } },
    });
  }, 60_000);
  afterAll(async () => {
    for (const s of running.reverse()) await s.stop();
    await rt?.cleanup();
  });

  const start = async (set: Parameters<typeof startServices>[1]) => {
    const s = await startServices(rt, set);
    running.push(s);
    return s;
  };

  it('when every attempt of a correlate job fails, then the next start queues the post again and its incident opens', async () => {
    const api = await start({ api: true, stages: ['analyze'] });
    const url = `http://127.0.0.1:${(api.server!.address() as AddressInfo).port}/api/v1/reports`;
    const h = { ...bearer(await newKey(rt.ctx, 'reader')), 'content-type': 'application/json' };
    const res = await fetch(url, {
      method: 'POST',
      headers: h,
      body: JSON.stringify({ provider: 'aws', text: 'S3 is down for us, every upload fails with 503' }),
    });
    expect(res.status).toBe(201);
    const correlateQueue = rt.ctx.queues.byStage.correlate;
    await eventually(async () => (await correlateQueue.getJobCounts('waiting')).waiting === 1, 15_000);

    await relay.cut();
    await start({ stages: ['correlate'] });
    await eventually(async () => (await correlateQueue.getJobCounts('failed')).failed === 1, 15_000);
    await relay.start();

    // A process starting (or the scheduler's minute sweep) finds the post never correlated.
    await start({ stages: ['deliver'] });
    await eventually(async () => (await rt.ctx.db.query('SELECT 1 FROM incidents')).length === 1, 15_000);
  }, 60_000);
});
