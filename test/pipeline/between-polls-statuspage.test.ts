import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { officialPipeline, type OfficialPipeline } from '../helpers/official-pipeline.js';
import { allIncidents } from '../../src/store/incidents-repo.js';
import { searchPosts } from '../../src/store/posts-repo.js';

/**
 * Statuspage's summary.json lists only unresolved incidents, so an incident that opened and ended
 * between two successful polls, or one written up after the fact (created already resolved), is
 * never in it. Its incidents.json (the newest 50, ended ones included) is read when the page says
 * it changed since the last successful poll (src/pipeline/between-polls.ts).
 *
 * The documents are GitHub's real history: summary.json and incidents.json as githubstatus.com
 * served them at each moment, rebuilt by scenarios/tools/lib/statuspage-history.mjs from the 213
 * real `/api/v2/incidents/{id}.json` documents in test/fixtures/official/statuspage/github-incidents/
 * (provenance in test/fixtures/official/README.md). The page's `updated_at` is the moment of its
 * latest change, as Statuspage sets it.
 */
const LIB = fileURLToPath(new URL('../../scenarios/tools/lib/statuspage-history.mjs', import.meta.url));
const INCIDENTS = fileURLToPath(new URL('../fixtures/official/statuspage/github-incidents/', import.meta.url));

interface Page {
  summary: { page: { updated_at: string } };
  incidents: { page: { updated_at: string }; incidents: Array<{ id: string }> };
}
interface HistoryLib {
  loadHistory: (dir: string, opts: { derive: boolean }) => unknown[];
  pageAt: (history: unknown[], t: string) => Page;
  changeTimes: (history: unknown[], from: string, to: string) => string[];
}

let lib: HistoryLib;
let history: unknown[];
beforeAll(async () => {
  lib = (await import(join(LIB))) as HistoryLib;
  history = lib.loadHistory(INCIDENTS, { derive: true });
});

/**
 * summary.json and incidents.json as served at `t`, each stamped with the page's latest change
 * before it, or with `changedAt` (a change the documents show nothing of: a component edited, say).
 */
function servedAt(t: string, changedAt = lib.changeTimes(history, '2016-01-01T00:00:00.000Z', t).at(-1)!): { summary: string; incidents: string } {
  const page = lib.pageAt(history, t);
  const stamp = <D extends { page: { updated_at: string } }>(d: D) => JSON.stringify({ ...d, page: { ...d.page, updated_at: changedAt } });
  return { summary: stamp(page.summary), incidents: stamp(page.incidents) };
}

function pipeline(start: string, opts: { listPolledToo?: boolean } = {}) {
  const env = {} as { p: OfficialPipeline };
  beforeAll(async () => {
    env.p = await officialPipeline(
      start,
      (url) => [
        { id: 'github-status', kind: 'statuspage', provider: 'github', trust: 'official', enabled: true, url: `${url}/api/v2/summary.json`, interval: 300_000 },
        ...(opts.listPolledToo
          ? [
              {
                id: 'github-incidents',
                kind: 'statuspage',
                provider: 'github',
                trust: 'official',
                enabled: true,
                url: `${url}/api/v2/incidents.json`,
                interval: 300_000,
              },
            ]
          : []),
      ],
      { allowPrivate: ['127.0.0.1/32'] },
    );
  });
  afterAll(() => env.p?.close());
  /** One poll at `at`: the page as served then (or an error status, or nothing new: a 304). */
  const poll = (at: string, served: 'page' | 'same' | number = 'page') => {
    if (served === 'same') return env.p.poll('github-status', at);
    if (typeof served === 'number') return env.p.poll('github-status', at, { path: '/api/v2/summary.json', body: 'unavailable', status: served });
    const docs = servedAt(at);
    env.p.docs.set('/api/v2/incidents.json', docs.incidents);
    return env.p.poll('github-status', at, { path: '/api/v2/summary.json', body: docs.summary });
  };
  const listReads = () => env.p.docs.requests.filter((r) => r.path === '/api/v2/incidents.json').length;
  const githubIncidents = async () => (await allIncidents(env.p.rt.ctx.db)).filter((i) => i.provider === 'github');
  const posts = () => searchPosts(env.p.rt.ctx.db, { source_id: 'github-status', limit: 100 });
  return { env, poll, listReads, githubIncidents, posts };
}

describe('a nine-minute GitHub incident the page listed only while its polls failed', () => {
  // 2k60vffmq353: "We are investigating reports of degraded performance." 21:58:31, resolved 22:07:50.
  const { env, poll, listReads, githubIncidents, posts } = pipeline('2019-01-31T21:55:00Z');

  it('when the first poll reads a quiet page, then its recent incidents are history and not read', async () => {
    expect(await poll('2019-01-31T21:55:00Z')).toBe('ok');
    expect(listReads()).toBe(0);
    expect(await githubIncidents()).toEqual([]);
  });

  it('when the two polls during the incident fail and the next reads the quiet page again, then the incident is read from incidents.json: opened and resolved at the page’s own times', async () => {
    expect(await poll('2019-01-31T22:00:00Z', 503)).toBe('fetch-error');
    expect(await poll('2019-01-31T22:05:00Z', 503)).toBe('fetch-error');
    const served = servedAt('2019-01-31T22:10:00Z');
    expect((JSON.parse(served.summary) as { incidents: unknown[] }).incidents).toEqual([]);
    expect(await poll('2019-01-31T22:10:00Z')).toBe('ok');
    expect(listReads()).toBe(1);

    const stored = (await posts()).filter((p) => p.incident?.id === '2k60vffmq353');
    expect(stored.map((p) => [p.published_at, p.incident?.status]).sort()).toEqual([
      ['2019-01-31T21:58:31.785Z', 'investigating'],
      ['2019-01-31T22:07:50.605Z', 'resolved'],
    ]);
    // The incidents of earlier weeks that incidents.json also lists are not news.
    expect((await posts()).filter((p) => p.incident?.id !== '2k60vffmq353')).toEqual([]);
    const incidents = await githubIncidents();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      status: 'resolved',
      official_incident_ids: ['2k60vffmq353'],
      official_first_at: '2019-01-31T21:58:31.785Z',
      resolved_at: '2019-01-31T22:07:50.605Z',
    });
  });

  it('when the page has not changed since (a 304), then incidents.json is not read again', async () => {
    expect(await poll('2019-01-31T22:15:00Z', 'same')).toBe('not-modified');
    expect(await poll('2019-01-31T22:20:00Z')).toBe('not-modified');
    expect(listReads()).toBe(1);
    expect(await githubIncidents()).toHaveLength(1);
  });

  it('when incidents.json fails at a later changed poll, then the poll still succeeds and what was read stays', async () => {
    env.p.docs.set('/api/v2/incidents.json', 'upstream unavailable', { status: 502 });
    // A change the summary shows nothing of (a component edited, say): the page moved at 22:24.
    const body = servedAt('2019-01-31T22:25:00Z', '2019-01-31T22:24:00.000Z').summary;
    expect(await env.p.poll('github-status', '2019-01-31T22:25:00Z', { path: '/api/v2/summary.json', body })).toBe('ok');
    expect(listReads()).toBe(2);
    expect(await githubIncidents()).toMatchObject([{ status: 'resolved', official_incident_ids: ['2k60vffmq353'] }]);
    expect(await posts()).toHaveLength(2);
  });
});

describe('a nine-minute GitHub incident whose first reading of incidents.json fails', () => {
  const { env, poll, listReads, githubIncidents } = pipeline('2019-01-31T21:55:00Z');

  it('when incidents.json answers 502 at the poll after the incident, then the next changed poll asks again from the same point and the incident comes in', async () => {
    expect(await poll('2019-01-31T21:55:00Z')).toBe('ok');
    env.p.docs.set('/api/v2/incidents.json', 'bad gateway', { status: 502 });
    const at = '2019-01-31T22:10:00Z';
    expect(await env.p.poll('github-status', at, { path: '/api/v2/summary.json', body: servedAt(at).summary })).toBe('ok');
    expect(listReads()).toBe(1);
    expect(await githubIncidents()).toEqual([]);
    // The page changes again at 22:14 (a component edited): the window still starts before the incident.
    const later = servedAt('2019-01-31T22:15:00Z', '2019-01-31T22:14:00.000Z');
    env.p.docs.set('/api/v2/incidents.json', later.incidents);
    expect(await env.p.poll('github-status', '2019-01-31T22:15:00Z', { path: '/api/v2/summary.json', body: later.summary })).toBe('ok');
    expect(listReads()).toBe(2);
    expect(await githubIncidents()).toMatchObject([{ status: 'resolved', official_incident_ids: ['2k60vffmq353'], resolved_at: '2019-01-31T22:07:50.605Z' }]);
  });
});

describe('a GitHub incident the page stops listing, read with the page’s recent incidents', () => {
  // 2733ndxv827s: investigating 20:02:26, resolved 20:27:03 (GitHub's real documents of 11 Jan 2019).
  const { env, poll, githubIncidents } = pipeline('2019-01-11T19:55:00Z');

  it('when the poll after its end reads incidents.json anyway, then the closing update comes from there, at its own time, without asking for the incident’s own document', async () => {
    expect(await poll('2019-01-11T19:55:00Z')).toBe('ok');
    expect(await poll('2019-01-11T20:05:00Z')).toBe('ok');
    expect(await githubIncidents()).toMatchObject([{ status: 'confirmed', official_incident_ids: ['2733ndxv827s'] }]);
    expect(await poll('2019-01-11T20:28:00Z')).toBe('ok');
    expect(await githubIncidents()).toMatchObject([{ status: 'resolved', resolved_at: '2019-01-11T20:27:03.541Z', official_incident_ids: ['2733ndxv827s'] }]);
    expect(env.p.docs.requests.map((r) => r.path).filter((path) => path.startsWith('/api/v2/incidents/'))).toEqual([]);
  });
});

describe('a nine-minute GitHub incident behind a cache that serves an old copy', () => {
  const { env, poll, listReads, githubIncidents } = pipeline('2019-01-31T21:55:00Z');

  it('when the changed summary.json arrives only after a later poll, dated before it, then the window (in the page’s clock) still holds the incident', async () => {
    expect(await poll('2019-01-31T21:55:00Z')).toBe('ok');
    // 22:09: the cache still serves the 21:55 copy (a 304); 22:15: the copy of 22:08, the page's
    // last change 22:07:50, over a minute before our last successful poll.
    expect(await poll('2019-01-31T22:09:00Z', 'same')).toBe('not-modified');
    const stale = servedAt('2019-01-31T22:08:00Z');
    env.p.docs.set('/api/v2/incidents.json', servedAt('2019-01-31T22:15:00Z').incidents);
    expect(await env.p.poll('github-status', '2019-01-31T22:15:00Z', { path: '/api/v2/summary.json', body: stale.summary })).toBe('ok');
    expect(listReads()).toBe(1);
    expect(await githubIncidents()).toMatchObject([{ status: 'resolved', official_incident_ids: ['2k60vffmq353'], resolved_at: '2019-01-31T22:07:50.605Z' }]);
  });
});

describe('a GitHub page whose incidents.json is a source of its own', () => {
  const { poll, listReads, githubIncidents } = pipeline('2019-01-31T21:55:00Z', { listPolledToo: true });

  it('when summary.json changes, then its poll leaves incidents.json to that source', async () => {
    expect(await poll('2019-01-31T21:55:00Z')).toBe('ok');
    expect(await poll('2019-01-31T22:10:00Z')).toBe('ok');
    expect(listReads()).toBe(0);
    expect(await githubIncidents()).toEqual([]);
  });
});

describe('an old GitHub incident edited weeks later', () => {
  const { env, poll, listReads, posts } = pipeline('2019-01-31T21:40:00Z');

  it('when incidents.json shows an incident of 9 January changed now (a postmortem added, say), then it is not read in as an incident between polls', async () => {
    expect(await poll('2019-01-31T21:40:00Z')).toBe('ok');
    const served = servedAt('2019-01-31T21:50:00Z', '2019-01-31T21:49:00.000Z');
    const list = JSON.parse(served.incidents) as { page: unknown; incidents: Array<{ id: string; updated_at: string }> };
    const edited = list.incidents.map((i) => (i.id === 'sx4ctyf65d2y' ? { ...i, updated_at: '2019-01-31T21:49:00.000Z' } : i));
    env.p.docs.set('/api/v2/incidents.json', JSON.stringify({ ...list, incidents: edited }));
    expect(await env.p.poll('github-status', '2019-01-31T21:50:00Z', { path: '/api/v2/summary.json', body: served.summary })).toBe('ok');
    expect(listReads()).toBe(1);
    expect(await posts()).toEqual([]);
  });
});

describe('a GitHub incident written up nine hours after the fact', () => {
  // 396z7tmkc5nh: created 2019-01-03T01:16:42 already resolved, displayed at 2019-01-02 16:32:49.
  const { poll, listReads, githubIncidents, posts } = pipeline('2019-01-03T01:15:00Z');

  it('when the write-up appears between two polls, then its update is stored at its own time and, as a history feed’s write-up, opens nothing', async () => {
    expect(await poll('2019-01-03T01:15:00Z')).toBe('ok');
    expect(await poll('2019-01-03T01:20:00Z')).toBe('ok');
    expect(listReads()).toBe(1);
    const stored = await posts();
    expect(stored.map((p) => [p.incident?.id, p.incident?.status, p.published_at])).toEqual([['396z7tmkc5nh', 'resolved', '2019-01-02T16:32:49.277Z']]);
    expect(stored[0]!.text).toMatch(/^We observed elevated error rates/);
    expect(await githubIncidents()).toEqual([]);
  });
});
