import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testRuntime, VirtualClock } from '../helpers/runtime.js';
import { startDocServer, type DocServer } from '../helpers/doc-server.js';
import { eventually } from '../api/helpers.js';
import { defaultPipelineDeps } from '../../src/pipeline/deps.js';
import { ingestSource } from '../../src/pipeline/ingest.js';
import { syncSources, getSource } from '../../src/store/sources-repo.js';
import { countPosts } from '../../src/store/posts-repo.js';
import { startStageWorkers } from '../../src/app/stages.js';

/**
 * Regression (data loss 4): a 4.4 MB feed with 40,000 fresh items per poll stored 120,000 posts
 * in three polls and queued ~100,000 analyze jobs ahead of every other source. Here (smaller,
 * same shape): a feed of 3,000 items against a cap of 200, and a quiet source polled after it.
 */
function feed(items: number, prefix: string, newest: number): string {
  const rows = Array.from({ length: items }, (_, i) => {
    const at = new Date(newest - i * 60_000).toUTCString();
    return `<item><title>${prefix} ${i}: is the API down?</title><guid>${prefix}-${i}</guid><pubDate>${at}</pubDate><description>errors ${i}</description></item>`;
  });
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${prefix}</title><link>https://x.example</link><description>d</description>${rows.join('')}</channel></rss>`;
}

describe('a flooding feed', () => {
  let docs: DocServer;
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  const now = Date.parse('2024-03-01T12:00:00Z');
  const clock = new VirtualClock(now);

  beforeAll(async () => {
    docs = await startDocServer();
    docs.set('/flood.rss', feed(3000, 'flood', now));
    docs.set('/quiet.rss', feed(3, 'quiet', now));
    rt = await testRuntime({
      clock,
      patch: (c) => ({ ...c, queue: { ...c.queue, max_items_per_poll: 200, concurrency: { ...c.queue.concurrency, analyze: 1 } } }),
    });
    await syncSources(
      rt.ctx.db,
      [
        { id: 'flood', kind: 'rss', provider: null, trust: 'public', enabled: true, url: `${docs.url}/flood.rss`, interval: 60_000 },
        { id: 'quiet', kind: 'rss', provider: null, trust: 'public', enabled: true, url: `${docs.url}/quiet.rss`, interval: 60_000 },
      ],
      new Date(now).toISOString(),
    );
  });
  afterAll(async () => {
    await rt?.cleanup();
    await docs?.close();
  });

  it('when a poll brings more items than the cap, then the newest are kept and the source says how many were dropped', async () => {
    const deps = defaultPipelineDeps(rt.ctx, { random: () => 0.5 });
    expect(await ingestSource(rt.ctx, deps, 'flood')).toMatchObject({ outcome: 'ok', newPosts: 200 });
    const kept = await rt.ctx.db.query<{ id: string }>("SELECT id FROM posts WHERE source_id = 'flood'");
    expect(kept).toHaveLength(200);
    // Items 0..199 are the newest (one minute apart).
    const titles = await rt.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM posts WHERE source_id = 'flood' AND title ~ '^flood (1?[0-9]?[0-9]):'");
    expect(Number(titles[0]!.n)).toBe(200);
    const s = await getSource(rt.ctx.db, 'flood');
    expect(s).toMatchObject({ items_dropped: 2800, last_truncated_at: new Date(now).toISOString() });
  });

  it('when a quiet source is polled after the flood, then its posts are analyzed before most of the flood backlog', async () => {
    const deps = defaultPipelineDeps(rt.ctx, { random: () => 0.5 });
    expect(await ingestSource(rt.ctx, deps, 'quiet')).toMatchObject({ newPosts: 3 });
    expect(await countPosts(rt.ctx.db)).toBe(203);
    // One analyze worker, started after both polls queued their posts.
    const workers = await startStageWorkers(rt.ctx, deps, ['analyze']);
    try {
      const analyzed = async (src: string) =>
        Number(
          (await rt.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM signals s JOIN posts p ON p.id = s.post_id WHERE p.source_id = $1', [src]))[0]!
            .n,
        );
      await eventually(async () => (await analyzed('quiet')) === 3, 30_000);
      // Fair shares: each poll's k-th post runs with the other polls' k-th posts.
      expect(await analyzed('flood')).toBeLessThan(20);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
  });
});

/** A page's history of `count` items, oldest first by guid (`h-0` is the oldest), one a minute from `first`; listed newest first. */
function history(count: number, first: number): string {
  const rows = Array.from({ length: count }, (_, k) => count - 1 - k).map(
    (k) =>
      `<item><title>Update ${k}: errors on the API</title><guid>h-${k}</guid><pubDate>${new Date(first + k * 60_000).toUTCString()}</pubDate><description>update ${k}</description></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>history</title><link>https://x.example</link><description>d</description>${rows.join('')}</channel></rss>`;
}

describe('a status page that lists its whole history', () => {
  let docs: DocServer;
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  const now = Date.parse('2024-03-01T12:00:00Z');
  const first = now - 300 * 60_000;
  const clock = new VirtualClock(now);

  beforeAll(async () => {
    docs = await startDocServer();
    rt = await testRuntime({ clock, patch: (c) => ({ ...c, queue: { ...c.queue, max_items_per_poll: 200 } }) });
    await syncSources(
      rt.ctx.db,
      [{ id: 'history', kind: 'rss', provider: null, trust: 'public', enabled: true, url: `${docs.url}/history.rss`, interval: 60_000 }],
      new Date(now).toISOString(),
    );
  });
  afterAll(async () => {
    await rt?.cleanup();
    await docs?.close();
  });

  it('when its items are stored and a change adds one, then only the items not stored yet count toward the cap: nothing is cut and the source is not flagged again', async () => {
    const deps = defaultPipelineDeps(rt.ctx, { random: () => 0.5 });
    // 250 items against a cap of 200: the first poll keeps the newest 200 and says 50 were cut.
    docs.set('/history.rss', history(250, first));
    expect(await ingestSource(rt.ctx, deps, 'history')).toMatchObject({ outcome: 'ok', newPosts: 200 });
    const cut = await getSource(rt.ctx.db, 'history');
    expect(cut).toMatchObject({ items_dropped: 50, last_truncated_at: new Date(now).toISOString() });
    // The next change lists one more: the new one and the 50 left are 51 items not stored, under the cap.
    clock.set(now + 5 * 60_000);
    docs.set('/history.rss', history(251, first));
    expect(await ingestSource(rt.ctx, deps, 'history')).toMatchObject({ outcome: 'ok', newPosts: 51 });
    // And the one after: one new item among 252, nothing cut, the source not flagged again.
    clock.set(now + 10 * 60_000);
    docs.set('/history.rss', history(252, first));
    expect(await ingestSource(rt.ctx, deps, 'history')).toMatchObject({ outcome: 'ok', newPosts: 1 });
    expect(await countPosts(rt.ctx.db)).toBe(252);
    expect((await getSource(rt.ctx.db, 'history'))!.last_truncated_at).toBe(cut!.last_truncated_at);
  });
});
