/**
 * Mastodon timelines polled through the shared fetcher against a local Mastodon API serving a
 * recorded mastodon.social timeline: since_id, older pages with max_id, account look-up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../src/config/schema.js';
import { VirtualClock } from '../../src/core/clock.js';
import { mastodonEndpoint } from '../../src/sources/live/mastodon/poller.js';
import { overlapSince } from '../../src/sources/live/mastodon/overlap.js';
import { pollSocialSource } from '../../src/pipeline/ingest-live.js';
import { getSource } from '../../src/store/sources-repo.js';
import { getPosts } from '../../src/store/posts-repo.js';
import { liveRuntime, pipelineDeps, postIds, type LiveRuntime } from './helpers.js';
import { MastodonServer, recordedStatuses, type Status } from './mastodon-server.js';
import { DEFAULT_OVERLAP_MS } from '../../src/sources/adapters/mastodon/config.js';

const recorded = recordedStatuses();
const newest = (s: Status[]) =>
  s
    .map((x) => BigInt(x.id))
    .reduce((a, b) => (a > b ? a : b))
    .toString();

/** A status made after the recorded ones: a recorded one with a later id and its own URI. */
function later(n: number): Status {
  const base = recorded[n % recorded.length]!;
  const id = (BigInt(newest(recorded)) + BigInt(n + 1)).toString();
  return { ...base, id, uri: `${String(base['uri'])}/later-${n}`, url: `${String(base['url'])}-later-${n}` };
}

let server: MastodonServer;
let rt: LiveRuntime;

afterEach(async () => {
  await server?.close();
  await rt?.cleanup();
});

const mastodonSource = (id: string, url: string, trust = 'community'): SourceConfig => ({
  id,
  kind: 'mastodon',
  provider: null,
  trust,
  enabled: true,
  url,
  interval: 120_000,
  hashtags: [],
  overlap: DEFAULT_OVERLAP_MS,
});

describe('Mastodon URLs', () => {
  it('polls the API path given, a tag page, or an account page', () => {
    expect(mastodonEndpoint('https://mastodon.social/api/v1/timelines/tag/aws')).toEqual({
      kind: 'timeline',
      url: new URL('https://mastodon.social/api/v1/timelines/tag/aws'),
    });
    expect(mastodonEndpoint('https://mastodon.social/tags/githubdown')).toEqual({
      kind: 'timeline',
      url: new URL('https://mastodon.social/api/v1/timelines/tag/githubdown'),
    });
    expect(mastodonEndpoint('https://hachyderm.io/@github')).toEqual({ kind: 'account', origin: 'https://hachyderm.io', acct: 'github' });
    expect(mastodonEndpoint('https://mastodon.social/@status@example.social')).toEqual({
      kind: 'account',
      origin: 'https://mastodon.social',
      acct: 'status@example.social',
    });
  });
});

describe('polling a hashtag timeline', () => {
  it('when more statuses are new than a page holds, then it reads older pages with max_id and moves the cursor only at the end', async () => {
    server = await MastodonServer.start();
    server.tags.set('outage', [...recorded]);
    const src = mastodonSource('mastodon-outage', `${server.url}/api/v1/timelines/tag/outage`);
    const clock = new VirtualClock(Date.parse('2020-04-16T12:00:00Z'));
    rt = await liveRuntime([src], clock);
    const deps = { ...pipelineDeps(rt.ctx), mastodon: { pageSize: 8 } };

    expect(await pollSocialSource(rt.ctx, deps, src.id)).toEqual({ outcome: 'ok', newPosts: 20 });
    expect(server.requests.map((u) => [u.searchParams.get('since_id'), u.searchParams.get('max_id')])).toEqual([
      [null, null],
      [null, recorded[7]!.id],
      [null, recorded[15]!.id],
    ]);
    let row = (await getSource(rt.ctx.db, src.id))!;
    expect(JSON.parse(row.cursor!)).toEqual({ since_id: newest(recorded) });
    expect(row.next_poll_at).toBe(new Date(clock.now() + 120_000).toISOString());

    // Three more arrive; the next poll asks from the cursor less the 15-minute overlap.
    server.tags.set('outage', [...recorded, later(0), later(1), later(2)]);
    clock.set(Date.parse(row.next_poll_at!));
    expect(await pollSocialSource(rt.ctx, { ...pipelineDeps(rt.ctx) }, src.id)).toEqual({ outcome: 'ok', newPosts: 3 });
    expect(server.requests.at(-1)!.searchParams.get('since_id')).toBe(overlapSince(newest(recorded), 15 * 60_000, clock.now()));
    expect(await postIds(rt.ctx, src.id)).toHaveLength(23);
    row = (await getSource(rt.ctx.db, src.id))!;
    expect(JSON.parse(row.cursor!)).toEqual({ since_id: later(2).id });
    const [post] = await getPosts(rt.ctx.db, [(await postIds(rt.ctx, src.id))[0]!]);
    expect(post).toMatchObject({ source_kind: 'mastodon', tier: 'community', kind: 'social' });
  });

  it('when the server fails, then the failure is recorded with back-off and the cursor is kept', async () => {
    server = await MastodonServer.start();
    const src = mastodonSource('mastodon-missing', `${server.url}/api/v1/accounts/999/statuses`);
    const clock = new VirtualClock(Date.parse('2020-04-16T12:00:00Z'));
    rt = await liveRuntime([src], clock);
    const r = await pollSocialSource(rt.ctx, pipelineDeps(rt.ctx), src.id);
    expect(r.outcome).toBe('fetch-error');
    const row = (await getSource(rt.ctx.db, src.id))!;
    expect(row.consecutive_failures).toBe(1);
    expect(row.cursor).toBeNull();
    expect(row.last_error).toMatch(/404/);
  });
});

/** The Snowflake Mastodon gives a status it fetched itself: its author's created_at (Mastodon::Snowflake.id_at). */
const snowflakeAt = (iso: string, seq = 4242): string => ((BigInt(Date.parse(iso)) << 16n) + BigInt(seq)).toString();

/** A recorded status made at `createdAt` with the id Mastodon gives it, and its own URI. */
function madeAt(n: number, createdAt: string): Status {
  const base = recorded[n]!;
  return { ...base, id: snowflakeAt(createdAt, n), created_at: createdAt, uri: `${String(base['uri'])}/at-${n}`, url: `${String(base['url'])}-at-${n}` };
}

describe('statuses that federate late', () => {
  it('reads a Mastodon Snowflake as a time and moves it back by the overlap; other ids are left as they are', () => {
    const now = Date.parse('2020-04-16T17:10:00Z');
    expect(overlapSince(snowflakeAt('2020-04-16T17:04:30.732Z'), 15 * 60_000, now)).toBe((BigInt(Date.parse('2020-04-16T16:49:30.732Z')) << 16n).toString());
    expect(overlapSince('104009345973121628', 0, now)).toBe('104009345973121628');
    expect(overlapSince('9zXbQ1c3rLw2', 15 * 60_000, now)).toBe('9zXbQ1c3rLw2'); // Akkoma flake id
    expect(overlapSince('01HQZ8GJ3Q7YV6M4QK8X1N2B3C', 15 * 60_000, now)).toBe('01HQZ8GJ3Q7YV6M4QK8X1N2B3C'); // GoToSocial ULID
    expect(overlapSince('12345', 15 * 60_000, now)).toBe('12345'); // a pre-2017 sequential id
    expect(overlapSince(undefined, 15 * 60_000, now)).toBeUndefined();
  });

  it('when a status arrives after newer ones with an older id (fetched through a boost), then the next poll still reads it, and what it reads again is stored and queued once', async () => {
    server = await MastodonServer.start();
    server.tags.set('outage', [...recorded]);
    const src = mastodonSource('mastodon-late', `${server.url}/tags/outage`);
    const clock = new VirtualClock(Date.parse('2020-04-16T17:05:00Z'));
    rt = await liveRuntime([src], clock);
    expect(await pollSocialSource(rt.ctx, pipelineDeps(rt.ctx), src.id)).toEqual({ outcome: 'ok', newPosts: 20 });
    const cursor = newest(recorded); // 17:04:30.732, a status delivered to the inbox then

    // Someone boosts a 17:01 post this instance had not seen: it fetches it and gives it an id
    // of 17:01, below the cursor. A new post arrives too.
    const late = madeAt(3, '2020-04-16T17:01:00.000Z');
    const fresh = madeAt(4, '2020-04-16T17:06:10.000Z');
    expect(BigInt(late.id) < BigInt(cursor)).toBe(true);
    server.tags.set('outage', [...recorded, late, fresh]);
    clock.set(Date.parse('2020-04-16T17:07:00Z'));

    expect(await pollSocialSource(rt.ctx, pipelineDeps(rt.ctx), src.id)).toEqual({ outcome: 'ok', newPosts: 2 });
    const ids = await postIds(rt.ctx, src.id);
    expect(ids).toHaveLength(22);
    expect(ids).toContain(`mastodon:${String(late['uri'])}`);
    // The cursor moves to the newest, never back to the late one.
    expect(JSON.parse((await getSource(rt.ctx.db, src.id))!.cursor!)).toEqual({ since_id: fresh.id });

    // Read again, stored once and queued for analysis once: 22 posts, 22 jobs.
    clock.set(Date.parse('2020-04-16T17:12:00Z'));
    expect(await pollSocialSource(rt.ctx, pipelineDeps(rt.ctx), src.id)).toEqual({ outcome: 'ok', newPosts: 0 });
    expect(await postIds(rt.ctx, src.id)).toHaveLength(22);
    expect((await rt.ctx.queues.depths()).analyze).toBe(22);
    expect(JSON.parse((await getSource(rt.ctx.db, src.id))!.cursor!)).toEqual({ since_id: fresh.id });
  });
});

describe('rate limits', () => {
  it('when the instance throttles with X-RateLimit-Reset and no Retry-After, then the next poll is not before the reset', async () => {
    server = await MastodonServer.start();
    server.tags.set('outage', [...recorded]);
    const src = mastodonSource('mastodon-throttled', `${server.url}/tags/outage`);
    const clock = new VirtualClock(Date.parse('2020-04-16T12:00:00Z'));
    rt = await liveRuntime([src], clock);
    // Mastodon's API window is 300 requests per 5 minutes; this one resets in 4 min 30 s.
    server.throttledUntil = new Date(clock.now() + 270_000);
    const r = await pollSocialSource(rt.ctx, pipelineDeps(rt.ctx), src.id);
    expect(r.outcome).toBe('fetch-error');
    const row = (await getSource(rt.ctx.db, src.id))!;
    expect(row.last_error).toMatch(/429/);
    expect(Date.parse(row.next_poll_at!)).toBeGreaterThanOrEqual(server.throttledUntil.getTime());
    expect(row.cursor).toBeNull();
  });
});

describe('polling an account', () => {
  it('when the source is an account page, then the account id is looked up once and kept in the cursor', async () => {
    server = await MastodonServer.start();
    const mine = recorded.slice(0, 4);
    server.accounts.set('AWSstatus', { id: '4242', statuses: mine });
    const src = mastodonSource('mastodon-aws', `${server.url}/@AWSstatus`, 'provider-account');
    const clock = new VirtualClock(Date.parse('2020-04-16T12:00:00Z'));
    rt = await liveRuntime([src], clock);

    expect(await pollSocialSource(rt.ctx, pipelineDeps(rt.ctx), src.id)).toEqual({ outcome: 'ok', newPosts: 4 });
    const row = (await getSource(rt.ctx.db, src.id))!;
    expect(JSON.parse(row.cursor!)).toEqual({ acct: 'AWSstatus', account_id: '4242', since_id: newest(mine) });
    clock.set(Date.parse(row.next_poll_at!));
    expect(await pollSocialSource(rt.ctx, pipelineDeps(rt.ctx), src.id)).toEqual({ outcome: 'ok', newPosts: 0 });
    expect(server.requests.filter((u) => u.pathname === '/api/v1/accounts/lookup')).toHaveLength(1);
    expect(server.requests.at(-1)!.pathname).toBe('/api/v1/accounts/4242/statuses');
    const posts = await getPosts(rt.ctx.db, await postIds(rt.ctx, src.id));
    for (const p of posts) expect(p.tier).toBe('provider-account');
  });
});
