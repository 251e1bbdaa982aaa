import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { testRuntime, drained, VirtualClock } from '../helpers/runtime.js';
import { startDocServer, type DocServer } from '../helpers/doc-server.js';
import { startServices, type RunningServices } from '../../src/app/boot.js';
import { defaultPipelineDeps } from '../../src/pipeline/deps.js';
import { getSource } from '../../src/store/sources-repo.js';
import { countPosts } from '../../src/store/posts-repo.js';

const summary = readFileSync(new URL('../fixtures/pipeline/github_summary_2022-11-25_ACTIVE_major_incident.json', import.meta.url));

for (const backend of ['pglite', 'postgres'] as const) {
  describe(`the thin slice on ${backend}: a Statuspage source polled on a schedule, through every stage, to the API`, () => {
    let docs: DocServer;
    let rt: Awaited<ReturnType<typeof testRuntime>>;
    let services: RunningServices;
    let base: string;
    const token = '';

    beforeAll(async () => {
      docs = await startDocServer();
      docs.set('/api/v2/summary.json', summary);
      rt = await testRuntime({
        backend,
        // Five minutes after the recorded summary, so freshness ranks the incident as live.
        clock: new VirtualClock(Date.parse('2022-11-25T15:55:00Z')),
        sources: [
          {
            id: 'github-status',
            kind: 'statuspage',
            provider: 'github',
            trust: 'official',
            enabled: true,
            url: `${docs.url}/api/v2/summary.json`,
            interval: 60_000,
          },
        ],
        patch: (c) => ({ ...c, server: { ...c.server, auth: { anonymous_read: true } } }),
      });
      services = await startServices(rt, {
        api: true,
        scheduler: true,
        stages: ['ingest', 'analyze', 'correlate', 'deliver'],
        pipeline: defaultPipelineDeps(rt.ctx, { random: () => 0.5 }),
        tickMs: 50,
      });
      base = `http://127.0.0.1:${(services.server!.address() as AddressInfo).port}`;
      // Wait for the first poll to be ingested and the pipeline to go quiet.
      for (let i = 0; i < 200 && !(await getSource(rt.ctx.db, 'github-status'))?.last_success_at; i++) await new Promise((r) => setTimeout(r, 50));
      await drained(rt);
    });

    afterAll(async () => {
      await services?.stop();
      await rt?.cleanup();
      await docs?.close();
    });

    const get = async (path: string) => {
      const res = await fetch(base + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      return { status: res.status, body: (await res.json()) as Record<string, unknown>, res };
    };

    it('when the source is due, then it is fetched, its updates stored as official posts, and its health recorded', async () => {
      const source = await getSource(rt.ctx.db, 'github-status');
      expect(source?.last_success_at).not.toBeNull();
      expect(source?.consecutive_failures).toBe(0);
      expect(source?.etag).toMatch(/^"/);
      // The summary holds one incident with 7 updates: one post each.
      expect(await countPosts(rt.ctx.db)).toBe(7);
      expect(docs.requests[0]?.path).toBe('/api/v2/summary.json');
    });

    it('when the feed is read, then the incident is there, confirmed by the status page, ranked', async () => {
      const { status, body } = await get('/api/v1/feed');
      expect(status).toBe(200);
      const incidents = body.incidents as Array<Record<string, unknown>>;
      expect(incidents).toHaveLength(1);
      expect(incidents[0]).toMatchObject({ provider: 'github', status: 'confirmed', provider_name: 'GitHub' });
      expect(incidents[0]!.components).toEqual(expect.arrayContaining(['Packages', 'Pages']));
      expect(incidents[0]!.rank as number).toBeGreaterThan(0);
    });

    it('when the incident is read by id, then its evidence and timeline come with it', async () => {
      const feed = await get('/api/v1/feed');
      const id = (feed.body.incidents as Array<{ id: string }>)[0]!.id;
      const { status, body } = await get(`/api/v1/incidents/${id}`);
      expect(status).toBe(200);
      expect((body.evidence as unknown[]).length).toBe(7);
      expect((body.official_updates as unknown[]).length).toBe(7);
      expect((body.timeline as Array<{ type: string }>)[0]!.type).toBe('opened');
      const missing = await get('/api/v1/incidents/nope');
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({ error: { code: 'not_found', message: 'incident "nope" not found' } });
    });

    it('when the source is polled again, then the conditional GET gets 304 and nothing is stored twice', async () => {
      const { ctx } = rt;
      await ctx.db.query('UPDATE sources SET next_poll_at = $1', [new Date(ctx.clock.now() - 1000).toISOString()]);
      const before = docs.requests.length;
      for (let i = 0; i < 100 && docs.requests.length === before; i++) await new Promise((r) => setTimeout(r, 50));
      await drained(rt);
      expect(docs.requests.at(-1)?.ifNoneMatch).toMatch(/^"/);
      expect(await countPosts(rt.ctx.db)).toBe(7);
    });

    it('when health is asked, then /healthz and /readyz answer and /metrics counts the ingested posts', async () => {
      expect((await get('/healthz')).status).toBe(200);
      const ready = await get('/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'ready', checks: { redis: 'ok', store: 'ok' } });
      const metrics = await (await fetch(base + '/metrics')).text();
      expect(metrics).toMatch(/outage_radar_posts_ingested_total\{source="github-status"\} 7/);
      expect(metrics).toMatch(/outage_radar_incidents_open\{status="confirmed"\} 1/);
    });
  });
}
