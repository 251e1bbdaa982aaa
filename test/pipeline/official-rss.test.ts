import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { officialPipeline, type OfficialPipeline } from '../helpers/official-pipeline.js';
import { allIncidents } from '../../src/store/incidents-repo.js';
import { searchPosts } from '../../src/store/posts-repo.js';

/** A status.io page's RSS (dockerstatus.com): see test/fixtures/golden/README.md. */
const feed = (name: string) => readFileSync(new URL(`../fixtures/golden/rss/${name}`, import.meta.url));
const ACTIVE = feed('docker_statusio_rss_2026-06-04_DERIVED_as-at-1216Z.xml');
const RESOLVED = feed('docker_statusio_rss_2026-06-24.xml');

describe('a status feed read by the generic rss kind, through the pipeline', () => {
  let p: OfficialPipeline;
  let rt: OfficialPipeline['rt'];
  beforeAll(async () => {
    p = await officialPipeline('2026-06-04T12:00:00Z', (url) => [
      { id: 'docker-status', kind: 'rss', provider: 'docker', trust: 'official', enabled: true, url: `${url}/official/rss`, interval: 60_000 },
      { id: 'docker-mirror', kind: 'rss', provider: 'docker', trust: 'community', enabled: true, url: `${url}/community/rss`, interval: 60_000 },
    ]);
    rt = p.rt;
  });
  afterAll(() => p?.close());

  const poll = async (source: string, path: string, doc: Buffer, at: string) => {
    await p.poll(source, at, { path, body: doc });
  };

  it('when a community source relays the page, then its items stay posts: nothing official is read from them', async () => {
    await poll('docker-mirror', '/community/rss', ACTIVE, '2026-06-04T12:15:00Z');
    const posts = await searchPosts(rt.ctx.db, { source_id: 'docker-mirror', limit: 10 });
    expect(posts.map((p) => [p.kind, p.incident])).toEqual([
      ['social', null],
      ['social', null],
    ]);
    expect((await allIncidents(rt.ctx.db)).filter((i) => i.status === 'confirmed' || i.status === 'resolved')).toEqual([]);
  });

  it('when the official feed says Investigating and then Resolved, then the incident is confirmed and then resolved, and stays resolved', async () => {
    await poll('docker-status', '/official/rss', ACTIVE, '2026-06-04T12:16:00Z');
    let confirmed = (await allIncidents(rt.ctx.db)).filter((i) => i.status === 'confirmed');
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]).toMatchObject({ provider: 'docker', severity: 'major', official_incident_ids: ['6a216c468614df05b0372d0d'] });

    await poll('docker-status', '/official/rss', RESOLVED, '2026-06-04T13:44:00Z');
    const [inc] = (await allIncidents(rt.ctx.db)).filter((i) => i.id === confirmed[0]!.id);
    expect(inc).toMatchObject({ status: 'resolved', resolved_at: '2026-06-04T13:43:00.000Z' });

    // Three days of silence later the page has nothing new to say: the incident stays resolved.
    await poll('docker-status', '/official/rss', RESOLVED, '2026-06-07T13:44:00Z');
    confirmed = (await allIncidents(rt.ctx.db)).filter((i) => i.status === 'confirmed');
    expect(confirmed).toEqual([]);
  });
});
