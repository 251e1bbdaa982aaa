import { describe, it, expect, afterEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { officialPipeline, type OfficialPipeline } from '../helpers/official-pipeline.js';
import { allIncidents, evidenceOf } from '../../src/store/incidents-repo.js';

/**
 * GitHub's real history.atom of 22 Nov 2019 (test/fixtures/official/statuspage/, provenance in
 * that folder's README). Its newest entry, w7wlzstc8wss, lists Investigating at 01:19 UTC on
 * 20 Nov, three updates, and Resolved at 03:25. Polled at 04:00 by a radar that had not seen it
 * yet (the feed's first poll, or an incident that opened and ended between two polls), the entry
 * is one post dated 03:25, already resolved.
 */
const FEED = readFileSync(new URL('../fixtures/official/statuspage/github_history_2019-11-22.atom', import.meta.url), 'utf8');
const first = FEED.indexOf('<entry>');
const end = FEED.indexOf('</entry>', first) + '</entry>'.length;
/** The feed as it read at 02:00: the entry holding its first two updates (Investigating 01:19, Update 01:52), dated 01:52. */
const AT_0200 = (() => {
  const entry = FEED.slice(first, end);
  const paragraphs = entry.split('&lt;p&gt;&lt;small&gt;');
  const kept = paragraphs
    .slice(-2)
    .map((p) => '&lt;p&gt;&lt;small&gt;' + p.replace(/<\/content>[\s\S]*$/, ''))
    .join('');
  const opened = entry
    .replace(/<content type="html">[\s\S]*<\/content>/, `<content type="html">${kept}</content>`)
    .replace(/2019-11-20T03:25:47Z/g, '2019-11-20T01:52:00Z');
  return FEED.slice(0, first) + opened + FEED.slice(end);
})();

describe('a status feed entry first read already resolved', () => {
  let p: OfficialPipeline;
  afterEach(() => p?.close());

  const start = (at: string) =>
    officialPipeline(
      at,
      (url) => [{ id: 'github-feed', kind: 'statuspage', provider: 'github', trust: 'official', enabled: true, url: `${url}/history.atom`, interval: 300_000 }],
      { allowPrivate: ['127.0.0.1/32'] },
    );

  it('when its content lists the update that had it going on, then it is the incident it was: confirmed at that update, resolved at its end', async () => {
    p = await start('2019-11-20T04:00:00Z');
    expect(await p.poll('github-feed', '2019-11-20T04:00:00Z', { path: '/history.atom', body: FEED })).toBe('ok');
    const incidents = await allIncidents(p.rt.ctx.db);
    // Only the newest entry is within the 12 h window; the older ones are history.
    expect(incidents).toMatchObject([
      { provider: 'github', status: 'resolved', confirmed_at: '2019-11-20T01:19:00.000Z', resolved_at: '2019-11-20T03:25:00.000Z' },
    ]);
    expect((await evidenceOf(p.rt.ctx.db, incidents[0]!.id)).map((e) => e.post_id).sort()).toEqual([
      'statuspage:w7wlzstc8wss@2019-11-20T01:19:00.000Z',
      'statuspage:w7wlzstc8wss@2019-11-20T03:25:00.000Z',
    ]);
  }, 120_000);

  it('when the feed showed it going on at an earlier poll, then its opening update is not added: the incident was seen open then, from that poll’s update', async () => {
    p = await start('2019-11-20T02:00:00Z');
    expect(await p.poll('github-feed', '2019-11-20T02:00:00Z', { path: '/history.atom', body: AT_0200 })).toBe('ok');
    expect(await allIncidents(p.rt.ctx.db)).toMatchObject([{ status: 'confirmed', confirmed_at: '2019-11-20T01:52:00.000Z' }]);
    expect(await p.poll('github-feed', '2019-11-20T04:00:00Z', { path: '/history.atom', body: FEED })).toBe('ok');
    const [incident, ...others] = await allIncidents(p.rt.ctx.db);
    expect(others).toEqual([]);
    expect(incident).toMatchObject({ status: 'resolved', confirmed_at: '2019-11-20T01:52:00.000Z', resolved_at: '2019-11-20T03:25:00.000Z' });
    const posts = await p.rt.ctx.db.query<{ id: string }>("SELECT id FROM posts WHERE incident->>'id' = 'w7wlzstc8wss' ORDER BY id");
    expect(posts.map((r) => r.id)).toEqual(['statuspage:w7wlzstc8wss@2019-11-20T01:52:00.000Z', 'statuspage:w7wlzstc8wss@2019-11-20T03:25:00.000Z']);
  }, 120_000);
});
