import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testRuntime, VirtualClock } from '../helpers/runtime.js';
import { serve, getJson } from './helpers.js';
import { incident } from './helpers.js';
import { saveIncident } from '../../src/store/incidents-repo.js';
import { recordPoll, syncSources } from '../../src/store/sources-repo.js';
import { githubStatusSource as source } from '../helpers/sources.js';
import { feedPage } from '../../src/api/schemas.js';
import { humanDuration, plural } from '../../src/domain/duration.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;
type App = Awaited<ReturnType<typeof serve>>;
type Feed = ReturnType<typeof feedPage.parse>;

const T0 = Date.parse('2026-03-01T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const MIN = 60_000;

describe('the feed says what it can see before it says all is well', () => {
  let rt: Rt;
  let app: App;
  const clock = new VirtualClock(T0);
  const anon = (c: Rt['ctx']['config']) => ({ ...c, server: { ...c.server, auth: { anonymous_read: true } } });

  beforeAll(async () => {
    rt = await testRuntime({ clock, patch: anon });
    app = await serve(rt.ctx);
  });
  afterAll(async () => {
    await app?.close();
    await rt?.cleanup();
  });

  const getFeed = async (query = ''): Promise<Feed> => {
    const r = await getJson(`${app.url}/api/v1/feed${query}`);
    expect(r.status).toBe(200);
    return feedPage.parse(r.body); // the documented schema, counts and coverage included
  };

  it('when no source is watched, then coverage says so and nothing claims all is well', async () => {
    const f = await getFeed();
    expect(f.incidents).toEqual([]);
    expect(f.coverage).toMatchObject({ status: 'none', watched: 0, healthy: 0 });
    expect(f.coverage.message).toMatch(/^No source is watched/);
  });

  it('when four sources are watched and none has been polled, then it is checking them for the first time', async () => {
    await syncSources(rt.ctx.db, ['a', 'b', 'c', 'd'].map(source), iso(clock.now()));
    const f = await getFeed();
    expect(f.coverage).toMatchObject({ status: 'starting', watched: 4, pending: 4, never_succeeded: 4, message: 'Checking 4 sources for the first time.' });
  });

  it('when every source fails for 12 minutes after its last success, then "no data from 4 of 4 sources for 12 min", and the ETag moves with it', async () => {
    for (const id of ['a', 'b', 'c', 'd']) await recordPoll(rt.ctx.db, id, { at: iso(T0), next_poll_at: iso(T0 + MIN), ok: true });
    clock.set(T0 + 3 * MIN);
    const healthy = await getJson(`${app.url}/api/v1/feed`);
    expect(feedPage.parse(healthy.body).coverage).toMatchObject({ status: 'ok', healthy: 4, message: null, gaps: [] });
    for (const id of ['a', 'b', 'c', 'd'])
      await recordPoll(rt.ctx.db, id, { at: iso(T0 + 3 * MIN), next_poll_at: iso(T0 + 4 * MIN), ok: false, error: 'connect ECONNREFUSED' });
    clock.set(T0 + 12 * MIN);
    const blind = await getJson(`${app.url}/api/v1/feed`, { 'if-none-match': healthy.headers.get('etag')! });
    expect(blind.status).toBe(200); // no incident changed, but what the feed can see did
    const f = feedPage.parse(blind.body);
    expect(f.coverage).toMatchObject({ status: 'blind', watched: 4, healthy: 0, failing: 4, never_succeeded: 0, last_data_at: iso(T0) });
    expect(f.coverage.message).toBe('No data from 4 of 4 sources for 12 min: an empty feed means we cannot tell, not that all is well.');
    expect(f.coverage.gaps.map((g) => [g.id, g.state, g.last_error])).toEqual(['a', 'b', 'c', 'd'].map((id) => [id, 'failing', 'connect ECONNREFUSED']));
  });

  it('when some sources answer again, then only the silent ones are named, and stale ones count as silent', async () => {
    for (const id of ['a', 'b']) await recordPoll(rt.ctx.db, id, { at: iso(clock.now()), next_poll_at: iso(clock.now() + MIN), ok: true });
    await recordPoll(rt.ctx.db, 'c', { at: iso(clock.now() - 4 * MIN), next_poll_at: iso(clock.now() + MIN), ok: true }); // 4 min > 3 intervals: stale
    const f = await getFeed();
    expect(f.coverage).toMatchObject({ status: 'partial', watched: 4, healthy: 2, failing: 1, stale: 1 });
    expect(f.coverage.message).toBe('No data from 2 of 4 sources (d, c) for 4 min.');
  });

  it('counts every matching incident, not the page: open by status, and closed within 24 hours as the recent list filters them', async () => {
    const now = clock.now();
    const at = (m: number) => iso(now - m * MIN);
    const rows = [
      incident('c1', 0.9, { status: 'confirmed', updated_at: at(1) }),
      incident('s1', 0.8, { status: 'suspected', updated_at: at(1) }),
      incident('s2', 0.7, { status: 'suspected', updated_at: at(1) }),
      incident('s3', 0.6, { status: 'suspected', provider: 'github', updated_at: at(1) }),
      incident('r1', 0.1, { status: 'resolved', updated_at: at(60) }),
      incident('r2', 0.1, { status: 'resolved', updated_at: at(23 * 60) }),
      incident('r-old', 0.1, { status: 'resolved', updated_at: at(25 * 60) }),
      incident('f1', 0.1, { status: 'faded', updated_at: at(30) }),
    ];
    for (const r of rows) await saveIncident(rt.ctx.db, r);
    const f = await getFeed('?limit=1');
    expect(f.incidents).toHaveLength(1);
    expect(f.counts).toEqual({ suspected: 3, corroborated: 0, confirmed: 1, open: 4, resolved: 2, faded: 1, closed_since: iso(now - 24 * 60 * MIN) });
    // The recent list the page loads with the counts' own window holds exactly what was counted.
    const recent = await getFeed(`?status=resolved&since=${encodeURIComponent(f.counts.closed_since)}&limit=100`);
    expect(recent.incidents.map((i) => i.id).sort()).toEqual(['r1', 'r2']);
    // Filters narrow the counts as they narrow the list.
    expect((await getFeed('?provider=github')).counts).toMatchObject({ open: 1, suspected: 1, resolved: 0 });
    // `since` too: only incidents changed at or after it are counted, as only they are listed.
    expect((await getFeed(`?since=${encodeURIComponent(at(40))}`)).counts).toMatchObject({ open: 4, resolved: 0, faded: 1 });
    expect((await getFeed('?since=2999-01-01T00:00:00Z')).counts).toMatchObject({ open: 0, resolved: 0, faded: 0 });
  });

  it('answers with a fresh generated_at and running clocks every time, even from the cache (the clock that jumped back)', async () => {
    const first = await getFeed('?limit=5');
    clock.advance(50_000); // within the same minute bucket the old cache was keyed on
    const second = await getFeed('?limit=5');
    expect(Date.parse(second.generated_at) - Date.parse(first.generated_at)).toBe(50_000);
    // s3 is GitHub's, whose page is watched and answers: its clock runs.
    const s1 = first.incidents.find((i) => i.id === 's3')!;
    const s2 = second.incidents.find((i) => i.id === 's3')!;
    expect(s2.official_page.state).toBe('healthy');
    expect(s2.silent_for_seconds! - s1.silent_for_seconds!).toBe(50);
    // s1 is AWS's, whose page nobody watches here: its silence means nothing, so no clock.
    expect(second.incidents.find((i) => i.id === 's1')).toMatchObject({ silent_for_seconds: null, official_page: { state: 'not_watched' } });
  });

  it('the incident view names a status page that posted without an author by its provider', async () => {
    const { attach } = await import('../page/helpers.js');
    const inc = incident('gh-off', 0.5, { provider: 'github', status: 'confirmed' });
    await saveIncident(rt.ctx.db, inc);
    await attach(rt.ctx, inc, [
      {
        id: 'gh-off-1',
        tier: 'official',
        source_kind: 'statuspage',
        author: null,
        url: null,
        text: 'Investigating',
        published_at: iso(clock.now()),
        trust: 1,
        probability: 1,
        contribution: 0.5,
      },
      {
        id: 'gh-off-2',
        tier: 'public',
        source_kind: 'twitter',
        author: '@dev',
        url: null,
        text: 'GitHub down?',
        published_at: iso(clock.now()),
        trust: 0.3,
        probability: 0.9,
        contribution: 0.2,
      },
    ]);
    const d = (await getJson(`${app.url}/api/v1/incidents/gh-off`)).body as {
      evidence: Array<{ post_id: string; author: string | null; author_label: string }>;
    };
    expect(d.evidence.map((e) => [e.post_id, e.author, e.author_label])).toEqual([
      ['gh-off-1', null, 'GitHub status page'],
      ['gh-off-2', '@dev', '@dev'],
    ]);
  });
});

describe('durations and counted nouns, as people read them', () => {
  it('reads 7053 s as "1 h 58 min", and agrees nouns with their counts', () => {
    expect(humanDuration(7053)).toBe('1 h 58 min');
    expect(humanDuration(45)).toBe('45 s');
    expect(humanDuration(12 * 60 + 10)).toBe('12 min');
    expect(humanDuration(2 * 3600)).toBe('2 h');
    expect(humanDuration(3 * 86400 + 4 * 3600)).toBe('3 d 4 h');
    expect([0, 1, 2].map((n) => plural(n, 'post'))).toEqual(['0 posts', '1 post', '2 posts']);
  });
});
