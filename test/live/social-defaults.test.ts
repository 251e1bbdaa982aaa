/**
 * The free social sources as the shipped configuration builds them from the catalog, each
 * pointed at a loopback server speaking the platform's protocol: Jetstream (the whole firehose,
 * filtered here) with handle resolution, and Mastodon's tag timelines with any[]. Real store,
 * real Redis, the real catalog (one provider given a Bluesky account).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/config/catalog.js';
import { socialSources } from '../../src/config/social-sources.js';
import { socialSchema, type SourceConfig } from '../../src/config/schema.js';
import { VirtualClock } from '../../src/core/clock.js';
import { pollSocialSource, startLiveStreams } from '../../src/pipeline/ingest-live.js';
import type { LiveSources } from '../../src/sources/live/index.js';
import { hashtagTimelines } from '../../src/sources/live/mastodon/poller.js';
import { overlapSince } from '../../src/sources/live/mastodon/overlap.js';
import { getSource, syncSources } from '../../src/store/sources-repo.js';
import { testCatalog } from '../helpers/catalog.js';
import { testRuntime } from '../helpers/runtime.js';
import { pipelineDeps, recordingTimers, waitFor, type LiveRuntime } from './helpers.js';
import { JetstreamServer, postEvent } from './jetstream-server.js';
import { MastodonServer, recordedStatuses } from './mastodon-server.js';

const STATUS_DID = 'did:plc:samplegithubstatus0000000';
const PUBLIC_DID = 'did:plc:sample4uz2445cjiw7w4nobfgn';
const T0 = 1733937481123456;

let rt: LiveRuntime;
let live: LiveSources | undefined;
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  await live?.stop();
  live = undefined;
  for (const c of closers.splice(0).reverse()) await c();
  await rt?.cleanup();
});

/** The real catalog, with GitHub given a Bluesky account. */
function catalogWithAccount(): Catalog {
  return new Catalog(
    testCatalog().providers.map((p) => (p.id === 'github' ? { ...p, accounts: { ...p.accounts, bluesky: ['githubstatus.bsky.social'] } } : p)),
  );
}

async function start(social: unknown): Promise<{ sources: SourceConfig[] }> {
  const config = socialSchema.parse(social);
  const catalog = catalogWithAccount();
  const sources = socialSources(config, catalog, { xBearerToken: null });
  const clock = new VirtualClock(Date.parse('2024-12-11T17:20:00Z'));
  rt = await testRuntime({ sources, clock, patch: (c) => ({ ...c, social: config, catalog }) });
  await syncSources(rt.ctx.db, sources, new Date(clock.now()).toISOString());
  return { sources };
}

async function storedPosts(sourceId: string): Promise<Array<{ text: string; tier: string; provider: string | null }>> {
  return rt.ctx.db.query('SELECT text, tier, provider FROM posts WHERE source_id = $1 ORDER BY published_at, id', [sourceId]);
}

describe('Bluesky on by default', () => {
  it('when the firehose carries every post, then only those naming a provider and an outage, and the catalog account’s, are stored', async () => {
    const jetstream = await JetstreamServer.start();
    closers.push(() => jetstream.close());
    jetstream.handles.set('githubstatus.bsky.social', STATUS_DID);
    await start({ bluesky: { url: jetstream.url, handle_resolver: jetstream.httpUrl }, mastodon: { enabled: false } });

    live = startLiveStreams(rt.ctx, { ...pipelineDeps(rt.ctx), timers: recordingTimers(1 / 100) });
    await waitFor(() => jetstream.connected === 1, 'the Jetstream connection');
    // The whole firehose of posts is asked for: Jetstream has no keyword filter.
    expect(jetstream.subscriptions[0]!.searchParams.getAll('wantedCollections')).toEqual(['app.bsky.feed.post']);
    expect(jetstream.subscriptions[0]!.searchParams.getAll('wantedDids')).toEqual([]);
    expect(jetstream.resolved).toEqual(['githubstatus.bsky.social']);

    const texts = [
      'Is GitHub down for anyone else? Pushes hang',
      'GitHub Copilot wrote my tests today',
      'my cat is down with a cold',
      'what do you think, down to go out?',
      '#cloudflaredown again, half the web is gone',
    ];
    jetstream.publish(...texts.map((t, i) => postEvent(i + 1, t, T0 + i * 1000, PUBLIC_DID)));
    jetstream.publish(postEvent(9, 'We are investigating delayed Actions runs', T0 + 9000, STATUS_DID));
    await waitFor(async () => (await storedPosts('bluesky-catalog')).length === 3, 'three kept posts');
    // Every event was handled (the cursor passed the last one) and nothing else was kept.
    await live.stop();
    live = undefined;
    expect(Number((await getSource(rt.ctx.db, 'bluesky-catalog'))!.cursor)).toBe(T0 + 9000);
    expect(await storedPosts('bluesky-catalog')).toEqual([
      { text: texts[0], tier: 'public', provider: null },
      { text: texts[4], tier: 'public', provider: null },
      { text: 'We are investigating delayed Actions runs', tier: 'provider-account', provider: 'github' },
    ]);
  });

  it('when a catalog handle does not resolve, then the consumer still runs with the keyword filter', async () => {
    const jetstream = await JetstreamServer.start();
    closers.push(() => jetstream.close());
    await start({ bluesky: { url: jetstream.url, handle_resolver: jetstream.httpUrl }, mastodon: { enabled: false } });
    live = startLiveStreams(rt.ctx, { ...pipelineDeps(rt.ctx), timers: recordingTimers(1 / 100) });
    await waitFor(() => jetstream.connected === 1, 'the Jetstream connection');
    jetstream.publish(postEvent(1, 'We are investigating delayed Actions runs', T0, STATUS_DID), postEvent(2, 'Slack is down again', T0 + 1, PUBLIC_DID));
    await waitFor(async () => (await storedPosts('bluesky-catalog')).length === 1, 'the keyword post');
    expect((await storedPosts('bluesky-catalog'))[0]).toMatchObject({ text: 'Slack is down again', tier: 'public' });
  });
});

describe('Mastodon hashtags on by default', () => {
  it("when the catalog's hashtags are read, then five go in each request, each group keeps its own cursor, and a second poll asks from that cursor less the overlap", async () => {
    const mastodon = await MastodonServer.start();
    closers.push(() => mastodon.close());
    const { sources } = await start({ bluesky: { enabled: false }, mastodon: { instance: mastodon.url } });
    const src = sources.find((s) => s.id === 'mastodon-catalog-hashtags');
    if (src?.kind !== 'mastodon') throw new Error('no hashtag source');
    const groups = hashtagTimelines(mastodon.url, src.hashtags);
    const statuses = recordedStatuses();
    // Statuses under the second tag of the first group (reached through any[]) and the first tag of the last group.
    const secondTag = src.hashtags[1]!;
    const lastGroupTag = src.hashtags[(groups.length - 1) * 5]!;
    mastodon.tags.set(secondTag, statuses.slice(0, 6));
    mastodon.tags.set(lastGroupTag, statuses.slice(6, 9));

    expect(await pollSocialSource(rt.ctx, pipelineDeps(rt.ctx), src.id)).toEqual({ outcome: 'ok', newPosts: 9 });
    const tagRequests = mastodon.requests.filter((u) => u.pathname.startsWith('/api/v1/timelines/tag/'));
    expect(tagRequests.map((u) => `${u.pathname}?${u.searchParams.getAll('any[]').join(',')}`)).toEqual(
      groups.map((g) => `${g.url.pathname}?${g.url.searchParams.getAll('any[]').join(',')}`),
    );
    expect(tagRequests.every((u) => u.searchParams.getAll('any[]').length <= 4)).toBe(true);
    const cursor = JSON.parse((await getSource(rt.ctx.db, src.id))!.cursor!) as Record<string, string>;
    expect(Object.keys(cursor).sort()).toEqual([`tags:${src.hashtags[0]}`, `tags:${lastGroupTag}`].sort());

    mastodon.requests.length = 0;
    expect(await pollSocialSource(rt.ctx, pipelineDeps(rt.ctx), src.id)).toEqual({ outcome: 'ok', newPosts: 0 });
    const first = mastodon.requests.find((u) => u.pathname === groups[0]!.url.pathname)!;
    expect(first.searchParams.get('since_id')).toBe(overlapSince(cursor[`tags:${src.hashtags[0]}`], 15 * 60_000, rt.ctx.clock.now()));
    expect((await getSource(rt.ctx.db, src.id))!.interval_ms).toBe(300_000);
  });
});
