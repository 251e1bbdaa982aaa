/**
 * The response schemas of src/api/schemas.ts describe what the routes really send: the OpenAPI
 * document and the page's types (public/types/api.d.ts, generated from these schemas) rely on
 * them. Each route the page reads answers a store with a confirmed incident (official update,
 * classifier features, affected features) and a watch item, and the answer must parse.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { z } from 'zod';
import { testRuntime } from '../helpers/runtime.js';
import { serve, getJson } from './helpers.js';
import { makeIncident } from '../helpers/incident.js';
import { attachEvidence, saveIncident, addEvent } from '../../src/store/incidents-repo.js';
import { insertPosts } from '../../src/store/posts-repo.js';
import { insertSignal } from '../../src/store/signals-repo.js';
import type { Post } from '../../src/domain/post.js';
import { feedPage, incidentDetailOut, noticeOut, providersList, watchList } from '../../src/api/schemas.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;
type App = Awaited<ReturnType<typeof serve>>;

const AT = '2026-03-01T11:40:00.000Z';

const post = (id: string, over: Partial<Post>): Post => ({
  id,
  kind: 'social',
  source_kind: 'rss',
  provider: 'aws',
  author: 'someone',
  url: `https://example.com/${id}`,
  published_at: AT,
  title: null,
  text: `S3 is down for us (${id})`,
  incident: null,
  ...over,
});

async function seed(rt: Rt, incidentId: string, p: Post, tier: string, features: { feature: string; kind: 'word' | 'spelling'; weight: number }[] | null) {
  await insertPosts(rt.ctx.db, `${p.source_kind}-shapes`, tier, [p], AT);
  await insertSignal(
    rt.ctx.db,
    { post_id: p.id, probability: 0.9, outage: true, providers: ['aws'], components: ['S3'], regions: ['us-east-1'], tier, trust: 0.8, score: 0.72, features },
    AT,
  );
  await attachEvidence(rt.ctx.db, incidentId, p.id, 0.5, p.published_at);
}

describe('the response schemas describe what the routes send', () => {
  let rt: Rt;
  let app: App;

  beforeAll(async () => {
    rt = await testRuntime({ patch: (c) => ({ ...c, server: { ...c.server, auth: { anonymous_read: true } } }) });
    app = await serve(rt.ctx);
    const inc = makeIncident(
      'shape-1',
      { status: 'confirmed', confirmed_at: AT, official_first_at: AT, official_lag_seconds: 120, evidence_count: 2, opened_at: AT, updated_at: AT },
      AT,
    );
    await saveIncident(rt.ctx.db, inc);
    await seed(rt, inc.id, post('shape-p1', {}), 'public', [{ feature: 'down', kind: 'word', weight: 1.4 }]);
    const official: Post['incident'] = {
      id: 'abc',
      status: 'investigating',
      impact: 'major',
      components: ['S3'],
      regions: ['us-east-1'],
      started_at: AT,
      resolved_at: null,
    };
    await seed(
      rt,
      inc.id,
      post('shape-p2', { kind: 'official', source_kind: 'statuspage', author: null, title: 'Increased Error Rates', incident: official }),
      'official',
      null,
    );
    await addEvent(rt.ctx.db, { incident_id: inc.id, at: AT, type: 'opened', status: 'suspected', summary: 'Opened as suspected', post_id: null });

    const watch = makeIncident('shape-w', { status: 'watching', opened_at: null, evidence_count: 1, updated_at: AT }, AT);
    await saveIncident(rt.ctx.db, watch);
    await seed(rt, watch.id, post('shape-p3', { author: 'stranger' }), 'public', null);
  });
  afterAll(async () => {
    await app?.close();
    await rt?.cleanup();
  });

  async function answer<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> {
    const r = await getJson(`${app.url}${path}`);
    expect(r.status).toBe(200);
    const parsed = schema.safeParse(r.body);
    expect(parsed.error?.issues ?? []).toEqual([]);
    return parsed.data as z.infer<S>;
  }

  it('when the feed is read, then incidents, counts and coverage match feedPage', async () => {
    const f = await answer('/api/v1/feed', feedPage);
    expect(f.incidents.map((i) => i.id)).toEqual(['shape-1']);
    expect(f.incidents[0]!.affects.map((a) => a.name)).toContain('File uploads');
  });

  it('when an incident is read, then its evidence, official updates and timeline match incidentDetailOut', async () => {
    const d = await answer('/api/v1/incidents/shape-1', incidentDetailOut);
    expect(d.evidence).toHaveLength(2);
    expect(d.evidence.find((e) => e.post_id === 'shape-p1')?.features).toEqual([{ feature: 'down', kind: 'word', weight: 1.4 }]);
    expect(d.official_updates.map((u) => u.official?.status)).toEqual(['investigating']);
    expect(d.timeline.map((t) => t.summary)).toEqual(['Opened as suspected']);
  });

  it('when the watch list, the notice and the providers are read, then they match their schemas', async () => {
    const w = await answer('/api/v1/watch', watchList);
    expect(w.watch.map((i) => [i.id, i.watch, i.posts.map((p) => p.author)])).toEqual([['shape-w', true, ['stranger']]]);
    expect((await answer('/api/v1/incidents/shape-1/notice', noticeOut)).status).toBe('confirmed');
    const p = await answer('/api/v1/providers', providersList);
    expect(p.providers.find((x) => x.id === 'aws')?.status_page).toMatchObject({ url: expect.stringMatching(/^https:/) });
  });
});
