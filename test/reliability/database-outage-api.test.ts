import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, getJson, newKey, serve } from '../api/helpers.js';
import { TEST_DATABASE_URL } from '../helpers/backends.js';
import { testRuntime } from '../helpers/runtime.js';
import { Relay } from '../helpers/tcp-relay.js';

/**
 * PostgreSQL going away while the API runs: a TCP relay on loopback stands between the API and
 * the real server and is cut mid-run. Requests get 503 with Retry-After (the reason, once), as
 * while Redis is away, not a 500 "internal error"; once the relay is back, 200 again.
 */
describe('the API while PostgreSQL is away', () => {
  const real = new URL(TEST_DATABASE_URL);
  const relay = new Relay({ host: real.hostname, port: Number(real.port || 5432) });
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  let app: Awaited<ReturnType<typeof serve>>;
  let h: Record<string, string>;

  beforeAll(async () => {
    await relay.start();
    const viaRelay = new URL(TEST_DATABASE_URL);
    viaRelay.port = String(relay.port);
    rt = await testRuntime({ backend: 'postgres', patch: (c) => ({ ...c, storage: { ...c.storage, database_url: viaRelay.href } }) });
    app = await serve(rt.ctx);
    h = bearer(await newKey(rt.ctx, 'reader'));
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await rt?.cleanup();
  });

  it('when the database connection is cut, then reads get 503 with Retry-After; when it is back, 200', async () => {
    expect((await getJson(`${app.url}/api/v1/feed`, h)).status).toBe(200);
    await relay.cut();
    const during = await getJson(`${app.url}/api/v1/feed`, h);
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('5');
    expect(during.body).toMatchObject({ error: { code: 'unavailable', message: 'the database is unavailable; retry shortly' } });
    await relay.start(); // the same port again
    let after = 0;
    for (let i = 0; i < 50 && after !== 200; i++) {
      after = (await getJson(`${app.url}/api/v1/feed`, h)).status;
      if (after !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(after).toBe(200);
  }, 60_000);
});
