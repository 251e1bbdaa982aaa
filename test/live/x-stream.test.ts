/**
 * The X filtered stream: the reconnect schedule as a pure function, rules from the catalog,
 * rules synced through the rules endpoint, and the real twitter-api-v2 stream against a local
 * server that drops, fails, rate-limits and goes silent. Timers are injected and run 100 times
 * faster; the delays asked for are what X prescribes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { createXClient, type XClient } from '../../src/sources/live/index.js';
import { HEALTHY, reconnectDelay, type ReconnectState, type StreamFailure } from '../../src/sources/live/x/backoff.js';
import { providersOfTag, RULE_SUFFIX, rulesFromCatalog, syncStreamRules } from '../../src/sources/live/x/rules.js';
import { startXFilteredStream, type XStreamEvent, type XStreamHandle } from '../../src/sources/live/x/stream.js';
import { budgetStatus } from '../../src/store/x-budget-repo.js';
import { getPost } from '../../src/store/posts-repo.js';
import { postSink } from '../../src/pipeline/store-posts.js';
import { testCatalog } from '../helpers/catalog.js';
import { backfillMinutesFor, uncoveredGap } from '../../src/sources/live/x/backfill.js';
import { captureLog, liveRuntime, postIds, recordingTimers, waitFor, type LiveRuntime } from './helpers.js';
import { recordedTweets, XApiServer } from './x-server.js';

function run(failures: StreamFailure[]): number[] {
  let state: ReconnectState = HEALTHY;
  return failures.map((f) => {
    const r = reconnectDelay(state, f);
    state = r.state;
    return r.delayMs;
  });
}

describe('the reconnect schedule X prescribes', () => {
  it('backs off linearly from 250 ms to 16 s on TCP/IP errors', () => {
    const d = run(Array<StreamFailure>(70).fill('network'));
    expect(d.slice(0, 4)).toEqual([250, 500, 750, 1000]);
    expect(d[63]).toBe(16_000);
    expect(d.slice(64)).toEqual(Array(6).fill(16_000));
  });

  it('backs off exponentially from 5 s to 320 s on HTTP errors', () => {
    expect(run(Array<StreamFailure>(9).fill('http'))).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 320_000, 320_000]);
  });

  it('waits 1 minute after a 429 and doubles each time', () => {
    expect(run(Array<StreamFailure>(5).fill('rate-limited'))).toEqual([60_000, 120_000, 240_000, 480_000, 960_000]);
  });

  it('reconnects at once when an established connection drops or goes silent, and that resets the back-off', () => {
    expect(run(['dropped'])).toEqual([0]);
    expect(run(['stalled'])).toEqual([0]);
    expect(run(['http', 'http', 'dropped', 'http'])).toEqual([5_000, 10_000, 0, 5_000]);
  });

  it('starts a class sequence afresh when the kind of failure changes', () => {
    expect(run(['network', 'network', 'http', 'rate-limited', 'http'])).toEqual([250, 500, 5_000, 60_000, 5_000]);
  });

  it('stays a finite number after a very long run of 429s', () => {
    expect(Number.isFinite(run(Array<StreamFailure>(500).fill('rate-limited')).at(-1))).toBe(true);
  });
});

describe('the backfill a reconnect asks for', () => {
  it('asks for the gap rounded up to a minute, within what is configured, and none when nothing is', () => {
    expect([0, 10_000, 60_000, 61_000, 150_000, 299_000, 3_600_000].map((gap) => backfillMinutesFor(gap, 5))).toEqual([1, 1, 1, 2, 3, 5, 5]);
    expect(backfillMinutesFor(150_000, 2)).toBe(2);
    expect(backfillMinutesFor(150_000, 9)).toBe(3);
    expect(backfillMinutesFor(150_000, undefined)).toBeUndefined();
  });

  it('names the part of a gap the backfill leaves out', () => {
    expect(uncoveredGap(0, 90_000, 2)).toBeNull();
    expect(uncoveredGap(0, 420_000, 2)).toEqual({ from: 0, to: 300_000 });
    expect(uncoveredGap(0, 12_000, undefined)).toEqual({ from: 0, to: 12_000 });
  });
});

describe('filtered-stream rules from the catalog', () => {
  it('names every provider it can within the plan limits, the impact-map providers first', () => {
    const catalog = testCatalog();
    const { rules, leftOut } = rulesFromCatalog(catalog, { prefer: ['github', 'aws'], maxRules: 25, maxLength: 512 });
    expect(rules.length).toBeLessThanOrEqual(25);
    for (const r of rules) {
      expect(r.value.length).toBeLessThanOrEqual(512);
      expect(r.value.endsWith(RULE_SUFFIX)).toBe(true);
      expect(r.value.startsWith('(')).toBe(true);
    }
    expect(providersOfTag(rules[0]!.tag).slice(0, 2)).toEqual(['aws', 'github']); // catalog order within the preferred
    expect(rules[0]!.value).toContain('"Amazon Web Services" OR @AWSCloud OR @AWSSupport OR from:AWSCloud OR from:AWSSupport OR AWS');
    const named = rules.flatMap((r) => providersOfTag(r.tag));
    expect(new Set([...named, ...leftOut]).size).toBe(catalog.providers.length);
    expect(named.length + leftOut.length).toBe(catalog.providers.length);
  });

  it('leaves providers out, last ones first, when the plan allows fewer rules', () => {
    const { rules, leftOut } = rulesFromCatalog(testCatalog(), { prefer: ['slack'], maxRules: 1 });
    expect(rules).toHaveLength(1);
    expect(providersOfTag(rules[0]!.tag)[0]).toBe('slack');
    expect(leftOut.length).toBeGreaterThan(0);
  });
});

let clock: VirtualClock;
let server: XApiServer;
let client: XClient;
let rt: LiveRuntime;
const handles: XStreamHandle[] = [];

async function start(): Promise<void> {
  clock = new VirtualClock(Date.parse('2024-03-10T12:00:00Z'));
  server = await XApiServer.start({ clock, keepAliveMs: 40 });
  client = createXClient({ bearerToken: server.token, baseUrl: server.url });
  rt = await liveRuntime([], clock);
}

afterEach(async () => {
  await Promise.all(handles.splice(0).map((h) => h.stop()));
  client?.close();
  await server?.close();
  await rt?.cleanup();
});

describe('syncing rules through the rules endpoint', () => {
  it('adds the missing rules, deletes our stale ones, leaves other rules alone, and changes nothing when in sync', async () => {
    await start();
    server.rules = [
      { id: '1', value: 'cats OR dogs', tag: 'someone-else' },
      { id: '2', value: '(OldProvider) (down OR outage)', tag: 'outage-radar:old' },
    ];
    const desired = rulesFromCatalog(testCatalog(), { maxRules: 5 }).rules;
    const first = await syncStreamRules(client.api, desired);
    expect(first).toEqual({ added: desired.length, deleted: 1, kept: 0, refused: [] });
    expect(server.rules.map((r) => r.value)).toEqual(['cats OR dogs', ...desired.map((r) => r.value)]);

    const posts = server.requestsTo(/stream\/rules/).filter((r) => r.method === 'POST').length;
    expect(await syncStreamRules(client.api, desired)).toEqual({ added: 0, deleted: 0, kept: desired.length, refused: [] });
    expect(server.requestsTo(/stream\/rules/).filter((r) => r.method === 'POST')).toHaveLength(posts);
  });
});

describe('the live filtered stream', () => {
  const tweets = recordedTweets('client_search_recent_tweets-0.json');

  function consume(
    opts: { monthlyReadBudget?: number; backfillMinutes?: number; catchUpPosts?: number; log?: ReturnType<typeof captureLog>; timerScale?: number } = {},
  ) {
    const timers = recordingTimers(opts.timerScale ?? 1 / 100);
    const events: XStreamEvent[] = [];
    handles.push(
      startXFilteredStream(
        opts.log ? { ...rt.ctx, log: opts.log.log } : rt.ctx,
        { client, store: postSink(rt.ctx), monthlyReadBudget: opts.monthlyReadBudget ?? 1000, timers, onEvent: (e) => events.push(e) },
        { sourceId: 'x-stream', tier: 'public', rules: { maxRules: 3 }, backfillMinutes: opts.backfillMinutes, catchUpPosts: opts.catchUpPosts },
      ),
    );
    const connects = () => events.filter((e) => e.type === 'connected').length;
    const delays = () => events.flatMap((e) => (e.type === 'reconnect-scheduled' ? [e.delayMs] : []));
    return { timers, events, connects, delays };
  }

  const matching = (tag: string) => [{ id: server.rules.find((r) => r.tag === tag)?.id ?? '0', tag }];

  it('when the server drops the connection, then it reconnects at once and posts keep flowing, each stored once', async () => {
    await start();
    // The stall timeout at a tenth (2 s, not 200 ms): on a loaded machine a late keep-alive must
    // not be read as a stall before the server's drop is.
    const c = consume({ backfillMinutes: 2, timerScale: 1 / 10 });
    await waitFor(() => c.connects() === 1 && server.openStreams === 1, 'the first connection');
    expect(server.rules.length).toBe(3); // synced before connecting
    const awsTag = server.rules[0]!.tag!;
    server.pushStream({ data: tweets[0]!, matching_rules: matching(awsTag) });
    await waitFor(async () => (await postIds(rt.ctx, 'x-stream')).length === 1, 'the first post');
    const first = await getPost(rt.ctx.db, `x:${tweets[0]!.id}`);
    expect(first).toMatchObject({ source_id: 'x-stream', tier: 'public', kind: 'social' });

    server.dropStreams();
    await waitFor(() => c.connects() === 2 && server.openStreams === 1, 'the reconnection');
    expect(c.events.find((e) => e.type === 'disconnected')).toMatchObject({ failure: 'dropped' });
    expect(c.delays()).toEqual([0]);

    server.pushStream({ data: tweets[1]!, matching_rules: matching(awsTag) });
    server.pushStream({ data: tweets[0]!, matching_rules: matching(awsTag) }); // X may send one again after a reconnect
    await waitFor(async () => (await postIds(rt.ctx, 'x-stream')).length === 2, 'the second post');
    await waitFor(() => c.events.filter((e) => e.type === 'posts').length === 3, 'all three messages handled');
    expect(c.events.flatMap((e) => (e.type === 'posts' ? [e.fresh] : []))).toEqual([1, 1, 0]);
    expect((await budgetStatus(rt.ctx.db, 1000, clock.now())).used).toBe(3); // streamed posts are reads too
    const connections = server.requestsTo(/search\/stream$/);
    expect(connections).toHaveLength(2); // one connection at a time
    // What was missed while disconnected is asked for again (plans that have backfill): the gap
    // was under a minute, so one minute, not the two configured (each re-sent post is a billed read).
    expect(connections.map((r) => r.query['backfill_minutes'])).toEqual([undefined, '1']);
    expect(c.events.filter((e) => e.type === 'gap')).toEqual([]);
    expect(connections[0]!.query).toMatchObject({
      expansions: 'author_id',
      'tweet.fields': 'created_at,lang,public_metrics,referenced_tweets,author_id,note_tweet',
    });
  });

  it('when the connection was away longer than the backfill covers, then it asks for the most configured and says which posts are not received', async () => {
    await start();
    const log = captureLog();
    const c = consume({ backfillMinutes: 2, log });
    await waitFor(() => c.connects() === 1 && server.openStreams === 1, 'the first connection');
    await new Promise((r) => setTimeout(r, 150)); // keep-alives came: the last sign of life is 12:00:00
    const lastAlive = clock.now();
    // The connection dies silently; seven minutes pass before it is noticed and replaced.
    server.silent = true;
    await new Promise((r) => setTimeout(r, 60)); // a keep-alive already sent is read before time moves
    clock.advance(7 * 60_000);
    server.dropStreams();
    await waitFor(() => c.connects() === 2, 'the reconnection');
    server.silent = false;

    expect(server.requestsTo(/search\/stream$/).map((r) => r.query['backfill_minutes'])).toEqual([undefined, '2']);
    const gap = { from: new Date(lastAlive).toISOString(), to: new Date(lastAlive + 5 * 60_000).toISOString(), backfillMinutes: 2 };
    expect(c.events.filter((e) => e.type === 'gap')).toEqual([{ type: 'gap', ...gap }]);
    const warned = log.lines.find((l) => l.msg.startsWith('X filtered stream reconnecting after a gap longer than its backfill'));
    expect(warned).toMatchObject({ level: 40, source: 'x-stream', ...gap, seconds: 300 });
    expect(server.requestsTo(/search\/recent$/)).toEqual([]); // no catch-up configured: reported only
  });

  /**
   * The recorded tweets' texts under ids whose Snowflake time falls `minutesAfter` minutes after
   * `fromMs` (one a second), so recent search's start_time / end_time place them in or out of a gap.
   */
  function tweetsAt(fromMs: number, minutesAfter: number, count: number, seq: number): typeof tweets {
    return Array.from({ length: count }, (_, i) => {
      const ms = BigInt(fromMs + minutesAfter * 60_000 + i * 1000);
      return { ...tweets[i % tweets.length]!, id: (((ms - 1288834974657n) << 22n) + BigInt(seq * 100 + i)).toString() };
    });
  }

  /** A silent connection noticed after `minutes`: the gap runs from the last keep-alive. */
  async function dropAfterSilence(c: ReturnType<typeof consume>, minutes: number): Promise<number> {
    await waitFor(() => c.connects() === 1 && server.openStreams === 1, 'the first connection');
    await new Promise((r) => setTimeout(r, 150));
    const lastAlive = clock.now();
    server.silent = true;
    await new Promise((r) => setTimeout(r, 60));
    clock.advance(minutes * 60_000);
    server.dropStreams();
    await waitFor(() => c.connects() === 2, 'the reconnection');
    server.silent = false;
    return lastAlive;
  }

  it("when a gap is longer than the backfill and catch-up is on, then each rule is read back by recent search over the uncovered window, each post stored once with its rule's provider", async () => {
    await start();
    const log = captureLog();
    const c = consume({ backfillMinutes: 2, catchUpPosts: 100, log });
    await waitFor(() => server.rules.length === 3, 'the rules');
    const [busy, quiet, silent] = server.rules;
    const from = clock.now();
    // The busy rule matched 15 posts in the gap and 3 before it; the quiet one 2 in the gap and
    // 1 in the part the backfill re-sends (so not asked for again); the last none.
    server.searches.set(busy!.value, [...tweetsAt(from, 1, 15, 1), ...tweetsAt(from, -3, 3, 2)]);
    server.searches.set(quiet!.value, [...tweetsAt(from, 2, 2, 3), ...tweetsAt(from, 5.5, 1, 4)]);
    server.searches.set(silent!.value, []);
    const lastAlive = await dropAfterSilence(c, 7);
    await waitFor(() => c.events.some((e) => e.type === 'catch-up'), 'the gap read back');

    const window = { start_time: new Date(Math.floor(lastAlive / 1000) * 1000).toISOString().replace('.000Z', 'Z'), end_time: '2024-03-10T12:05:00Z' };
    expect(window.start_time).toBe('2024-03-10T12:00:00Z');
    const searches = server.requestsTo(/search\/recent$/);
    // One page per rule first, in the stream's order, then the rule with more goes on.
    expect(searches.map((r) => [r.query['query'], r.query['max_results'], r.query['next_token'] ? 'next' : 'first'])).toEqual([
      [busy!.value, '33', 'first'], // a third of the cap
      [quiet!.value, '42', 'first'], // half of what is left
      [silent!.value, '83', 'first'],
    ]);
    for (const r of searches) expect(r.query).toMatchObject({ ...window, expansions: 'author_id' });
    expect(searches.every((r) => r.status === 200)).toBe(true);
    expect(c.events.find((e) => e.type === 'catch-up')).toEqual({
      type: 'catch-up',
      from: window.start_time,
      to: window.end_time,
      requests: 3,
      posts: 17,
      complete: true,
      stoppedBy: null,
    });
    const stored = await postIds(rt.ctx, 'x-stream');
    expect(stored).toHaveLength(17);
    expect(stored).toEqual(expect.arrayContaining([...tweetsAt(from, 1, 15, 1), ...tweetsAt(from, 2, 2, 3)].map((t) => `x:${t.id}`)));
    for (const [rule, t] of [
      [busy!, tweetsAt(from, 1, 1, 1)[0]!],
      [quiet!, tweetsAt(from, 2, 1, 3)[0]!],
    ] as const) {
      const named = providersOfTag(rule.tag);
      expect((await getPost(rt.ctx.db, `x:${t.id}`))!.provider).toBe(named.length === 1 ? named[0] : null);
    }
    expect((await budgetStatus(rt.ctx.db, 1000, clock.now())).used).toBe(17); // what was read, not what was reserved
    expect(log.lines.find((l) => l.msg === 'X filtered stream gap read back by recent search')).toMatchObject({ level: 30, posts: 17, requests: 3 });
  });

  it('when a gap holds more posts than the catch-up cap, then it reads the newest within the cap, shared among the rules, and says what it left', async () => {
    await start();
    const log = captureLog();
    const c = consume({ catchUpPosts: 30, log });
    await waitFor(() => server.rules.length === 3, 'the rules');
    const [busy, other] = server.rules;
    const from = clock.now();
    server.searches.set(busy!.value, tweetsAt(from, 1, 40, 1));
    server.searches.set(other!.value, tweetsAt(from, 2, 25, 2));
    await dropAfterSilence(c, 10);
    await waitFor(() => c.events.some((e) => e.type === 'catch-up'), 'the gap read back');
    const searches = server.requestsTo(/search\/recent$/);
    // A page each (10, the least X serves), then the busiest rule's next page fills the cap.
    expect(searches.map((r) => [r.query['query'], r.query['max_results'], r.query['next_token'] ? 'next' : 'first'])).toEqual([
      [busy!.value, '10', 'first'],
      [other!.value, '10', 'first'],
      [server.rules[2]!.value, '10', 'first'],
      [busy!.value, '10', 'next'],
    ]);
    const done = c.events.find((e) => e.type === 'catch-up');
    expect(done).toMatchObject({ requests: 4, posts: 30, complete: false, stoppedBy: 'the catch-up cap of 30 posts' });
    expect(await postIds(rt.ctx, 'x-stream')).toHaveLength(30);
    // Newest first: what the cap leaves out is the start of the gap.
    expect(await postIds(rt.ctx, 'x-stream')).toContain(`x:${tweetsAt(from, 1, 40, 1)[39]!.id}`);
    expect(log.lines.find((l) => l.msg.startsWith('X filtered stream gap read back only in part'))).toMatchObject({
      level: 40,
      posts: 30,
      stoppedBy: 'the catch-up cap of 30 posts',
    });
  });

  it("when the recent-search rate limit's last quarter is reached, then the catch-up stops and leaves it to the polls", async () => {
    await start();
    await server.close();
    server = await XApiServer.start({ clock, keepAliveMs: 40, limit: 4 }); // 4 search requests a window
    client.close();
    client = createXClient({ bearerToken: server.token, baseUrl: server.url });
    const c = consume({ catchUpPosts: 100 });
    await waitFor(() => server.rules.length === 3, 'the rules');
    const from = clock.now();
    server.searches.set(server.rules[0]!.value, tweetsAt(from, 1, 40, 1)); // more than its first page
    await dropAfterSilence(c, 3);
    await waitFor(() => c.events.some((e) => e.type === 'catch-up'), 'the catch-up to end');
    // Three first pages leave 1 of 4 requests: the busy rule's next page is not asked for.
    expect(server.requestsTo(/search\/recent$/)).toHaveLength(3);
    expect(c.events.find((e) => e.type === 'catch-up')).toMatchObject({
      requests: 3,
      posts: 33,
      complete: false,
      stoppedBy: 'the recent-search rate limit (1 of 4 requests left, kept for the polls)',
    });
  });

  it('when recent search refuses or fails during a catch-up, then what was read is kept, the rest is named, and the stream goes on', async () => {
    await start();
    const log = captureLog();
    const c = consume({ catchUpPosts: 100, log });
    await waitFor(() => server.rules.length === 3, 'the rules');
    const from = clock.now();
    server.searches.set(server.rules[0]!.value, tweetsAt(from, 1, 5, 1));
    server.failNext((r) => r.path === '/2/tweets/search/recent' && r.query['query'] === server.rules[1]!.value, { status: 429 });
    await dropAfterSilence(c, 3);
    await waitFor(() => c.events.some((e) => e.type === 'catch-up'), 'the catch-up to end');
    expect(c.events.find((e) => e.type === 'catch-up')).toMatchObject({ requests: 2, posts: 5, complete: false, stoppedBy: expect.stringMatching(/429/) });
    expect(await postIds(rt.ctx, 'x-stream')).toHaveLength(5);
    expect((await budgetStatus(rt.ctx.db, 1000, clock.now())).used).toBe(5); // the refused request's reservation given back
    server.pushStream({ data: tweets[3]! });
    await waitFor(async () => (await postIds(rt.ctx, 'x-stream')).length === 6, 'a streamed post after it');
    expect(log.lines.some((l) => l.msg.startsWith('X filtered stream gap read back only in part'))).toBe(true);

    // A later gap whose search answer is not an X response at all (a proxy's page as JSON).
    server.failNext((r) => r.path === '/2/tweets/search/recent', { status: 200, body: [{ error: 'maintenance' }] });
    clock.advance(60_000);
    server.silent = true;
    await new Promise((r) => setTimeout(r, 60));
    clock.advance(3 * 60_000);
    server.dropStreams();
    await waitFor(() => c.events.filter((e) => e.type === 'catch-up').length === 2, 'the second catch-up to end');
    server.silent = false;
    expect(c.events.filter((e) => e.type === 'catch-up')[1]).toMatchObject({
      requests: 1,
      posts: 0, // no `data`: nothing read, nothing billed
      complete: false,
      stoppedBy: expect.stringMatching(/^an answer that is not an X API response/),
    });
    expect(await postIds(rt.ctx, 'x-stream')).toHaveLength(6);
  });

  it('when it reconnects without backfill, then it says which posts are not received', async () => {
    await start();
    const log = captureLog();
    const c = consume({ log });
    await waitFor(() => c.connects() === 1, 'the first connection');
    await new Promise((r) => setTimeout(r, 150));
    const lastAlive = clock.now();
    server.silent = true;
    await new Promise((r) => setTimeout(r, 60));
    clock.advance(40_000);
    server.dropStreams();
    await waitFor(() => c.connects() === 2, 'the reconnection');
    server.silent = false;
    expect(server.requestsTo(/search\/stream$/).map((r) => r.query['backfill_minutes'])).toEqual([undefined, undefined]);
    const warned = log.lines.find((l) => l.msg.startsWith('X filtered stream reconnecting without backfill_minutes'));
    expect(warned).toMatchObject({ from: new Date(lastAlive).toISOString(), to: new Date(lastAlive + 40_000).toISOString(), backfillMinutes: null });
  });

  it('when the process restarts (a deploy, a crash, another process taking over), then its first connection asks for the time away and says what it cannot cover', async () => {
    await start();
    const log = captureLog();
    const first = consume({ backfillMinutes: 5, log });
    await waitFor(() => first.connects() === 1 && server.openStreams === 1, 'the first connection');
    await new Promise((r) => setTimeout(r, 150)); // keep-alives came: the last sign of life is 12:00:00
    const lastAlive = clock.now();
    await handles.splice(0, 1)[0]!.stop();

    // Ninety seconds later a new process (no memory of the old one) starts the stream.
    clock.advance(90_000);
    const second = consume({ backfillMinutes: 5, log });
    await waitFor(() => second.connects() === 1, 'the restarted connection');
    expect(server.requestsTo(/search\/stream$/).map((r) => r.query['backfill_minutes'])).toEqual([undefined, '2']);
    expect(second.events.filter((e) => e.type === 'gap')).toEqual([]);
    await new Promise((r) => setTimeout(r, 150));
    const secondAlive = clock.now();
    await handles.splice(0, 1)[0]!.stop();

    // Down for ten minutes: the most X re-sends is asked for, and the rest is named.
    clock.advance(10 * 60_000);
    const third = consume({ backfillMinutes: 5, log });
    await waitFor(() => third.connects() === 1, 'the connection after a long stop');
    expect(server.requestsTo(/search\/stream$/).map((r) => r.query['backfill_minutes'])).toEqual([undefined, '2', '5']);
    const gap = { from: new Date(secondAlive).toISOString(), to: new Date(secondAlive + 5 * 60_000).toISOString(), backfillMinutes: 5 };
    expect(third.events.filter((e) => e.type === 'gap')).toEqual([{ type: 'gap', ...gap }]);
    expect(lastAlive).toBeLessThan(secondAlive);
  });

  it('when Redis has lost the last sign of life, then the first connection asks for no backfill', async () => {
    await start();
    const first = consume({ backfillMinutes: 5 });
    await waitFor(() => first.connects() === 1, 'the first connection');
    await handles.splice(0, 1)[0]!.stop();
    const keys = await rt.ctx.redis.keys(`${rt.prefix}:x-filtered-stream:*last-alive`);
    expect(keys).toHaveLength(1);
    await rt.ctx.redis.del(...keys);
    clock.advance(90_000);
    const second = consume({ backfillMinutes: 5 });
    await waitFor(() => second.connects() === 1, 'the second connection');
    expect(server.requestsTo(/search\/stream$/).map((r) => r.query['backfill_minutes'])).toEqual([undefined, undefined]);
  });

  it('when a post names one provider through its rule tag, then that provider is kept on the post', async () => {
    await start();
    const c = consume();
    await waitFor(() => c.connects() === 1, 'connection');
    const single = server.rules.find((r) => providersOfTag(r.tag).length === 1);
    const tag = single?.tag ?? 'outage-radar:aws';
    server.pushStream({ data: tweets[2]!, matching_rules: [{ id: single?.id ?? '0', tag }] });
    await waitFor(async () => (await postIds(rt.ctx, 'x-stream')).length === 1, 'the post');
    expect((await getPost(rt.ctx.db, `x:${tweets[2]!.id}`))!.provider).toBe(providersOfTag(tag)[0]);
  });

  it('when reconnecting meets HTTP errors and a 429, then the waits are 5 s, 10 s, then 60 s', async () => {
    await start();
    const c = consume();
    await waitFor(() => c.connects() === 1, 'the first connection');
    // Established: it has delivered something (keep-alives come every 40 ms). A connection
    // cut before delivering anything counts as a TCP/IP failure instead (250 ms).
    await new Promise((r) => setTimeout(r, 150));
    server.failStreamConnects({ status: 503 }, { status: 503 }, { status: 429 });
    server.dropStreams();
    await waitFor(() => c.connects() === 2, 'the connection after the errors', 15_000);
    expect(c.delays()).toEqual([0, 5_000, 10_000, 60_000]);
    expect(c.events.filter((e) => e.type === 'disconnected').map((e) => (e.type === 'disconnected' ? e.failure : ''))).toEqual([
      'dropped',
      'http',
      'http',
      'rate-limited',
    ]);
    // The waits went through the injected timers.
    for (const ms of [5_000, 10_000, 60_000]) expect(c.timers.asked).toContain(ms);
    expect(server.requestsTo(/search\/stream$/).map((r) => r.status)).toEqual([200, 503, 503, 429, 200]);
  });

  it('when no data and no keep-alive arrive for 20 s, then it reconnects; keep-alives alone keep it open', async () => {
    await start();
    const c = consume();
    await waitFor(() => c.connects() === 1, 'connection');
    await new Promise((r) => setTimeout(r, 500)); // 50 s scaled, keep-alives every 4 s scaled
    expect(c.events.filter((e) => e.type === 'disconnected')).toHaveLength(0);
    server.silent = true;
    await waitFor(() => c.events.some((e) => e.type === 'disconnected'), 'the stall to be noticed');
    server.silent = false;
    expect(c.events.find((e) => e.type === 'disconnected')).toMatchObject({ failure: 'stalled' });
    await waitFor(() => c.connects() === 2, 'the reconnection');
    expect(c.delays()).toEqual([0]);
    expect(c.timers.asked).toContain(20_000);
  });

  it('when the API cannot be reached at all, then attempts back off 250 ms, 500 ms, 750 ms …', async () => {
    await start();
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    client.close();
    client = createXClient({ bearerToken: server.token, baseUrl: `http://127.0.0.1:${port}` });
    const c = consume();
    await waitFor(() => c.delays().length >= 4, 'four attempts');
    expect(c.delays().slice(0, 4)).toEqual([250, 500, 750, 1000]);
    expect(c.events.find((e) => e.type === 'disconnected')).toMatchObject({ failure: 'network' });
  });

  it('when the stream endpoint takes the connection and never answers, then the connect is given up as a network failure and retried', async () => {
    await start();
    server.failStreamConnects('hang');
    const c = consume();
    await waitFor(() => c.connects() === 1 && server.openStreams === 1, 'the connection after the unanswered one', 15_000);
    expect(server.requestsTo(/search\/stream$/).map((r) => r.status)).toEqual(['hung', 200]);
    expect(c.events.find((e) => e.type === 'disconnected')).toMatchObject({ failure: 'network', error: expect.stringMatching(/no answer within 20 s/) });
    expect(c.delays()).toEqual([250]);
  });

  it('when the rules endpoint never answers, then the sync is given up at the request deadline and tried again', async () => {
    await start();
    client.close();
    client = createXClient({ bearerToken: server.token, baseUrl: server.url, limits: { timeoutMs: 300 } });
    server.failNext((r) => r.path === '/2/tweets/search/stream/rules', 'hang');
    const c = consume();
    await waitFor(() => c.connects() === 1, 'the connection after the unanswered rules request', 15_000);
    expect(c.events.find((e) => e.type === 'disconnected')).toMatchObject({
      failure: 'network',
      error: expect.stringMatching(/rules sync failed: X API: no complete answer within 300 ms/),
    });
  });

  it('when two processes run the stream, then only one connects; the other takes over when it stops', async () => {
    await start();
    const a = consume();
    await waitFor(() => a.connects() === 1, 'the first consumer');
    const b = consume();
    await waitFor(() => b.events.some((e) => e.type === 'waiting-for-lock'), 'the second to wait');
    expect(server.openStreams).toBe(1);
    await handles[0]!.stop();
    await waitFor(() => b.connects() === 1, 'the second to take over', 5_000);
    expect(server.openStreams).toBe(1);
  });

  it('when the store is away while it reconnects, then it waits for the store instead of stopping for good', async () => {
    await start();
    const c = consume();
    await waitFor(() => c.connects() === 1, 'the first connection');
    await new Promise((r) => setTimeout(r, 150)); // established: keep-alives came
    // The read budget lives in the store; while it cannot be read, nothing may connect.
    await rt.ctx.db.exec('ALTER TABLE kv_state RENAME TO kv_state_away');
    server.dropStreams();
    await new Promise((r) => setTimeout(r, 300));
    expect(c.connects()).toBe(1);
    await rt.ctx.db.exec('ALTER TABLE kv_state_away RENAME TO kv_state');
    await waitFor(() => c.connects() === 2 && server.openStreams === 1, 'the reconnection once the store is back', 10_000);
    server.pushStream({ data: tweets[0]! });
    await waitFor(async () => (await postIds(rt.ctx, 'x-stream')).length === 1, 'a post after the outage');
  });

  it('when the monthly read budget runs out, then the stream is closed until next month', async () => {
    await start();
    const c = consume({ monthlyReadBudget: 2 });
    await waitFor(() => c.connects() === 1, 'connection');
    server.pushStream({ data: tweets[0]! });
    server.pushStream({ data: tweets[1]! });
    await waitFor(() => c.events.some((e) => e.type === 'budget-exhausted'), 'the budget to run out');
    expect(c.events.find((e) => e.type === 'budget-exhausted')).toEqual({ type: 'budget-exhausted', resumesAt: '2024-04-01T00:00:00.000Z' });
    await waitFor(() => server.openStreams === 0, 'the connection to close');
    expect(await postIds(rt.ctx, 'x-stream')).toHaveLength(2);
    expect(c.connects()).toBe(1);
  });
});
