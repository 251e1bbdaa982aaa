import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testRuntime } from '../helpers/runtime.js';
import { serve, newKey, bearer, getJson, sendJson, type ErrorShape } from './helpers.js';
import { hashKey } from '../../src/api/auth/keys.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;

describe('API authentication and roles', () => {
  let rt: Rt;
  let app: Awaited<ReturnType<typeof serve>>;
  let reader: string;
  let admin: string;
  beforeAll(async () => {
    rt = await testRuntime();
    app = await serve(rt.ctx);
    reader = await newKey(rt.ctx, 'reader');
    admin = await newKey(rt.ctx, 'admin');
  });
  afterAll(async () => {
    await app?.close();
    await rt?.cleanup();
  });

  it('when no key is sent to a read route, then 401 with a Bearer challenge and the error shape', async () => {
    const r = await getJson(`${app.url}/api/v1/feed`);
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Bearer realm="outage-radar"');
    expect((r.body as ErrorShape).error.code).toBe('unauthorized');
    expect(typeof (r.body as ErrorShape).error.message).toBe('string');
  });

  it('when a wrong key is sent, then 401 invalid_token', async () => {
    for (const key of ['nope', `${reader.slice(0, -4)}AAAA`, '']) {
      const r = await getJson(`${app.url}/api/v1/feed`, { authorization: `Bearer ${key}` });
      expect(r.status, key).toBe(401);
      expect(r.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }
    const basic = await getJson(`${app.url}/api/v1/feed`, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(basic.status).toBe(401);
  });

  it('when a reader key is sent, then reads work and the public routes need no key', async () => {
    expect((await getJson(`${app.url}/api/v1/feed`, bearer(reader))).status).toBe(200);
    expect((await getJson(`${app.url}/api/v1/providers`, bearer(admin))).status).toBe(200);
    expect((await getJson(`${app.url}/healthz`)).status).toBe(200);
    expect((await getJson(`${app.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${app.url}/metrics`)).status).toBe(200);
    expect((await getJson(`${app.url}/api/v1/openapi.json`)).status).toBe(200);
  });

  it('when a reader key is used on an admin route, then 403 forbidden', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/keys'],
      ['POST', '/api/v1/keys'],
      ['DELETE', '/api/v1/keys/ork_0000000000'],
      ['GET', '/api/v1/webhooks'],
      ['GET', '/admin/queues.json'],
      ['GET', '/admin/queues'],
    ] as const) {
      const r = await sendJson(method, `${app.url}${path}`, method === 'GET' ? undefined : { name: 'x', role: 'reader' }, bearer(reader));
      expect(r.status, `${method} ${path}`).toBe(403);
      expect((r.body as ErrorShape).error.code).toBe('forbidden');
    }
  });

  it('when an admin creates a key over HTTP, then it is shown once, works, lists without secret, and stops working once revoked', async () => {
    const created = await sendJson('POST', `${app.url}/api/v1/keys`, { name: 'support desk', role: 'reader' }, bearer(admin));
    expect(created.status).toBe(201);
    const k = created.body as { id: string; key: string; role: string; name: string };
    expect(k).toMatchObject({ role: 'reader', name: 'support desk' });
    expect(k.key.startsWith(`${k.id}_`)).toBe(true);
    expect(created.headers.get('cache-control')).toBe('no-store');

    expect((await getJson(`${app.url}/api/v1/feed`, bearer(k.key))).status).toBe(200);

    const list = await getJson(`${app.url}/api/v1/keys`, bearer(admin));
    const listed = (list.body as { keys: Array<Record<string, unknown>> }).keys.find((x) => x.id === k.id);
    expect(listed).toBeDefined();
    expect(JSON.stringify(list.body)).not.toContain(k.key);
    expect(listed!.last_used_at).not.toBeNull();

    const revoked = await sendJson('DELETE', `${app.url}/api/v1/keys/${k.id}`, undefined, bearer(admin));
    expect(revoked.status).toBe(200);
    expect((revoked.body as { revoked_at: string | null }).revoked_at).not.toBeNull();

    const after = await getJson(`${app.url}/api/v1/feed`, bearer(k.key));
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toContain('invalid_token');

    expect((await sendJson('DELETE', `${app.url}/api/v1/keys/ork_ffffffffff`, undefined, bearer(admin))).status).toBe(404);
  });

  it('when a key is created, then the store holds only its hash, never the key', async () => {
    const key = await newKey(rt.ctx, 'reader', 'hash check');
    const rows = await rt.ctx.db.query('SELECT * FROM api_keys');
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(key);
    // Not even the secret part (everything after `ork_<id>_`; base64url may itself hold underscores).
    expect(dump).not.toContain(key.slice(key.indexOf('_', 4) + 1));
    expect(dump).toContain(hashKey(key));
  });

  it('when a reader posts a report, then it is accepted; without a key it is 401', async () => {
    const body = { provider: 'aws', text: 'S3 uploads fail for us', id: 'auth-test-1' };
    expect((await sendJson('POST', `${app.url}/api/v1/reports`, body)).status).toBe(401);
    expect((await sendJson('POST', `${app.url}/api/v1/reports`, body, bearer(reader))).status).toBe(201);
  });

  it('when an admin tries to revoke the last admin key over HTTP, then 409', async () => {
    const admins = (
      (await getJson(`${app.url}/api/v1/keys`, bearer(admin))).body as { keys: Array<{ id: string; role: string; revoked_at: string | null }> }
    ).keys.filter((k) => k.role === 'admin' && !k.revoked_at);
    expect(admins).toHaveLength(1);
    const r = await sendJson('DELETE', `${app.url}/api/v1/keys/${admins[0]!.id}`, undefined, bearer(admin));
    expect(r.status).toBe(409);
  });

  it('when anonymous reading is on, then GETs work without a key but writes, admin routes and wrong keys do not', async () => {
    const demo = await serve(rt.ctx, { auth: { anonymousRead: true } });
    try {
      expect((await getJson(`${demo.url}/api/v1/feed`)).status).toBe(200);
      expect((await sendJson('POST', `${demo.url}/api/v1/reports`, { provider: 'aws', text: 'x' })).status).toBe(401);
      expect((await getJson(`${demo.url}/api/v1/keys`)).status).toBe(401);
      expect((await getJson(`${demo.url}/admin/queues.json`)).status).toBe(401);
      expect((await getJson(`${demo.url}/api/v1/feed`, bearer('ork_0000000000_nope'))).status).toBe(401);
    } finally {
      await demo.close();
    }
  });
});
