/**
 * Bluesky Jetstream: the subscribe URL, the keyword filter, the back-off, and a live consumer
 * (ws) against a local Jetstream that drops it, refuses it for a while, and replays from the
 * cursor it resumes with. Real store and Redis.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import {
  DEFAULT_SILENCE_MS,
  jetstreamBackoff,
  matchesKeywords,
  silenceLimitMs,
  startJetstream,
  subscribeUrl,
  type JetstreamHandle,
} from '../../src/sources/live/bluesky/jetstream.js';
import { getSource } from '../../src/store/sources-repo.js';
import { postSink } from '../../src/pipeline/store-posts.js';
import type { SourceConfig } from '../../src/config/schema.js';
import type { Resolver } from '../../src/fetch/index.js';
import { captureLog, liveRuntime, pipelineDeps, postIds, recordingTimers, waitFor, type LiveRuntime } from './helpers.js';
import { JetstreamServer, postEvent, type JetstreamEvent } from './jetstream-server.js';

describe('Jetstream subscriptions', () => {
  it('asks for posts only, adds wanted accounts, keeps the URL’s own parameters, and resumes from a cursor', () => {
    const u = new URL(
      subscribeUrl('wss://jetstream2.us-east.bsky.network/subscribe?wantedDids=did:plc:a&cursor=1', {
        cursorUs: 1725911162329308,
        wantedDids: ['did:plc:b', 'did:plc:a'],
      }),
    );
    expect(u.searchParams.getAll('wantedCollections')).toEqual(['app.bsky.feed.post']);
    expect(u.searchParams.getAll('wantedDids')).toEqual(['did:plc:a', 'did:plc:b']);
    expect(u.searchParams.get('cursor')).toBe('1725911162329308');
    expect(new URL(subscribeUrl('ws://127.0.0.1:1/subscribe')).searchParams.has('cursor')).toBe(false);
    expect(() => subscribeUrl('https://example.invalid/subscribe')).toThrow(/ws/);
  });

  it('keeps posts naming a keyword as a word, in any case, and everything when there are no keywords', () => {
    expect(matchesKeywords('Is S3 DOWN for anyone?', ['down', 'outage'])).toBe(true);
    expect(matchesKeywords('major outage in us-east-1', ['outage'])).toBe(true);
    expect(matchesKeywords('the countdown starts', ['down'])).toBe(false);
    expect(matchesKeywords('GitHub Actions not working', ['not working'])).toBe(true);
    expect(matchesKeywords('all fine', [])).toBe(true);
  });

  it('calls a minute without an event a stall on the firehose, and never when the subscription names accounts only', () => {
    expect(silenceLimitMs('wss://jetstream2.us-east.bsky.network/subscribe?wantedCollections=app.bsky.feed.post', undefined)).toBe(DEFAULT_SILENCE_MS);
    expect(DEFAULT_SILENCE_MS).toBe(60_000);
    expect(silenceLimitMs('wss://jetstream2.us-east.bsky.network/subscribe?wantedDids=did:plc:a', undefined)).toBe(0);
    expect(silenceLimitMs('wss://jetstream2.us-east.bsky.network/subscribe?wantedDids=did:plc:a', 300_000)).toBe(300_000);
    expect(silenceLimitMs('wss://jetstream2.us-east.bsky.network/subscribe', 0)).toBe(0);
  });

  it('reconnects at once after a connection that worked, then backs off 1 s, 2 s, 4 s … up to 60 s', () => {
    expect([0, 1, 2, 3, 7, 8, 40].map(jetstreamBackoff)).toEqual([0, 1000, 2000, 4000, 60_000, 60_000, 60_000]);
  });
});

let server: JetstreamServer;
let rt: LiveRuntime;
const handles: JetstreamHandle[] = [];

afterEach(async () => {
  await Promise.all(handles.splice(0).map((h) => h.stop()));
  await server?.close();
  await rt?.cleanup();
});

const T0 = 1733937481123456; // µs, the fixture's first event

describe('the live Jetstream consumer', () => {
  const source = (url: string): SourceConfig => ({
    id: 'bsky-outages',
    kind: 'bluesky',
    provider: null,
    trust: 'public',
    enabled: true,
    url,
    keywords: ['down', 'outage'],
    outage_words: [],
    accounts: [],
  });

  async function start(url?: string, resolver?: Resolver, log?: ReturnType<typeof captureLog>) {
    server = await JetstreamServer.start();
    const cfg = source(url ?? server.url) as Extract<SourceConfig, { kind: 'bluesky' }>;
    rt = await liveRuntime([cfg], new VirtualClock(Date.parse('2024-12-11T17:20:00Z')));
    const ctx = log ? { ...rt.ctx, log: log.log } : rt.ctx;
    const events: Array<{ type: string; delayMs?: number; healthy?: boolean; timeUs?: number }> = [];
    const timers = recordingTimers(1 / 100);
    const begin = () =>
      handles.push(
        startJetstream(
          ctx,
          { id: cfg.id, url: cfg.url, keywords: cfg.keywords, tier: cfg.trust, provider: cfg.provider },
          {
            fetch: { ...pipelineDeps(rt.ctx).fetch, ...(resolver ? { resolver } : {}) },
            store: postSink(rt.ctx),
            timers,
            rewindMs: 2000,
            saveEveryMs: 5000,
            onEvent: (e) => events.push(e),
          },
        ),
      );
    begin();
    return { events, begin, connects: () => events.filter((e) => e.type === 'connected').length };
  }

  it('when the connection drops and reconnecting fails for a while, then it resumes from its cursor and loses nothing', async () => {
    const c = await start();
    await waitFor(() => c.connects() === 1, 'the first connection');
    expect(server.subscriptions[0]!.searchParams.getAll('wantedCollections')).toEqual(['app.bsky.feed.post']);
    expect(server.subscriptions[0]!.searchParams.has('cursor')).toBe(false);

    const e: JetstreamEvent[] = [
      postEvent(1, 'Is S3 down for anyone else?', T0),
      postEvent(2, 'lovely weather today', T0 + 1_000_000),
      postEvent(3, 'GitHub outage again', T0 + 2_000_000),
    ];
    server.publish(...e);
    await waitFor(async () => (await postIds(rt.ctx, 'bsky-outages')).length === 2, 'two matching posts');

    // Cut, and refuse reconnections while more happens.
    server.refusing = true;
    server.dropAll();
    const missed = [
      postEvent(4, 'Slack is down', T0 + 10_000_000),
      postEvent(5, 'cat pictures', T0 + 11_000_000),
      postEvent(6, 'outage in eu-west-1', T0 + 12_000_000),
    ];
    server.publish(...missed);
    await waitFor(() => server.subscriptions.length >= 3, 'refused attempts');
    server.refusing = false;
    await waitFor(() => c.connects() === 2, 'the reconnection', 10_000);

    const resumed = server.subscriptions.at(-1)!;
    expect(Number(resumed.searchParams.get('cursor'))).toBe(e[2]!.time_us - 2_000_000); // rewound 2 s
    await waitFor(async () => (await postIds(rt.ctx, 'bsky-outages')).length === 4, 'the missed posts');
    const ids = await postIds(rt.ctx, 'bsky-outages');
    expect(ids).toEqual([e[0]!, e[2]!, missed[0]!, missed[2]!].map((x) => `bsky:at://${x.did}/app.bsky.feed.post/${x.commit!.rkey}`).sort());
    // A drop of a working connection: at once; then refusals: 1 s, 2 s …
    const delays = c.events.filter((x) => x.type === 'reconnect-scheduled').map((x) => x.delayMs);
    expect(delays.slice(0, 3)).toEqual([0, 1000, 2000]);

    // The cursor is saved on the source row.
    await waitFor(async () => (await getSource(rt.ctx.db, 'bsky-outages'))!.cursor === String(missed[2]!.time_us), 'the saved cursor');
  });

  it('when the upstream stalls (the socket stays open and answers pings, no event comes), then it reconnects from its cursor after a minute and loses nothing', async () => {
    const log = captureLog();
    const c = await start(undefined, undefined, log);
    await waitFor(() => c.connects() === 1, 'the first connection');
    const before = postEvent(1, 'Is S3 down for anyone else?', T0);
    server.publish(before);
    await waitFor(async () => (await postIds(rt.ctx, 'bsky-outages')).length === 1, 'the first post');

    // The server keeps the socket and its pongs, but its feed stops; posts go on being made.
    server.stallOpenConnections();
    const during = [postEvent(2, 'GitHub outage again', T0 + 30_000_000), postEvent(3, 'cat pictures', T0 + 31_000_000)];
    server.publish(...during);
    // 60 s of silence is 600 ms here (timers 100 times faster); pings every 300 ms keep being answered.
    await waitFor(() => c.connects() === 2, 'the reconnection after the silence', 5_000);

    const ended = c.events.find((e) => e.type === 'disconnected') as { error?: string; healthy?: boolean } | undefined;
    expect(ended).toMatchObject({ healthy: true, error: 'no event for 60 s on an open connection (stalled upstream)' });
    expect(c.events.filter((e) => e.type === 'reconnect-scheduled').map((e) => e.delayMs)).toEqual([0]);
    expect(Number(server.subscriptions.at(-1)!.searchParams.get('cursor'))).toBe(T0 - 2_000_000);
    await waitFor(async () => (await postIds(rt.ctx, 'bsky-outages')).length === 2, 'the post made during the stall');
    expect(await postIds(rt.ctx, 'bsky-outages')).toEqual([before, during[0]!].map((x) => `bsky:at://${x.did}/app.bsky.feed.post/${x.commit!.rkey}`).sort());
    const warned = log.lines.find((l) => l.msg === 'Jetstream sent no event while the connection stayed open; reconnecting from the cursor');
    expect(warned).toMatchObject({ level: 40, source: 'bsky-outages', silenceMs: 60_000, cursorUs: T0 });
  });

  it('when the connection is quiet but events keep coming within the minute, then it stays connected', async () => {
    const c = await start();
    await waitFor(() => c.connects() === 1, 'the first connection');
    // One event every 30 s of scaled time (300 ms), for 150 s of scaled time.
    for (let i = 0; i < 5; i++) {
      server.publish(postEvent(10 + i, 'lovely weather today', T0 + i * 30_000_000));
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(c.events.filter((e) => e.type === 'disconnected')).toEqual([]);
    expect(c.connects()).toBe(1);
  });

  it('when the consumer is stopped and started again, then it resumes from the cursor saved on the source', async () => {
    const c = await start();
    await waitFor(() => c.connects() === 1, 'connection');
    server.publish(postEvent(1, 'AWS down?', T0));
    await waitFor(async () => (await postIds(rt.ctx, 'bsky-outages')).length === 1, 'the first post');
    await handles.shift()!.stop();
    expect((await getSource(rt.ctx.db, 'bsky-outages'))!.cursor).toBe(String(T0));

    server.publish(postEvent(2, 'still down', T0 + 5_000_000), postEvent(3, 'major outage', T0 + 6_000_000));
    c.begin();
    await waitFor(() => c.connects() === 2, 'the new connection');
    expect(Number(server.subscriptions.at(-1)!.searchParams.get('cursor'))).toBe(T0 - 2_000_000);
    await waitFor(async () => (await postIds(rt.ctx, 'bsky-outages')).length === 3, 'the posts made while stopped');
    const src = (await getSource(rt.ctx.db, 'bsky-outages'))!;
    expect(src.posts_ingested).toBeGreaterThanOrEqual(1);
  });

  it('when frames are JSON but not events (null, an array, a number) or not JSON, then they are skipped and the connection stays up', async () => {
    const c = await start();
    await waitFor(() => c.connects() === 1, 'connection');
    for (const frame of ['null', '[]', '[null]', '42', '"text"', '{"did":"did:plc:x","time_us":']) server.sendRaw(frame);
    const after = postEvent(1, 'AWS down?', T0);
    server.publish(after);
    await waitFor(async () => (await postIds(rt.ctx, 'bsky-outages')).length === 1, 'the post after the odd frames');
    expect(c.events.filter((e) => e.type === 'disconnected')).toEqual([]);
    expect(c.connects()).toBe(1);
  });

  it('when the host name never resolves, then each attempt is given up, the source says why, and stop() does not wait for the lookup', async () => {
    let lookups = 0;
    const never: Resolver = () => {
      lookups++;
      return new Promise<string[]>(() => {});
    };
    const c = await start('ws://jetstream.invalid/subscribe', never);
    await waitFor(async () => Boolean((await getSource(rt.ctx.db, 'bsky-outages'))!.last_error), 'the recorded failure');
    expect((await getSource(rt.ctx.db, 'bsky-outages'))!.last_error).toMatch(/could not resolve jetstream\.invalid \(no answer within 10 s\)/);
    await waitFor(() => lookups >= 2, 'another attempt after the back-off');
    expect(c.connects()).toBe(0);
    const stopping = handles.splice(0).map((h) => h.stop());
    const stopped = await Promise.race([Promise.all(stopping).then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
    expect(stopped).toBe(true);
  });

  it('when the host is not an allowed address, then it does not connect and the source says why', async () => {
    const c = await start('ws://127.0.0.2:9/subscribe'); // loopback, but outside the test's allowed 127.0.0.1/32
    await waitFor(async () => Boolean((await getSource(rt.ctx.db, 'bsky-outages'))!.last_error), 'the recorded refusal');
    expect((await getSource(rt.ctx.db, 'bsky-outages'))!.last_error).toMatch(/refusing to connect to 127\.0\.0\.2/);
    expect(c.connects()).toBe(0);
  });
});
