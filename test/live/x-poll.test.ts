/**
 * Polling X sources with the real twitter-api-v2 client against a local X API v2 server, the
 * real store (in-memory PGlite) and real Redis queues, on a virtual clock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { createXClient, DEFAULT_X_MONTHLY_READ_BUDGET, type LiveDeps, type XClient } from '../../src/sources/live/index.js';
import { pollSocialSource } from '../../src/pipeline/ingest-live.js';
import { budgetStatus } from '../../src/store/x-budget-repo.js';
import { getSource } from '../../src/store/sources-repo.js';
import { getPosts } from '../../src/store/posts-repo.js';
import { liveRuntime, pipelineDeps, postIds, twitterSource, type LiveRuntime } from './helpers.js';
import { recordedTweets, recordedUser, XApiServer, type Tweet } from './x-server.js';

const START = Date.parse('2024-03-10T12:00:00Z');
const SEARCH = twitterSource('x-search-aws', { query: '(aws OR s3) (down OR outage)', provider: 'aws' });

/** 108 recorded tweets (two pages of 100 at most), and 10 newer ones held back. */
const older: Tweet[] = [...recordedTweets('client_get_home_timeline-0.json'), ...recordedTweets('client_search_recent_tweets-0.json')];
const newer: Tweet[] = recordedTweets('asyncclient_search_recent_tweets-0.json');
const xIds = (ts: Tweet[]) => ts.map((t) => `x:${t.id}`).sort();
const maxId = (ts: Tweet[]) =>
  ts
    .map((t) => BigInt(t.id))
    .reduce((a, b) => (a > b ? a : b))
    .toString();

let clock: VirtualClock;
let server: XApiServer;
let client: XClient;
let rt: LiveRuntime;

async function start(sources = [SEARCH], serverOpts: { limit?: number } = {}): Promise<void> {
  server = await XApiServer.start({ clock, ...serverOpts });
  client = createXClient({ bearerToken: server.token, baseUrl: server.url });
  rt = await liveRuntime(sources, clock);
}

function deps(x: { monthlyReadBudget?: number } = {}): LiveDeps {
  return { ...pipelineDeps(rt.ctx), x: { client, ...x } };
}

beforeEach(() => {
  clock = new VirtualClock(START);
});

afterEach(async () => {
  client?.close();
  await server?.close();
  await rt?.cleanup();
});

describe('X recent search', () => {
  it('when the server closes the connection on page 2, then the cursor stays put and the next poll stores every post once', async () => {
    await start();
    server.search = [...older];
    server.failNext((r) => r.path === '/2/tweets/search/recent' && r.query['next_token'] !== undefined, 'close');

    const first = await pollSocialSource(rt.ctx, deps(), SEARCH.id);
    expect(first.outcome).toBe('fetch-error');
    expect(first.newPosts).toBe(100);
    let src = (await getSource(rt.ctx.db, SEARCH.id))!;
    expect(src.cursor).toBeNull();
    expect(src.last_error).toMatch(/after 1 page\(s\) stored; cursor kept/);
    expect(await postIds(rt.ctx, SEARCH.id)).toHaveLength(100);

    clock.set(Date.parse(src.next_poll_at!));
    const second = await pollSocialSource(rt.ctx, deps(), SEARCH.id);
    expect(second).toEqual({ outcome: 'ok', newPosts: 8 });
    expect(await postIds(rt.ctx, SEARCH.id)).toEqual(xIds(older));
    src = (await getSource(rt.ctx.db, SEARCH.id))!;
    expect(JSON.parse(src.cursor!)).toEqual({ since_id: maxId(older) });
    expect(src.last_error).toBeNull();

    // The requests asked for what the issue says: every field, the expansion, no since_id yet.
    const pages = server.requestsTo(/search\/recent/);
    expect(pages.map((r) => r.status)).toEqual([200, 'closed', 200, 200]);
    expect(pages[2]!.query).toMatchObject({
      query: '(aws OR s3) (down OR outage)',
      max_results: '100',
      expansions: 'author_id',
      'tweet.fields': 'created_at,lang,public_metrics,referenced_tweets,author_id,note_tweet',
      'user.fields': 'username,name,verified,public_metrics',
    });
    expect(pages[2]!.query['since_id']).toBeUndefined();

    // New posts arrive: the next poll asks only for what is newer than the cursor.
    server.search = [...older, ...newer];
    clock.set(Date.parse(src.next_poll_at!));
    const third = await pollSocialSource(rt.ctx, deps(), SEARCH.id);
    expect(third).toEqual({ outcome: 'ok', newPosts: 10 });
    expect(server.requestsTo(/search\/recent/).at(-1)!.query['since_id']).toBe(maxId(older));
    expect(await postIds(rt.ctx, SEARCH.id)).toEqual(xIds([...older, ...newer]));
    const rows = await rt.ctx.db.query<{ n: unknown }>('SELECT count(*) AS n FROM posts');
    expect(Number(rows[0]!.n)).toBe(118); // none twice
    // Every stored post is queued for analysis.
    expect((await rt.ctx.queues.depths()).analyze).toBe(118);
  });

  it('when a tweet is longer than 280 characters, then it asks for note_tweet and stores the whole text', async () => {
    await start();
    // X's documented shape of a long post: `text` cut short, the whole text in `note_tweet.text`
    // (docs.x.com/x-api/fundamentals/data-dictionary, "note_tweet"), sent only when asked for.
    const whole = `AWS is down for us in us-east-1: ${'S3 uploads fail with 503 SlowDown, Lambda cold starts time out, the console will not load. '.repeat(4)}Anyone else?`;
    const long: Tweet = { ...older[0]!, id: '1900000000000000001', text: `${whole.slice(0, 270)}… https://t.co/x`, note_tweet: { text: whole } };
    server.search = [long];
    expect(await pollSocialSource(rt.ctx, deps(), SEARCH.id)).toEqual({ outcome: 'ok', newPosts: 1 });
    const [post] = await getPosts(rt.ctx.db, [`x:${long.id}`]);
    expect(post?.text).toBe(whole);
  });

  it('when a 429 comes, then the next poll is at x-rate-limit-reset on the injected clock, and no read is counted', async () => {
    await start();
    server.search = [...older];
    const reset = Math.floor(START / 1000) + 900;
    server.failNext((r) => r.path === '/2/tweets/search/recent', {
      status: 429,
      body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
      headers: { 'x-rate-limit-limit': '450', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) },
    });

    const r = await pollSocialSource(rt.ctx, deps(), SEARCH.id);
    expect(r.outcome).toBe('fetch-error');
    const src = (await getSource(rt.ctx.db, SEARCH.id))!;
    expect(src.next_poll_at).toBe(new Date(reset * 1000).toISOString());
    expect(src.last_error).toMatch(/429/);
    expect((await budgetStatus(rt.ctx.db, DEFAULT_X_MONTHLY_READ_BUDGET, clock.now())).used).toBe(0);

    clock.set(reset * 1000);
    expect(await pollSocialSource(rt.ctx, deps(), SEARCH.id)).toEqual({ outcome: 'ok', newPosts: 108 });
  });

  it('when x-rate-limit-remaining reaches 0 between pages, then it waits for the reset and goes on from that page, the cursor unmoved until the end', async () => {
    await start([SEARCH], { limit: 1 }); // one request per 15-minute window
    server.search = [...older];
    const resetMs = (Math.floor(START / 1000) + 900) * 1000;

    expect(await pollSocialSource(rt.ctx, deps(), SEARCH.id)).toEqual({ outcome: 'ok', newPosts: 100 });
    expect(server.requestsTo(/search\/recent/)).toHaveLength(1); // page 2 not asked for: no request left
    let src = (await getSource(rt.ctx.db, SEARCH.id))!;
    expect(src.next_poll_at).toBe(new Date(resetMs).toISOString());
    const paused = JSON.parse(src.cursor!) as Record<string, string>;
    expect(paused['since_id']).toBeUndefined();
    expect(paused['next_token']).toBeTruthy();

    clock.set(resetMs);
    expect(await pollSocialSource(rt.ctx, deps(), SEARCH.id)).toEqual({ outcome: 'ok', newPosts: 8 });
    const second = server.requestsTo(/search\/recent/)[1]!;
    expect(second.query['next_token']).toBe(paused['next_token']);
    src = (await getSource(rt.ctx.db, SEARCH.id))!;
    expect(JSON.parse(src.cursor!)).toEqual({ since_id: maxId(older) });
    expect(await postIds(rt.ctx, SEARCH.id)).toEqual(xIds(older));
    // That request used up the new window too: the next poll is at its reset, not sooner.
    expect(src.next_poll_at).toBe(new Date(resetMs + 900_000).toISOString());
  });
});

describe('the monthly read budget', () => {
  it('when the budget runs out, then requests ask for no more than is left, stop at 0, and start again next month', async () => {
    await start();
    server.search = [...older];

    const r = await pollSocialSource(rt.ctx, deps({ monthlyReadBudget: 60 }), SEARCH.id);
    expect(r).toMatchObject({ outcome: 'skipped', newPosts: 60 });
    expect(server.requestsTo(/search\/recent/).map((q) => q.query['max_results'])).toEqual(['60']);
    const src = (await getSource(rt.ctx.db, SEARCH.id))!;
    expect(src.last_error).toBe('X monthly read budget exhausted: 60 of 60 posts read in 2024-03; X polling resumes at 2024-04-01T00:00:00.000Z');
    expect(src.next_poll_at).toBe('2024-04-01T00:00:00.000Z');
    expect(src.cursor).toBeNull(); // the cycle did not finish
    expect(await budgetStatus(rt.ctx.db, 60, clock.now())).toMatchObject({ used: 60, remaining: 0 });

    // Asked again the same month (a manual poll): not a single request.
    clock.advance(3_600_000);
    expect(await pollSocialSource(rt.ctx, deps({ monthlyReadBudget: 60 }), SEARCH.id)).toMatchObject({ outcome: 'skipped', newPosts: 0 });
    expect(server.requestsTo(/search\/recent/)).toHaveLength(1);

    // April: a fresh budget.
    clock.set(Date.parse('2024-04-01T00:00:00Z'));
    await pollSocialSource(rt.ctx, deps({ monthlyReadBudget: 60 }), SEARCH.id);
    expect(server.requestsTo(/search\/recent/)).toHaveLength(2);
    expect(await budgetStatus(rt.ctx.db, 60, clock.now())).toMatchObject({ month: '2024-04', used: 60 });
  });

  it('when fewer reads are left than the smallest page the API allows, then no request is made (the budget is never exceeded)', async () => {
    await start();
    server.search = [...older];
    // 107: page 1 reads 100; 7 left is under search's minimum max_results of 10.
    const r = await pollSocialSource(rt.ctx, deps({ monthlyReadBudget: 107 }), SEARCH.id);
    expect(r).toMatchObject({ outcome: 'skipped', newPosts: 100 });
    expect(server.requestsTo(/search\/recent/).map((q) => q.query['max_results'])).toEqual(['100']);
    const s = await budgetStatus(rt.ctx.db, 107, clock.now());
    expect(s.used).toBe(100);
    expect(s.used).toBeLessThanOrEqual(107);
  });

  it('when a page holds fewer posts than reserved, then only what was read is counted', async () => {
    await start();
    server.search = older.slice(0, 7);
    expect(await pollSocialSource(rt.ctx, deps({ monthlyReadBudget: 500 }), SEARCH.id)).toEqual({ outcome: 'ok', newPosts: 7 });
    expect((await budgetStatus(rt.ctx.db, 500, clock.now())).used).toBe(7);
  });
});

describe('an account timeline', () => {
  const ACCOUNT = twitterSource('x-twitter-account', { user: 'Twitter', trust: 'provider-account' });

  it('when a user is polled, then its id is looked up once and kept in the cursor, and its posts carry the provider-account tier', async () => {
    await start([ACCOUNT]);
    const user = recordedUser('built_user-by-username_Twitter.json');
    server.users.set('twitter', user);
    const timeline = recordedTweets('client_get_users_tweets-0.json').map((t) => ({ ...t, author_id: user.id }));
    server.timelines.set(user.id, timeline.slice(1));

    expect(await pollSocialSource(rt.ctx, deps(), ACCOUNT.id)).toEqual({ outcome: 'ok', newPosts: 1 });
    let src = (await getSource(rt.ctx.db, ACCOUNT.id))!;
    expect(JSON.parse(src.cursor!)).toEqual({ since_id: timeline[1]!.id, user: 'Twitter', user_id: '783214' });

    server.timelines.set(user.id, timeline);
    clock.set(Date.parse(src.next_poll_at!));
    expect(await pollSocialSource(rt.ctx, deps(), ACCOUNT.id)).toEqual({ outcome: 'ok', newPosts: 1 });
    expect(server.requestsTo(/users\/by\/username/)).toHaveLength(1);
    const calls = server.requestsTo(/users\/783214\/tweets/);
    expect(calls.map((c) => c.query['since_id'])).toEqual([undefined, timeline[1]!.id]);
    expect(calls[0]!.query).toMatchObject({ max_results: '100', expansions: 'author_id' });

    const posts = await getPosts(
      rt.ctx.db,
      timeline.map((t) => `x:${t.id}`),
    );
    expect(posts).toHaveLength(2);
    for (const p of posts) expect(p).toMatchObject({ tier: 'provider-account', kind: 'social', author: 'Twitter', source_kind: 'twitter' });
    src = (await getSource(rt.ctx.db, ACCOUNT.id))!;
    expect(src.posts_ingested).toBe(2);
  });

  it('when X refuses the timeline with errors and no data (a protected account), then the source says so in the words X used and backs off', async () => {
    await start([ACCOUNT]);
    const user = recordedUser('built_user-by-username_Twitter.json');
    server.users.set('twitter', user);
    // X API v2's answer for a protected account's timeline: 200, `errors` alone
    // (docs.x.com/x-api/fundamentals/error-handling, "not-authorized-for-resource").
    server.failNext((r) => r.path === `/2/users/${user.id}/tweets`, {
      status: 200,
      body: {
        errors: [
          {
            value: user.id,
            detail: `Sorry, you are not authorized to see the user with id: [${user.id}].`,
            title: 'Authorization Error',
            resource_type: 'user',
            parameter: 'id',
            resource_id: user.id,
            type: 'https://api.twitter.com/2/problems/not-authorized-for-resource',
          },
        ],
      },
    });
    const r = await pollSocialSource(rt.ctx, deps(), ACCOUNT.id);
    expect(r).toMatchObject({
      outcome: 'fetch-error',
      error: `X refused the request: Authorization Error: Sorry, you are not authorized to see the user with id: [${user.id}].`,
    });
    const src = (await getSource(rt.ctx.db, ACCOUNT.id))!;
    expect(src.consecutive_failures).toBe(1);
    expect(src.last_error).toContain('not authorized');
    expect(Date.parse(src.next_poll_at!)).toBeGreaterThan(clock.now() + 60_000);
  });

  it('when the account does not exist, then the source says so and backs off', async () => {
    await start([ACCOUNT]);
    const r = await pollSocialSource(rt.ctx, deps(), ACCOUNT.id);
    expect(r).toMatchObject({ outcome: 'fetch-error', error: 'X has no account @Twitter' });
    const src = (await getSource(rt.ctx.db, ACCOUNT.id))!;
    expect(src.consecutive_failures).toBe(1);
    expect(Date.parse(src.next_poll_at!)).toBeGreaterThan(clock.now() + 60_000);
  });
});

describe('an X API that hangs, crawls or never stops', () => {
  const bounds = { timeoutMs: 500, maxResponseBytes: 256 * 1024 };
  const expected = {
    hang: /X API: no complete answer within 500 ms; connection closed/,
    trickle: /X API: no complete answer within 500 ms; connection closed/,
    endless: /X API: answer larger than 262144 bytes; stopped reading/,
  } as const;

  for (const fault of ['hang', 'trickle', 'endless'] as const) {
    it(`when the search answers "${fault}", then the poll ends at the client's bounds, the source says why, and the next poll reads normally`, async () => {
      await start();
      client.close();
      client = createXClient({ bearerToken: server.token, baseUrl: server.url, limits: bounds });
      server.search = [...older];
      server.failNext((r) => r.path === '/2/tweets/search/recent', fault);

      const first = await pollSocialSource(rt.ctx, deps(), SEARCH.id);
      expect(first.outcome).toBe('fetch-error');
      const src = (await getSource(rt.ctx.db, SEARCH.id))!;
      expect(src.last_error).toMatch(expected[fault]);
      expect(src.consecutive_failures).toBe(1);
      expect(src.cursor).toBeNull();
      expect(Date.parse(src.next_poll_at!)).toBeGreaterThan(clock.now());

      clock.set(Date.parse(src.next_poll_at!));
      expect(await pollSocialSource(rt.ctx, deps(), SEARCH.id)).toEqual({ outcome: 'ok', newPosts: older.length });
    });
  }
});
