import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { testRuntime, VirtualClock } from '../helpers/runtime.js';
import { startDocServer, type DocServer } from '../helpers/doc-server.js';
import { serve, newKey, bearer, getJson, eventually } from '../api/helpers.js';
import { defaultPipelineDeps } from '../../src/pipeline/deps.js';
import { ingestSource } from '../../src/pipeline/ingest.js';
import { syncSources, getSource } from '../../src/store/sources-repo.js';
import { searchPosts, countPosts } from '../../src/store/posts-repo.js';
import { startStageWorkers } from '../../src/app/stages.js';
import { PollScheduler } from '../../src/scheduler/poll-scheduler.js';

/**
 * Regression (data loss 1): one NUL in one status-page update failed the ingest job five times;
 * the job stayed in the failed set under the id the scheduler reused, so the source was never
 * polled again, showed `pending`, and the document's good items were lost with it.
 */
const summary = JSON.parse(readFileSync(new URL('../fixtures/pipeline/github_summary_2022-11-25_ACTIVE_major_incident.json', import.meta.url), 'utf8')) as {
  incidents: Array<{ incident_updates: Array<{ body: string }> }>;
};
summary.incidents[0]!.incident_updates[0]!.body += '\u0000 and a lone \ud800 surrogate';
const summaryWithNul = JSON.stringify(summary); // JSON escapes: \u0000 and \ud800

const rssWithNul = Buffer.concat([
  Buffer.from(`<?xml version="1.0"?><rss version="2.0"><channel><title>Status</title><link>https://status.example.org</link><description>s</description>
<item><title>Elevated API errors</title><guid>i1</guid><pubDate>Fri, 25 Nov 2022 15:50:00 GMT</pubDate><description>We are investigating errors `),
  Buffer.from([0]),
  Buffer.from(` on the API.</description></item>
<item><title>Resolved: login failures</title><guid>i2</guid><pubDate>Fri, 25 Nov 2022 15:40:00 GMT</pubDate><description>Login works again.</description></item>
</channel></rss>`),
]);

for (const backend of ['pglite', 'postgres'] as const) {
  describe(`a NUL in a source document (${backend})`, () => {
    let docs: DocServer;
    let rt: Awaited<ReturnType<typeof testRuntime>>;
    const clock = new VirtualClock(Date.parse('2022-11-25T16:00:00Z'));

    beforeAll(async () => {
      docs = await startDocServer();
      docs.set('/summary.json', summaryWithNul);
      docs.set('/feed.rss', rssWithNul, { headers: { 'content-type': 'application/rss+xml' } });
      rt = await testRuntime({ clock, backend });
      await syncSources(
        rt.ctx.db,
        [
          { id: 'gh', kind: 'statuspage', provider: 'github', trust: 'official', enabled: true, url: `${docs.url}/summary.json`, interval: 60_000 },
          { id: 'feed', kind: 'rss', provider: null, trust: 'news', enabled: true, url: `${docs.url}/feed.rss`, interval: 60_000 },
        ],
        new Date(clock.now()).toISOString(),
      );
    });
    afterAll(async () => {
      await rt?.cleanup();
      await docs?.close();
    });

    it('when an update body or an RSS item holds NUL, then every item is stored (NUL shown as U+FFFD) and the source stays healthy', async () => {
      const deps = defaultPipelineDeps(rt.ctx, { random: () => 0.5 });
      expect((await ingestSource(rt.ctx, deps, 'gh')).outcome).toBe('ok');
      expect((await ingestSource(rt.ctx, deps, 'feed')).outcome).toBe('ok');
      expect(await countPosts(rt.ctx.db)).toBe(7 + 2);
      const [hit] = await searchPosts(rt.ctx.db, { q: 'lone', limit: 5 });
      expect(hit?.text).toContain('\uFFFD and a lone \uFFFD surrogate');
      const [rss] = await searchPosts(rt.ctx.db, { q: 'investigating errors', limit: 5 });
      expect(rss?.text).toMatch(/errors \uFFFD on the API/);
      for (const id of ['gh', 'feed']) expect(await getSource(rt.ctx.db, id)).toMatchObject({ consecutive_failures: 0, last_error: null });
    });
  });
}

describe('a poll job that fails every attempt', () => {
  let docs: DocServer;
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  const clock = new VirtualClock(Date.parse('2022-11-25T16:00:00Z'));

  beforeAll(async () => {
    docs = await startDocServer();
    docs.set('/summary.json', JSON.stringify(summary));
    rt = await testRuntime({ clock, jobDefaults: { attempts: 2, backoff: { type: 'fixed', delay: 20 } } });
    await syncSources(
      rt.ctx.db,
      [{ id: 'gh', kind: 'statuspage', provider: 'github', trust: 'official', enabled: true, url: `${docs.url}/summary.json`, interval: 60_000 }],
      new Date(clock.now()).toISOString(),
    );
  });
  afterAll(async () => {
    await rt?.cleanup();
    await docs?.close();
  });

  it('when the store refuses a poll twice, then the source shows failing with the error and its failed job, and the next poll runs and succeeds', async () => {
    const deps = defaultPipelineDeps(rt.ctx, { random: () => 0.5 });
    const workers = await startStageWorkers(rt.ctx, deps, ['ingest']);
    const scheduler = new PollScheduler({ db: rt.ctx.db, queues: rt.ctx.queues, clock, log: rt.ctx.log, leader: null });
    const app = await serve(rt.ctx);
    try {
      // An internal failure that no source document can cause any more: the posts table is gone.
      await rt.ctx.db.exec('ALTER TABLE posts RENAME TO posts_away');
      expect(await scheduler.tick()).toBe(1);
      await eventually(async () => /ingest job failed after 2 attempts/.test((await getSource(rt.ctx.db, 'gh'))?.last_error ?? ''), 15_000);

      const h = bearer(await newKey(rt.ctx, 'reader'));
      const one = (await getJson(`${app.url}/api/v1/sources/gh`, h)).body as {
        source: { state: string; last_error: string };
        failed_jobs: Array<{ error: string; attempts: number }>;
      };
      expect(one.source.state).toBe('failing');
      expect(one.source.last_error).toMatch(/posts/);
      expect(one.failed_jobs).toHaveLength(1);
      expect(one.failed_jobs[0]).toMatchObject({ attempts: 2 });
      expect(one.failed_jobs[0]!.error).toMatch(/posts/);
      const list = (await getJson(`${app.url}/api/v1/sources`, h)).body as { sources: Array<{ id: string; state: string }> };
      expect(list.sources.find((s) => s.id === 'gh')?.state).toBe('failing');

      // The store is back; once the back-off has passed the scheduler offers the source again.
      await rt.ctx.db.exec('ALTER TABLE posts_away RENAME TO posts');
      const next = Date.parse((await getSource(rt.ctx.db, 'gh'))!.next_poll_at!);
      expect(next).toBeGreaterThan(clock.now());
      clock.set(next + 1);
      expect(await scheduler.tick()).toBe(1);
      await eventually(async () => (await getSource(rt.ctx.db, 'gh'))?.consecutive_failures === 0, 15_000);
      expect(await countPosts(rt.ctx.db)).toBe(7);
    } finally {
      await scheduler.stop();
      await Promise.all(workers.map((w) => w.close()));
      await app.close();
    }
  });
});
