/**
 * A Jetstream consumer while its store is away (the database restarting): it must neither give
 * up for good nor hammer the Jetstream server with reconnects, and once the store is back the
 * event it could not store arrives exactly once. The outage is real: the store's own tables are
 * renamed away (every INSERT and UPDATE then fails as it would against a database that lost
 * them), and renamed back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { startJetstream, type JetstreamHandle } from '../../src/sources/live/bluesky/jetstream.js';
import { postSink } from '../../src/pipeline/store-posts.js';
import type { SourceConfig } from '../../src/config/schema.js';
import { liveRuntime, pipelineDeps, postIds, recordingTimers, waitFor, type LiveRuntime } from './helpers.js';
import { JetstreamServer, postEvent } from './jetstream-server.js';

let server: JetstreamServer;
let rt: LiveRuntime;
const handles: JetstreamHandle[] = [];

afterEach(async () => {
  await Promise.all(handles.splice(0).map((h) => h.stop()));
  await server?.close();
  await rt?.cleanup();
});

const T0 = 1733937481123456; // µs, the fixture's first event

describe('the live Jetstream consumer when the store fails', () => {
  it('when the store is away for a while, then it backs off instead of reconnecting at once, survives, and stores the event once when it is back', async () => {
    server = await JetstreamServer.start();
    const cfg = {
      id: 'bsky-outages',
      kind: 'bluesky',
      provider: null,
      trust: 'public',
      enabled: true,
      url: server.url,
      keywords: ['down', 'outage'],
      outage_words: [],
      accounts: [],
    } as Extract<SourceConfig, { kind: 'bluesky' }>;
    rt = await liveRuntime([cfg], new VirtualClock(Date.parse('2024-12-11T17:20:00Z')));
    const events: Array<{ type: string; delayMs?: number; healthy?: boolean }> = [];
    handles.push(
      startJetstream(
        rt.ctx,
        { id: cfg.id, url: cfg.url, keywords: cfg.keywords, tier: cfg.trust, provider: cfg.provider },
        {
          fetch: pipelineDeps(rt.ctx).fetch,
          store: postSink(rt.ctx),
          timers: recordingTimers(1 / 100),
          rewindMs: 2000,
          saveEveryMs: 5000,
          onEvent: (e) => events.push(e),
        },
      ),
    );
    const connects = () => events.filter((e) => e.type === 'connected').length;
    await waitFor(() => connects() === 1, 'the first connection');
    const first = postEvent(1, 'Is S3 down for anyone else?', T0);
    server.publish(first);
    await waitFor(async () => (await postIds(rt.ctx, 'bsky-outages')).length === 1, 'the first post');

    // The store goes away: posts cannot be inserted, the source row cannot be updated.
    await rt.ctx.db.exec('ALTER TABLE posts RENAME TO posts_away; ALTER TABLE sources RENAME TO sources_away');
    const during = postEvent(2, 'GitHub outage again', T0 + 1_000_000);
    server.publish(during);
    await new Promise((r) => setTimeout(r, 1500));
    const attemptsDuring = server.subscriptions.length;
    // Each failed store is a reconnect; at once every time, this is hundreds in 1.5 s. Backing
    // off 1 s, 2 s, 4 s … (10 ms, 20 ms, 40 ms … on these timers) it is a handful.
    expect(attemptsDuring).toBeLessThan(15);
    const delays = events.filter((e) => e.type === 'reconnect-scheduled').map((e) => e.delayMs!);
    expect(delays.length).toBeGreaterThan(0);
    expect(delays.slice(0, 3)).toEqual([1000, 2000, 4000].slice(0, Math.min(3, delays.length)));

    // The store is back: the event is stored once, and the consumer goes on.
    await rt.ctx.db.exec('ALTER TABLE posts_away RENAME TO posts; ALTER TABLE sources_away RENAME TO sources');
    await waitFor(async () => (await postIds(rt.ctx, 'bsky-outages')).length === 2, 'the event held back by the outage', 15_000);
    const after = postEvent(3, 'Slack is down', T0 + 2_000_000);
    server.publish(after);
    await waitFor(async () => (await postIds(rt.ctx, 'bsky-outages')).length === 3, 'a post after the outage');
    const ids = await postIds(rt.ctx, 'bsky-outages');
    expect(ids).toEqual([first, during, after].map((x) => `bsky:at://${x.did}/app.bsky.feed.post/${x.commit!.rkey}`).sort());
  });
});
