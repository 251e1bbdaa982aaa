import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { testRuntime } from '../helpers/runtime.js';
import { serve, newKey, bearer, sendJson, type ErrorShape } from '../api/helpers.js';

type Accepted = { id: string; stored: boolean; post: { id: string; text: string; author: string | null } };

/**
 * Regression (data loss 5): without a client id the id was a hash of the body, so a fixed-text
 * widget's second report, hours later, was dropped; the same id with other content was dropped
 * with 200; a bidi override in a reporter's name spoofed what staff see. Also the HTTP edges
 * found with it: JSON 404s everywhere, 415 for a non-JSON body, framing headers on /admin/queues.
 */
describe('report identity and HTTP edges', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  let app: Awaited<ReturnType<typeof serve>>;
  let h: Record<string, string>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    rt = await testRuntime();
    app = await serve(rt.ctx);
    h = bearer(await newKey(rt.ctx, 'reader'));
    admin = bearer(await newKey(rt.ctx, 'admin'));
  });
  afterAll(async () => {
    await app?.close();
    await rt?.cleanup();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) => sendJson('POST', `${app.url}/api/v1/reports`, body, { ...h, ...headers });

  it('when a widget sends the same text twice without an id, then both are stored as two reports', async () => {
    const a = await post({ provider: 'stripe', text: 'Checkout is failing' });
    const b = await post({ provider: 'stripe', text: 'Checkout is failing' });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((a.body as Accepted).id).not.toBe((b.body as Accepted).id);
  });

  it('when a retry repeats its Idempotency-Key, then it is the same report; the same key with another body is 422', async () => {
    const first = await post({ provider: 'stripe', text: 'Payouts failing' }, { 'idempotency-key': 'k-1' });
    const again = await post({ provider: 'stripe', text: 'Payouts failing' }, { 'idempotency-key': 'k-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: (first.body as Accepted).id, stored: false });
    const other = await post({ provider: 'stripe', text: 'Something else' }, { 'idempotency-key': 'k-1' });
    expect(other.status).toBe(422);
    expect((other.body as ErrorShape).error.code).toBe('idempotency_key_reused');
    // Another client's key space is its own.
    const otherClient = await post(
      { provider: 'stripe', text: 'Something else' },
      { ...bearer(await newKey(rt.ctx, 'reader', 'widget 2')), 'idempotency-key': 'k-1' },
    );
    expect(otherClient.status).toBe(201);
  });

  it('when the same id comes back with other content, then 409; with the same content, 200 and nothing new', async () => {
    expect((await post({ provider: 'aws', text: 'S3 errors', id: 'ticket-7' })).status).toBe(201);
    expect(await post({ provider: 'aws', text: 'S3 errors', id: 'ticket-7' })).toMatchObject({ status: 200, body: { stored: false } });
    const clash = await post({ provider: 'aws', text: 'EC2 errors', id: 'ticket-7' });
    expect(clash.status).toBe(409);
    expect((clash.body as ErrorShape).error).toMatchObject({ code: 'conflict', field: 'id' });
  });

  it('when a reporter name carries a bidi override and the text a NUL, then the API returns what was stored: the override visible, the NUL replaced', async () => {
    const r = await post({ provider: 'aws', text: 'S3 down\u0000 here \u202eevil', reporter: 'agent-\u202e2-tnega' });
    expect(r.status).toBe(201);
    const p = (r.body as Accepted).post;
    expect(p.author).toBe('agent-⟨U+202E⟩2-tnega');
    expect(p.text).toBe('\u2068S3 down\uFFFD here \u202eevil\u2069');
  });

  it('when a report body is not JSON, then 415; when a path matches nothing, then a JSON 404 everywhere', async () => {
    const res = await fetch(`${app.url}/api/v1/reports`, { method: 'POST', headers: { ...h, 'content-type': 'text/plain' }, body: 'provider=aws' });
    expect(res.status).toBe(415);
    expect(((await res.json()) as ErrorShape).error.code).toBe('unsupported_media_type');
    for (const path of ['/openapi.json', '/no/such/page', '/api/v1/nope', '/admin/nope']) {
      const r = await fetch(`${app.url}${path}`, { headers: admin });
      expect(r.status, path).toBe(404);
      expect(r.headers.get('content-type'), path).toMatch(/application\/json/);
    }
    const hint = (await (await fetch(`${app.url}/openapi.json`)).json()) as ErrorShape;
    expect(hint.error.message).toContain('/api/v1/openapi.json');
  });

  it('when a route fails in a way nobody foresaw, then the 500 carries a request id and the log has that id with the stack', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
    const logged = await serve({ ...rt.ctx, log: pino({ level: 'info' }, sink) });
    try {
      await rt.ctx.db.exec('ALTER TABLE posts RENAME TO posts_gone');
      const r = await fetch(`${logged.url}/api/v1/posts`, { headers: { ...h, 'x-request-id': 'req-42' } });
      expect(r.status).toBe(500);
      const body = (await r.json()) as { error: { code: string; message: string; request_id: string } };
      expect(body.error).toMatchObject({ code: 'internal', request_id: 'req-42' });
      // The OpenAPI Error schema (additionalProperties: false) names every key a 500 carries.
      type ErrorDoc = { components: { schemas: { Error: { properties: { error: { properties: Record<string, unknown> } } } } } };
      const doc = (await (await fetch(`${logged.url}/api/v1/openapi.json`)).json()) as ErrorDoc;
      expect(Object.keys(body.error).filter((k) => !(k in doc.components.schemas.Error.properties.error.properties))).toEqual([]);
      const line = lines.map((l) => JSON.parse(l) as { msg: string; request_id?: string; stack?: string }).find((l) => l.msg === 'unhandled error');
      expect(line?.request_id).toBe('req-42');
      expect(line?.stack).toMatch(/posts/);
    } finally {
      await rt.ctx.db.exec('ALTER TABLE posts_gone RENAME TO posts');
      await logged.close();
    }
  });

  it('when /admin/queues is served, then it cannot be framed or sniffed', async () => {
    const r = await fetch(`${app.url}/admin/queues`, { headers: admin });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
