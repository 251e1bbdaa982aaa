import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Db } from '../../src/store/db.js';
import type { Post } from '../../src/domain/post.js';
import type { Incident } from '../../src/domain/incident.js';
import { backends } from '../helpers/backends.js';
import { makeIncident } from '../helpers/incident.js';
import { insertPosts, getPost, unanalyzed, searchPosts, countPosts } from '../../src/store/posts-repo.js';
import { insertSignal } from '../../src/store/signals-repo.js';
import { syncSources, dueSources, recordPoll, getSource, nextDueAt } from '../../src/store/sources-repo.js';
import { saveIncident, getIncident, feed, attachEvidence, feedVersion, addEvent, publishedEventsAfter } from '../../src/store/incidents-repo.js';
import { migrate } from '../../src/store/migrations.js';
import { openPglite } from '../../src/store/pglite.js';

const post = (id: string, over: Partial<Post> = {}): Post => ({
  id,
  kind: 'social',
  source_kind: 'twitter',
  provider: 'aws',
  author: 'someone',
  url: null,
  published_at: '2017-02-28T17:40:00.000Z',
  title: null,
  text: `S3 is down ${id}`,
  incident: null,
  ...over,
});

const incident = (id: string, rank: number, over: Partial<Incident> = {}): Incident => makeIncident(id, { title: 'AWS S3', rank, ...over });

for (const backend of backends) {
  describe(`store on ${backend.name}`, () => {
    let db: Db;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await backend.open());
    });
    afterAll(async () => drop());

    it('when migrations run twice, then the second run applies nothing', async () => {
      expect(await migrate(db)).toBe(0);
    });

    it('when the same post is ingested twice, then it is stored once', async () => {
      const first = await insertPosts(db, 'x1', 'public', [post('p1'), post('p2'), post('p1')], '2017-02-28T17:41:00.000Z');
      const again = await insertPosts(db, 'x2', 'public', [post('p1'), post('p3')], '2017-02-28T17:42:00.000Z');
      expect(first.sort()).toEqual(['p1', 'p2']);
      expect(again).toEqual(['p3']);
      const p1 = await getPost(db, 'p1');
      expect(p1?.source_id).toBe('x1');
      expect(p1?.published_at).toBe('2017-02-28T17:40:00.000Z');
    });

    it('when a post has a signal, then it is no longer pending analysis', async () => {
      await insertSignal(
        db,
        { post_id: 'p1', probability: 0.9, outage: true, providers: ['aws'], components: ['S3'], regions: [], tier: 'public', trust: 0.35, score: 0.3 },
        '2017-02-28T17:43:00.000Z',
      );
      expect((await unanalyzed(db, ['p1', 'p2', 'p3'])).sort()).toEqual(['p2', 'p3']);
      // A second analysis of the same post (a retried job) changes nothing.
      expect(
        await insertSignal(
          db,
          { post_id: 'p1', probability: 0.1, outage: false, providers: [], components: [], regions: [], tier: 'public', trust: 0.35, score: 0 },
          '2017-02-28T17:44:00.000Z',
        ),
      ).toBe(false);
    });

    it('when an official post carries an incident, then it round-trips as JSON', async () => {
      const inc = {
        id: 'abc',
        status: 'investigating' as const,
        impact: 'major' as const,
        components: ['Pages'],
        regions: [],
        started_at: null,
        resolved_at: null,
      };
      await insertPosts(db, 'gh', 'official', [post('o1', { kind: 'official', source_kind: 'statuspage', incident: inc })], '2022-11-25T15:50:00.000Z');
      expect((await getPost(db, 'o1'))?.incident).toEqual(inc);
      expect((await searchPosts(db, { q: 'down o1', limit: 5 })).map((p) => p.id)).toEqual(['o1']);
      expect(await countPosts(db)).toBe(4);
    });

    it('when 1,200 posts arrive in one poll, then all are stored in batches', async () => {
      const many = Array.from({ length: 1200 }, (_, i) => post(`bulk-${i}`));
      expect((await insertPosts(db, 'bulk', 'public', many, '2017-02-28T18:00:00.000Z')).length).toBe(1200);
    });

    it('when sources sync from config, then new ones are due and removed ones disabled', async () => {
      const now = '2017-02-28T17:30:00.000Z';
      await syncSources(
        db,
        [
          {
            id: 'a',
            kind: 'statuspage',
            provider: 'github',
            trust: 'official',
            enabled: true,
            url: 'https://www.githubstatus.com/api/v2/summary.json',
            interval: 60_000,
          },
          { id: 'b', kind: 'rss', provider: null, trust: 'news', enabled: true, url: 'https://example.org/feed', interval: 300_000 },
        ],
        now,
      );
      expect((await dueSources(db, now, ['statuspage', 'rss'])).map((s) => s.id)).toEqual(['a', 'b']);
      await recordPoll(db, 'a', { at: now, ok: true, etag: '"v1"', next_poll_at: '2017-02-28T17:31:00.000Z', changed: true, new_posts: 3 });
      await recordPoll(db, 'b', { at: now, ok: false, error: 'GET https://example.org/feed: HTTP 500', next_poll_at: '2017-02-28T17:40:00.000Z' });
      expect((await dueSources(db, '2017-02-28T17:30:30.000Z', ['statuspage', 'rss'])).length).toBe(0);
      expect(await nextDueAt(db, ['statuspage', 'rss'])).toBe('2017-02-28T17:31:00.000Z');
      const a = await getSource(db, 'a');
      expect(a).toMatchObject({ etag: '"v1"', consecutive_failures: 0, posts_ingested: 3, last_change_at: now });
      const b = await getSource(db, 'b');
      expect(b).toMatchObject({ consecutive_failures: 1, last_error: 'GET https://example.org/feed: HTTP 500', etag: null });
      await syncSources(
        db,
        [
          {
            id: 'a',
            kind: 'statuspage',
            provider: 'github',
            trust: 'official',
            enabled: true,
            url: 'https://www.githubstatus.com/api/v2/summary.json',
            interval: 60_000,
          },
        ],
        now,
      );
      expect((await getSource(db, 'b'))?.enabled).toBe(false);
      expect((await getSource(db, 'a'))?.etag).toBe('"v1"');
    });

    it('when incidents are saved, then the feed ranks them and pages with a keyset cursor', async () => {
      await saveIncident(db, incident('i1', 0.9));
      await saveIncident(db, incident('i2', 0.5));
      await saveIncident(db, incident('i3', 0.7, { status: 'resolved' }));
      const v1 = await feedVersion(db);
      expect((await feed(db, { limit: 10 })).map((i) => i.id)).toEqual(['i1', 'i3', 'i2']);
      expect((await feed(db, { limit: 10, statuses: ['suspected'] })).map((i) => i.id)).toEqual(['i1', 'i2']);
      expect((await feed(db, { limit: 10, after: { rank: 0.9, id: 'i1' } })).map((i) => i.id)).toEqual(['i3', 'i2']);
      await saveIncident(db, incident('i2', 0.95, { status: 'corroborated' }));
      expect((await getIncident(db, 'i2'))?.status).toBe('corroborated');
      expect(await feedVersion(db)).not.toBe(v1);
    });

    it('when a post is attached twice, then the evidence holds it once', async () => {
      expect(await attachEvidence(db, 'i1', 'p1', 0.3, '2017-02-28T17:45:00.000Z')).toBe(true);
      expect(await attachEvidence(db, 'i1', 'p1', 0.3, '2017-02-28T17:46:00.000Z')).toBe(false);
      const seq = await addEvent(db, {
        incident_id: 'i1',
        at: '2017-02-28T17:45:00.000Z',
        type: 'opened',
        status: 'suspected',
        summary: 'opened',
        post_id: 'p1',
      });
      expect((await publishedEventsAfter(db, seq - 1)).map((e) => e.type)).toEqual(['opened']);
    });

    it('when an event is kept for the timeline only (a watch item), then the catch-up leaves it out and the next published one follows', async () => {
      const at = '2017-02-28T17:47:00.000Z';
      const base = { incident_id: 'i1', at, status: 'watching' as const, summary: 'one author', post_id: null };
      const hidden = await addEvent(db, { ...base, type: 'opened' }, { published: false });
      const shown = await addEvent(db, { ...base, type: 'changed', status: 'suspected', summary: 'a second author' });
      expect((await publishedEventsAfter(db, hidden - 1)).map((e) => e.seq)).toEqual([shown]);
    });
  });
}

describe('embedded store ownership', () => {
  it('when the PGlite folder is already owned by a live process, then opening it again is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'or-pglite-'));
    const db = await openPglite(dir);
    try {
      await expect(openPglite(dir)).rejects.toThrow(/owned by process \d+.*DATABASE_URL/);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when the owner died and left its lock file, then the folder is taken over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'or-pglite-'));
    // A pid that is certainly not running: a child that has already exited.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(join(dir, 'owner.lock'), dead);
    const db = await openPglite(dir);
    try {
      expect(readFileSync(join(dir, 'owner.lock'), 'utf8')).toBe(String(process.pid));
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
