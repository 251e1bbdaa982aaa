import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testRuntime } from '../helpers/runtime.js';
import { serve, newKey, bearer, getJson, sendJson, incident, type ErrorShape } from './helpers.js';
import { saveIncident } from '../../src/store/incidents-repo.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;
type Page = { incidents: Array<{ id: string; provider_name: string; links: { self: string } }>; next_cursor: string | null };

describe('API requests: validation, pagination, errors, caching', () => {
  let rt: Rt;
  let app: Awaited<ReturnType<typeof serve>>;
  let h: Record<string, string>;
  beforeAll(async () => {
    rt = await testRuntime();
    app = await serve(rt.ctx);
    h = bearer(await newKey(rt.ctx, 'reader'));
    for (let i = 0; i < 5; i++) await saveIncident(rt.ctx.db, incident(`inc-${i}`, 10 - i));
    await saveIncident(rt.ctx.db, incident('inc-closed', 50, { status: 'resolved' }));
  });
  afterAll(async () => {
    await app?.close();
    await rt?.cleanup();
  });

  const bad = async (path: string) => {
    const r = await getJson(`${app.url}${path}`, h);
    expect(r.status, path).toBe(400);
    return (r.body as ErrorShape).error;
  };

  it('when a query parameter is invalid, then 400 names the field and says why', async () => {
    expect(await bad('/api/v1/feed?limit=0')).toMatchObject({ code: 'invalid_request', field: 'limit' });
    expect((await bad('/api/v1/feed?limit=abc')).field).toBe('limit');
    expect((await bad('/api/v1/feed?limit=101')).message).toMatch(/limit/);
    expect(await bad('/api/v1/feed?status=suspected,bogus')).toMatchObject({ field: 'status.1' });
    expect(await bad('/api/v1/feed?min_confidence=2')).toMatchObject({ field: 'min_confidence' });
    expect(await bad('/api/v1/feed?cursor=garbage')).toMatchObject({ field: 'cursor' });
  });

  it('when an unknown query parameter is sent, then 400 names it', async () => {
    const e = await bad('/api/v1/feed?limt=5');
    expect(e).toMatchObject({ code: 'invalid_request', field: 'limt' });
    expect(e.message).toContain('unknown field');
    expect((await bad('/api/v1/posts?access_token=x')).field).toBe('access_token');
  });

  it('when a body is not JSON or not valid, then 400 with the reason', async () => {
    const notJson = await sendJson('POST', `${app.url}/api/v1/reports`, '{"provider": "aws", ', h);
    expect(notJson.status).toBe(400);
    expect((notJson.body as ErrorShape).error.code).toBe('invalid_json');

    const missing = await sendJson('POST', `${app.url}/api/v1/reports`, { provider: 'aws' }, h);
    expect(missing.status).toBe(400);
    expect((missing.body as ErrorShape).error).toMatchObject({ code: 'invalid_request', field: 'text' });

    const extra = await sendJson('POST', `${app.url}/api/v1/reports`, { provider: 'aws', text: 'down', severity: 'high' }, h);
    expect((extra.body as ErrorShape).error).toMatchObject({ code: 'invalid_request', field: 'severity' });
  });

  it('when the feed is paged, then the cursor walks every open incident once, in rank order', async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await getJson(`${app.url}/api/v1/feed?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, h);
      expect(r.status).toBe(200);
      const page = r.body as Page;
      expect(page.incidents.length).toBeLessThanOrEqual(2);
      ids.push(...page.incidents.map((i) => i.id));
      cursor = page.next_cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(ids).toEqual(['inc-0', 'inc-1', 'inc-2', 'inc-3', 'inc-4']);
    expect(pages).toBe(3);

    const all = (await getJson(`${app.url}/api/v1/feed?status=resolved`, h)).body as Page;
    expect(all.incidents.map((i) => i.id)).toEqual(['inc-closed']);
  });

  it('when a filter names an unknown provider, then 400 says so and names the closest one (it would match nothing and look like calm)', async () => {
    const feed = await bad('/api/v1/feed?provider=awz');
    expect(feed).toMatchObject({ code: 'invalid_request', field: 'provider' });
    expect(feed.message).toBe('query field "provider": unknown provider "awz"; did you mean "aws"?');
    expect((await bad('/api/v1/posts?provider=no-such-provider')).message).toContain('unknown provider "no-such-provider" (not in the catalog)');
    expect((await getJson(`${app.url}/api/v1/feed?provider=aws`, h)).status).toBe(200);
  });

  it('when the feed is filtered by a component or region alias, then the incident that names its catalog name is found', async () => {
    const ids = async (q: string) => ((await getJson(`${app.url}/api/v1/feed?${q}`, h)).body as Page).incidents.map((i) => i.id);
    const every = ['inc-0', 'inc-1', 'inc-2', 'inc-3', 'inc-4'];
    expect(await ids('component=S3')).toEqual(every);
    expect(await ids('component=Simple%20Storage%20Service')).toEqual(every);
    expect(await ids('component=amazon%20s3')).toEqual(every);
    expect(await ids('region=N.%20Virginia')).toEqual(every);
    expect(await ids('component=EC2')).toEqual([]);
  });

  it('when a report is blank or dated in the future, then 400 names the field', async () => {
    const post = async (body: object) => (await sendJson('POST', `${app.url}/api/v1/reports`, body, h)).body as ErrorShape;
    expect((await post({ provider: 'aws', text: '   \n ' })).error).toMatchObject({ field: 'text', message: expect.stringContaining('blank') });
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await post({ provider: 'aws', text: 'S3 is down for us', observed_at: future })).error).toMatchObject({
      field: 'observed_at',
      message: expect.stringContaining('in the future'),
    });
    const skewed = await sendJson(
      'POST',
      `${app.url}/api/v1/reports`,
      { provider: 'aws', text: 'S3 is down for us', observed_at: new Date(Date.now() + 60_000).toISOString() },
      h,
    );
    expect(skewed.status).toBe(201); // a reporter's clock a minute fast is still taken
    expect((await post({ provider: 'awz', text: 'S3 is down' })).error.message).toContain('did you mean "aws"?');
  });

  it('when something does not exist, then 404 in the one error shape', async () => {
    const r = await getJson(`${app.url}/api/v1/incidents/nope`, h);
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ error: { code: 'not_found', message: expect.stringContaining('nope') } });
    const route = await getJson(`${app.url}/api/v1/nothing-here`, h);
    expect(route.status).toBe(404);
    expect((route.body as ErrorShape).error.code).toBe('not_found');
    expect((await getJson(`${app.url}/api/v1/providers/nope`, h)).status).toBe(404);
    const detail = await getJson(`${app.url}/api/v1/incidents/inc-0`, h);
    expect(detail.status).toBe(200);
  });

  it('when a route exists but not with this method, then 405 names the methods it takes', async () => {
    const put = await sendJson('PUT', `${app.url}/api/v1/feed`, {}, h);
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET');
    expect(put.body).toEqual({ error: { code: 'method_not_allowed', message: 'PUT is not allowed on /api/v1/feed; it takes GET' } });
    const del = await sendJson('DELETE', `${app.url}/api/v1/incidents/inc-0`, {}, h);
    expect(del.status).toBe(405);
    // Outside a demo, the replay routes are not mounted at all: still 404, as documented.
    expect((await getJson(`${app.url}/api/v1/replay`, h)).status).toBe(404);
  });

  it('when the feed has not changed, then If-None-Match gets 304; after a change, 200 with a new ETag', async () => {
    const first = await fetch(`${app.url}/api/v1/feed`, { headers: h });
    const etag = first.headers.get('etag');
    expect(first.status).toBe(200);
    expect(etag).toBeTruthy();
    const again = await fetch(`${app.url}/api/v1/feed`, { headers: { ...h, 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    await saveIncident(rt.ctx.db, incident('inc-0', 20, { updated_at: '2017-02-28T18:00:00.000Z' }));
    const changed = await fetch(`${app.url}/api/v1/feed`, { headers: { ...h, 'if-none-match': etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });
});
