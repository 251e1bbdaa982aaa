import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { gzipSync } from 'node:zlib';
import { testRuntime } from '../helpers/runtime.js';
import { serve, newKey, bearer, type ErrorShape } from './helpers.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;
type ErrorDoc = { components: { schemas: { Error: { properties: { error: { properties: Record<string, unknown>; additionalProperties?: boolean } } } } } };

/**
 * A client's mistakes are 4xx in the one error shape, never a 500 with a stack in the log: a
 * body the parser cannot read (charset, Content-Encoding, a gzip that is not), a path that does
 * not percent-decode, a URL too long for Node's parser, and query parameters that are not what
 * the document says (integers in plain digits, each given once, no unknown ones).
 */
describe('client mistakes: 4xx in the documented error shape', () => {
  let rt: Rt;
  let app: Awaited<ReturnType<typeof serve>>;
  let reader: Record<string, string>;
  let admin: Record<string, string>;
  let documented: string[];
  beforeAll(async () => {
    rt = await testRuntime();
    app = await serve(rt.ctx);
    reader = bearer(await newKey(rt.ctx, 'reader'));
    admin = bearer(await newKey(rt.ctx, 'admin'));
    const doc = (await (await fetch(`${app.url}/api/v1/openapi.json`)).json()) as ErrorDoc;
    const error = doc.components.schemas.Error.properties.error;
    expect(error.additionalProperties).toBe(false);
    documented = Object.keys(error.properties);
  });
  afterAll(async () => {
    await app?.close();
    await rt?.cleanup();
  });

  /** Sends, checks the status and that the body is the documented error shape; returns the error. */
  async function refused(path: string, status: number, init: RequestInit = {}): Promise<ErrorShape['error']> {
    const r = await fetch(`${app.url}${path}`, { ...init, headers: { ...reader, ...(init.headers as Record<string, string>) } });
    expect(r.status, path).toBe(status);
    expect(r.headers.get('content-type'), path).toMatch(/^application\/json/);
    const body = (await r.json()) as ErrorShape;
    expect(typeof body.error.code, path).toBe('string');
    expect(
      Object.keys(body.error).filter((k) => !documented.includes(k)),
      path,
    ).toEqual([]);
    return body.error;
  }
  const report = (headers: Record<string, string>, body: string | Uint8Array<ArrayBuffer>): RequestInit => ({
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : new Blob([body]),
  });
  const validReport = JSON.stringify({ provider: 'github', text: 'GitHub is down for us' });

  it('when the body is in another charset, has an unknown Content-Encoding, or is not the gzip it claims, then 415 or 400, not 500', async () => {
    const latin1 = await refused('/api/v1/reports', 415, report({ 'content-type': 'application/json; charset=latin1' }, validReport));
    expect(latin1).toMatchObject({ code: 'unsupported_media_type', message: expect.stringContaining('UTF-8') });
    const foo = await refused('/api/v1/reports', 415, report({ 'content-type': 'application/json', 'content-encoding': 'foo' }, validReport));
    expect(foo.message).toContain('"foo"');
    const fake = await refused('/api/v1/reports', 400, report({ 'content-type': 'application/json', 'content-encoding': 'gzip' }, 'notgzip'));
    expect(fake).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('Content-Encoding') });
    // A real gzip body is read.
    const real = await fetch(
      `${app.url}/api/v1/reports`,
      report({ ...reader, 'content-type': 'application/json', 'content-encoding': 'gzip' }, new Uint8Array(gzipSync(validReport))),
    );
    expect(real.status).toBe(201);
  });

  it('when a body is JSON but not an object, then 400 says it must be a JSON object', async () => {
    for (const body of ['"x"', '42', '[1]', 'null']) {
      const e = await refused('/api/v1/reports', 400, report({ 'content-type': 'application/json' }, body));
      expect(e.message, body).toMatch(/^request body must be a JSON object \(got /);
    }
    expect((await refused('/api/v1/reports', 400, report({ 'content-type': 'application/json' }, '{"provider":'))).code).toBe('invalid_json');
  });

  it('when a path parameter is not valid percent-encoding, then 400', async () => {
    for (const path of ['/api/v1/incidents/%ZZ', '/api/v1/sources/%ZZ']) expect((await refused(path, 400)).message).toContain('percent-encoding');
    const r = await fetch(`${app.url}/api/v1/webhooks/%E0%A4%A`, { headers: admin });
    expect(r.status).toBe(400);
  });

  it('when the URL is longer than Node reads, then 431 with a JSON error body', async () => {
    const e = await refused(`/api/v1/feed?component=${'a'.repeat(20_000)}`, 431);
    expect(e.code).toBe('headers_too_large');
  });

  it('when an integer parameter is not plain digits or is given twice, then 400 names it and says why', async () => {
    for (const limit of ['1e1', '0x10', '%2010', '', '-1', '2.5']) {
      const e = await refused(`/api/v1/feed?limit=${limit}`, 400);
      expect(e, limit).toMatchObject({ field: 'limit', message: expect.stringContaining('decimal digits') });
    }
    expect((await refused('/api/v1/feed?limit=101', 400)).message).toContain('1 to 100');
    const twice = await refused('/api/v1/feed?limit=10&limit=20', 400);
    expect(twice).toMatchObject({ field: 'limit', message: 'query field "limit": given more than once; give it once' });
    expect((await fetch(`${app.url}/api/v1/feed?limit=10`, { headers: reader })).status).toBe(200);
    expect((await fetch(`${app.url}/api/v1/posts?limit=0x10`, { headers: reader })).status).toBe(400);
  });

  it('when /watch, /providers or /sources get an unknown query parameter, then 400 names it, as /feed does', async () => {
    for (const [path, field] of [
      ['/api/v1/watch?provider=aws', 'provider'],
      ['/api/v1/providers?category=cloud', 'category'],
      ['/api/v1/sources?limit=1', 'limit'],
    ] as const) {
      expect(await refused(path, 400), path).toMatchObject({ code: 'invalid_request', field, message: expect.stringContaining('unknown field') });
    }
    for (const path of ['/api/v1/watch', '/api/v1/providers', '/api/v1/sources'])
      expect((await fetch(`${app.url}${path}`, { headers: reader })).status).toBe(200);
  });

  it('when a client asks for the incidents as a collection, then the 404 points at /feed', async () => {
    for (const path of ['/api/v1/incidents', '/api/v1/incidents/', '/api/v1/incidents?status=resolved']) {
      const e = await refused(path, 404);
      expect(e.message, path).toContain('incidents are listed by GET /api/v1/feed');
    }
    expect((await refused('/api/v1/nothing-here', 404)).message).toBe('no route GET /api/v1/nothing-here');
  });

  it('when the feed is asked for watch items, then 400 points at /watch', async () => {
    const e = await refused('/api/v1/feed?status=watching', 400);
    expect(e).toMatchObject({ field: 'status.0', message: expect.stringContaining('/api/v1/watch') });
    expect((await fetch(`${app.url}/api/v1/feed?status=resolved,faded`, { headers: reader })).status).toBe(200);
  });
});
