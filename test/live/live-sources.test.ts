/**
 * The live sources of one process, as the ingest stage starts them: with no X credentials the
 * X sources stay off and say so once in the log, while Mastodon polls and the Bluesky stream
 * go on; with credentials, the X filtered stream starts too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../src/config/schema.js';
import { VirtualClock } from '../../src/core/clock.js';
import { createXClient, type LiveSources } from '../../src/sources/live/index.js';
import { pollSocialSource, startLiveStreams } from '../../src/pipeline/ingest-live.js';
import { X_OFF_MESSAGE, X_OFF_SOURCE_ERROR } from '../../src/sources/live/x/credentials.js';
import { getSource } from '../../src/store/sources-repo.js';
import { captureLog, liveRuntime, pipelineDeps, postIds, recordingTimers, twitterSource, waitFor, type LiveRuntime } from './helpers.js';
import { JetstreamServer, postEvent } from './jetstream-server.js';
import { MastodonServer, recordedStatuses } from './mastodon-server.js';
import { recordedTweets, XApiServer } from './x-server.js';
import { DEFAULT_OVERLAP_MS } from '../../src/sources/adapters/mastodon/config.js';

let rt: LiveRuntime;
let live: LiveSources | undefined;
const closers: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  await live?.stop();
  live = undefined;
  for (const c of closers.splice(0).reverse()) await c();
  await rt?.cleanup();
});

describe('a process with the live sources', () => {
  it('when there are no X credentials, then X sources are off with one clear log line and every other source flows', async () => {
    const mastodon = await MastodonServer.start();
    closers.push(() => mastodon.close());
    mastodon.tags.set('outage', recordedStatuses().slice(0, 5));
    const jetstream = await JetstreamServer.start();
    closers.push(() => jetstream.close());

    const sources: SourceConfig[] = [
      twitterSource('x-search-aws', { query: 'aws down', provider: 'aws' }),
      twitterSource('x-aws-account', { user: 'AWSCloud', provider: 'aws', trust: 'provider-account' }),
      {
        id: 'mastodon-outage',
        kind: 'mastodon',
        provider: null,
        trust: 'community',
        enabled: true,
        url: `${mastodon.url}/tags/outage`,
        interval: 60_000,
        hashtags: [],
        overlap: DEFAULT_OVERLAP_MS,
      },
      {
        id: 'bsky-outages',
        kind: 'bluesky',
        provider: null,
        trust: 'public',
        enabled: true,
        url: jetstream.url,
        keywords: ['down'],
        outage_words: [],
        accounts: [],
      },
    ];
    const clock = new VirtualClock(Date.parse('2024-12-11T17:20:00Z'));
    rt = await liveRuntime(sources, clock);
    expect(rt.ctx.config.secrets.xBearerToken).toBeNull();
    const { log, lines } = captureLog();
    const ctx = { ...rt.ctx, log };
    const deps = { ...pipelineDeps(ctx), timers: recordingTimers(1 / 100), x: { stream: { sourceId: 'x-stream' } } };

    live = startLiveStreams(ctx, deps);
    for (const id of ['x-search-aws', 'x-aws-account', 'x-search-aws']) {
      expect(await pollSocialSource(ctx, deps, id)).toEqual({ outcome: 'skipped', newPosts: 0, error: X_OFF_SOURCE_ERROR });
    }
    expect(lines.filter((l) => l.msg === X_OFF_MESSAGE)).toHaveLength(1);
    expect(lines.find((l) => l.msg === X_OFF_MESSAGE)).toMatchObject({ level: 40, sources: ['x-search-aws', 'x-aws-account'] });
    const x = (await getSource(rt.ctx.db, 'x-search-aws'))!;
    expect(x.last_error).toBe(X_OFF_SOURCE_ERROR);
    expect(Date.parse(x.next_poll_at!)).toBeGreaterThanOrEqual(clock.now() + 15 * 60_000);

    // Mastodon polls, Bluesky streams.
    expect(await pollSocialSource(ctx, deps, 'mastodon-outage')).toEqual({ outcome: 'ok', newPosts: 5 });
    await waitFor(() => jetstream.connected === 1, 'the Jetstream connection');
    jetstream.publish(postEvent(1, 'is bluesky down?', 1733937481123456));
    await waitFor(async () => (await postIds(rt.ctx, 'bsky-outages')).length === 1, 'the Bluesky post');
    expect((await rt.ctx.queues.depths()).analyze).toBe(6);
    expect(lines.filter((l) => l.msg === X_OFF_MESSAGE)).toHaveLength(1);
  });

  it('when there are credentials and a stream is configured, then the filtered stream runs beside the other streams', async () => {
    const clock = new VirtualClock(Date.parse('2024-03-10T12:00:00Z'));
    const xServer = await XApiServer.start({ clock });
    closers.push(() => xServer.close());
    const client = createXClient({ bearerToken: xServer.token, baseUrl: xServer.url });
    closers.push(() => client.close());
    rt = await liveRuntime([twitterSource('x-search-aws', { query: 'aws down', provider: 'aws' })], clock);
    const events: string[] = [];
    live = startLiveStreams(rt.ctx, {
      ...pipelineDeps(rt.ctx),
      timers: recordingTimers(1 / 100),
      x: { client, stream: { sourceId: 'x-stream', rules: { maxRules: 2 } }, onStreamEvent: (e) => events.push(e.type) },
    });
    await waitFor(() => xServer.openStreams === 1, 'the stream connection');
    expect(xServer.rules).toHaveLength(2);
    const tweet = recordedTweets('client_search_recent_tweets-0.json')[0]!;
    xServer.pushStream({ data: tweet, matching_rules: [{ id: xServer.rules[0]!.id, tag: xServer.rules[0]!.tag! }] });
    await waitFor(async () => (await postIds(rt.ctx, 'x-stream')).length === 1, 'the streamed post');
    await live.stop();
    live = undefined;
    // The server notices the closed socket a moment after the client closed it.
    await waitFor(() => xServer.openStreams === 0, 'the stream connection to close');
    expect(xServer.openStreams).toBe(0);
    expect(events).toContain('rules-synced');
  });
});
