import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchPosts } from '../../src/store/posts-repo.js';
import { newKey } from '../api/helpers.js';
import { testRuntime } from '../helpers/runtime.js';
import { launchBrowser, servePage } from './helpers.js';

/**
 * A customer-facing report form on another site, in Chromium: the browser itself enforces CORS,
 * so only a real one shows that the form's origin (server.yaml cors.report_origins) can send
 * POST /api/v1/reports with a reporter key and read the answer, and that any other origin, or
 * any other route, cannot.
 */
async function siteOn(host: string): Promise<{ origin: string; server: Server }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Support</title><p>form'));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { origin: `http://${host}:${(server.address() as AddressInfo).port}`, server };
}

type Answer = { status: number; body: unknown } | { blocked: string };

describe('report form on another origin (CORS)', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  let api: Awaited<ReturnType<typeof servePage>>;
  let form: Awaited<ReturnType<typeof siteOn>>;
  let other: Awaited<ReturnType<typeof siteOn>>;
  let browser: Browser;
  let reporterKey: string;
  let readerKey: string;

  beforeAll(async () => {
    form = await siteOn('127.0.0.2');
    other = await siteOn('127.0.0.3');
    rt = await testRuntime({ patch: (c) => ({ ...c, server: { ...c.server, cors: { report_origins: [form.origin] } } }) });
    api = await servePage(rt.ctx);
    reporterKey = await newKey(rt.ctx, 'reporter');
    readerKey = await newKey(rt.ctx, 'reader');
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    for (const s of [form, other]) s?.server.close();
    await rt?.cleanup();
  });

  /** Runs fetch inside a page of `origin`, as the site's own script would. */
  async function fetchFrom(origin: string, path: string, init: { method?: string; key: string; body?: object | string }): Promise<Answer> {
    const page: Page = await browser.newPage();
    try {
      await page.goto(`${origin}/`);
      return await page.evaluate(
        async ({ url, method, key, body }) => {
          try {
            const r = await fetch(url, {
              method,
              headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
              ...(body ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
            });
            return { status: r.status, body: await r.json() };
          } catch (err) {
            return { blocked: String(err) };
          }
        },
        { url: `${api.url}${path}`, method: init.method ?? 'GET', key: init.key, body: init.body },
      );
    } finally {
      await page.close();
    }
  }

  it('when the listed origin posts a report with a reporter key, then it is stored and the page reads the answer, errors included', async () => {
    const sent = await fetchFrom(form.origin, '/api/v1/reports', {
      method: 'POST',
      key: reporterKey,
      body: { provider: 'aws', text: 'Uploads to S3 fail for me since 9:40' },
    });
    expect(sent).toMatchObject({ status: 201, body: { stored: true, post: { provider: 'aws' } } });
    const bad = await fetchFrom(form.origin, '/api/v1/reports', { method: 'POST', key: reporterKey, body: { provider: 'awz', text: 'down' } });
    expect(bad).toMatchObject({ status: 400, body: { error: { field: 'provider' } } });
    // The JSON parser answers before the routes: its errors carry the CORS headers too.
    const broken = await fetchFrom(form.origin, '/api/v1/reports', { method: 'POST', key: reporterKey, body: '{"provider": "aws", ' });
    expect(broken).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } });
  });

  it('when another origin posts, or the listed one reads another route, then the browser blocks it and nothing is stored', async () => {
    const foreign = await fetchFrom(other.origin, '/api/v1/reports', {
      method: 'POST',
      key: reporterKey,
      body: { provider: 'aws', text: 'S3 down from elsewhere' },
    });
    expect(foreign).toMatchObject({ blocked: expect.stringContaining('Failed to fetch') });
    const feed = await fetchFrom(form.origin, '/api/v1/feed', { key: readerKey });
    expect(feed).toMatchObject({ blocked: expect.stringContaining('Failed to fetch') });
    const stored = await searchPosts(rt.ctx.db, { limit: 50 });
    expect(stored.map((p) => p.text)).toEqual(['Uploads to S3 fail for me since 9:40']);
  });
});
