import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testRuntime } from '../helpers/runtime.js';
import { serve, newKey, bearer, getJson, sendJson } from './helpers.js';
import { ReplayPace } from '../../src/replay/pace.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;
const START = Date.parse('2017-02-28T17:30:00Z');
const END = Date.parse('2017-02-28T22:30:00Z');
const newPace = () => new ReplayPace({ scenario: 's3-2017', startMs: START, endMs: END, timeZone: 'America/Los_Angeles', speed: 60, maxSpeed: 100_000 });

describe('the replay clock over the API: read by the page, changed only in a demo', () => {
  let rt: Rt;
  beforeAll(async () => {
    rt = await testRuntime();
  });
  afterAll(async () => {
    await rt?.cleanup();
  });

  it('when a demo serves (anonymous read), then anyone reads the clock and changes the speed or pauses it, and the feed is on the replay clock', async () => {
    const pace = newPace();
    const app = await serve({ ...rt.ctx, clock: pace }, { auth: { anonymousRead: true }, replay: pace });
    try {
      const got = await getJson(`${app.url}/api/v1/replay`);
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({
        scenario: 's3-2017',
        virtual_now: '2017-02-28T17:30:00.000Z',
        speed: 60,
        started_at: '2017-02-28T17:30:00.000Z',
        ends_at: '2017-02-28T22:30:00.000Z',
        state: 'playing',
        time_zone: 'America/Los_Angeles',
      });
      const feed = await getJson(`${app.url}/api/v1/feed`);
      expect((feed.body as { generated_at: string }).generated_at).toBe('2017-02-28T17:30:00.000Z');

      const faster = await sendJson('POST', `${app.url}/api/v1/replay/speed`, { speed: 1800 });
      expect(faster.status).toBe(200);
      expect(faster.body).toMatchObject({ speed: 1800, state: 'playing' });
      expect((await sendJson('POST', `${app.url}/api/v1/replay/speed`, { paused: true })).body).toMatchObject({ state: 'paused' });
      expect((await sendJson('POST', `${app.url}/api/v1/replay/speed`, { speed: 1e9 })).status).toBe(400);
      expect((await sendJson('POST', `${app.url}/api/v1/replay/speed`, {})).status).toBe(400);
      expect((await sendJson('POST', `${app.url}/api/v1/replay/speed`, 'speed=60', { 'content-type': 'text/plain' })).status).toBe(415);
      expect((await sendJson('POST', `${app.url}/api/v1/replay/speed`, { speed: 60 }, bearer('or_bogus'))).status).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('when the server reads with keys only, then only an admin changes the speed', async () => {
    const pace = newPace();
    const app = await serve(rt.ctx, { auth: { anonymousRead: false }, replay: pace });
    try {
      expect((await sendJson('POST', `${app.url}/api/v1/replay/speed`, { speed: 300 })).status).toBe(401);
      expect((await sendJson('POST', `${app.url}/api/v1/replay/speed`, { speed: 300 }, bearer(await newKey(rt.ctx, 'reader')))).status).toBe(403);
      const ok = await sendJson('POST', `${app.url}/api/v1/replay/speed`, { speed: 300 }, bearer(await newKey(rt.ctx, 'admin')));
      expect(ok.status).toBe(200);
      expect(pace.status().speed).toBe(300);
    } finally {
      await app.close();
    }
  });

  it('when `start` serves (no replay), then there is no clock to read or change, whatever the key', async () => {
    const app = await serve(rt.ctx, { auth: { anonymousRead: true } });
    try {
      const admin = bearer(await newKey(rt.ctx, 'admin'));
      expect((await getJson(`${app.url}/api/v1/replay`, admin)).status).toBe(404);
      expect((await sendJson('POST', `${app.url}/api/v1/replay/speed`, { speed: 60 }, admin)).status).toBe(404);
      expect((await sendJson('POST', `${app.url}/api/v1/replay/speed`, { paused: true })).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
