import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Express } from 'express';
import { testRuntime } from '../helpers/runtime.js';
import { serve, newKey, bearer } from './helpers.js';
import { createApp } from '../../src/api/server.js';
import { feedQuery } from '../../src/api/schemas.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;
type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { security: unknown[]; parameters?: Array<{ name: string; in: string }>; responses: Record<string, unknown>; requestBody?: unknown }>
  >;
  components: Record<string, Record<string, unknown>>;
};

interface Layer {
  rawPath?: unknown;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route express has mounted, as "METHOD /path" with {param} placeholders. */
function mountedRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const l of stack) {
      if (l.route) {
        for (const m of Object.keys(l.route.methods)) {
          if (m === '_all') continue;
          out.push(`${m.toUpperCase()} ${(prefix + l.route.path).replace(/:([A-Za-z_]+)/g, '{$1}')}`);
        }
      } else if (l.handle?.stack) {
        const mount = typeof l.rawPath === 'string' && l.rawPath !== '/' ? l.rawPath : '';
        walk(l.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return [...new Set(out)].sort();
}

describe('OpenAPI document', () => {
  let rt: Rt;
  let app: Awaited<ReturnType<typeof serve>>;
  let doc: Doc;
  let raw: string;
  beforeAll(async () => {
    rt = await testRuntime();
    app = await serve(rt.ctx);
    const res = await fetch(`${app.url}/api/v1/openapi.json`);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    raw = await res.text();
    doc = JSON.parse(raw) as Doc;
  });
  afterAll(async () => {
    await app?.close();
    await rt?.cleanup();
  });

  it('is valid JSON, OpenAPI 3.1.0, with the bearer scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes!.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.schemas!.Error).toBeDefined();
  });

  it('lists every mounted route, and nothing that is not mounted', () => {
    const mounted = mountedRoutes(createApp(rt.ctx));
    const documented = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(mounted.length).toBeGreaterThan(15);
    expect(documented).toEqual(mounted);
  });

  it('derives query parameters from the zod schemas the routes validate with', () => {
    const params = doc.paths['/api/v1/feed']!.get!.parameters!.filter((p) => p.in !== 'header');
    expect(params.map((p) => p.name).sort()).toEqual(Object.keys(feedQuery.shape).sort());
    expect(params.every((p) => p.in === 'query')).toBe(true);
    const body = JSON.stringify(doc.paths['/api/v1/reports']!.post!.requestBody);
    expect(body).toContain('"required":["provider","text"]');
    expect(body).toContain('"additionalProperties":false');
  });

  it('documents the error shape and auth on each protected operation', () => {
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        const isPublic = ['/healthz', '/readyz', '/metrics', '/api/v1/openapi.json'].includes(p);
        expect(op.security, `${m} ${p}`).toEqual(isPublic ? [] : expect.arrayContaining([{ bearerAuth: [] }]));
        if (!isPublic) expect(Object.keys(op.responses), `${m} ${p}`).toEqual(expect.arrayContaining(['401', '429']));
        if (op.parameters?.length || op.requestBody) expect(op.responses['400'], `${m} ${p}`).toBeDefined();
      }
    }
    expect(Object.keys(doc.paths['/api/v1/keys']!.post!.responses)).toContain('403');
  });

  it('every $ref points at a component that exists', () => {
    const refs = [...raw.matchAll(/"\$ref":"#\/components\/([^/]+)\/([^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(0);
    for (const [, kind, name] of refs) expect(doc.components[kind!]?.[name!], `${kind}/${name}`).toBeDefined();
  });

  it('documented routes answer (not the catch-all 404) with an admin key', async () => {
    const h = bearer(await newKey(rt.ctx, 'admin'));
    for (const [p, ops] of Object.entries(doc.paths)) {
      if (!ops.get || p.includes('{') || p.endsWith('/stream')) continue;
      const r = await fetch(`${app.url}${p}`, { headers: h });
      // A documented 404 (GET /replay outside a demo) is the route's own answer, not the catch-all's.
      if (r.status === 404 && ops.get.responses['404']) {
        expect(((await r.json()) as { error: { message: string } }).error.message, p).not.toMatch(/^no route/);
        continue;
      }
      expect(r.status, p).toBe(200);
      await r.arrayBuffer();
    }
  });

  it('when a route reads a request header, then the document lists it, and the server answers by it', async () => {
    const headersOf = (path: string) => (doc.paths[path]!.get!.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
    expect(headersOf('/api/v1/feed')).toEqual(['If-None-Match']);
    expect(headersOf('/api/v1/stream')).toEqual(['Last-Event-ID']);
    const h = bearer(await newKey(rt.ctx, 'reader'));
    const first = await fetch(`${app.url}/api/v1/feed`, { headers: h });
    await first.arrayBuffer();
    const again = await fetch(`${app.url}/api/v1/feed`, { headers: { ...h, 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
    const bad = await fetch(`${app.url}/api/v1/stream`, { headers: { ...h, 'last-event-id': 'yesterday' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('Last-Event-ID');
  });
});
