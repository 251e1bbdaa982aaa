/**
 * The X budget strategy against a local X API v2 server (recorded responses), the real store
 * and Redis, on a virtual clock: a sparse sample while all is quiet, the provider's own query
 * while its incident is open, the pace stretched when the forecast says the budget would run
 * out, and the forecast shown at GET /api/v1/sources.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourceSchema, type SourceConfig } from '../../src/config/schema.js';
import { VirtualClock } from '../../src/core/clock.js';
import { forecastBudget } from '../../src/domain/read-budget.js';
import { pollSocialSource } from '../../src/pipeline/ingest-live.js';
import { createXClient, type LiveDeps, type XClient } from '../../src/sources/live/index.js';
import { providerQuery } from '../../src/sources/live/x/rules.js';
import { saveIncident } from '../../src/store/incidents-repo.js';
import { getSource } from '../../src/store/sources-repo.js';
import { budgetStatus } from '../../src/store/x-budget-repo.js';
import { makeIncident } from '../helpers/incident.js';
import { serveApp } from '../helpers/serve-app.js';
import { bearer, getJson, newKey } from '../api/helpers.js';
import { testCatalog } from '../helpers/catalog.js';
import { liveRuntime, pipelineDeps, postIds, type LiveRuntime } from './helpers.js';
import { recordedTweets, XApiServer } from './x-server.js';

const START = Date.parse('2024-03-10T12:00:00Z');
const SAMPLE = '("is down" OR outage OR "not working") -is:retweet -is:reply';
const WATCH = sourceSchema.parse({
  id: 'x-watch',
  kind: 'twitter',
  trust: 'public',
  query: SAMPLE,
  incident_queries: true,
  interval: '2m',
  sample_every: '3h',
  max_providers: 5,
}) as SourceConfig;

let clock: VirtualClock;
let server: XApiServer;
let client: XClient;
let rt: LiveRuntime;

beforeEach(async () => {
  clock = new VirtualClock(START);
  server = await XApiServer.start({ clock });
  client = createXClient({ bearerToken: server.token, baseUrl: server.url });
  rt = await liveRuntime([WATCH], clock);
});

afterEach(async () => {
  client?.close();
  await server?.close();
  await rt?.cleanup();
});

function deps(monthlyReadBudget = 10_000): LiveDeps {
  return { ...pipelineDeps(rt.ctx), x: { client, monthlyReadBudget, pageSize: 100 } };
}

const searches = () => server.requestsTo(/search\/recent/).map((r) => ({ query: r.query['query'], max: r.query['max_results'] }));

async function openIncident(provider: string): Promise<void> {
  const at = new Date(clock.now()).toISOString();
  await saveIncident(rt.ctx.db, makeIncident(`inc-${provider}`, { provider, status: 'suspected', first_seen_at: at, last_signal_at: at, updated_at: at }));
}

describe('the X watch', () => {
  it('when all is quiet, then it reads one sample of 10 posts per sample interval and nothing in between', async () => {
    server.searches.set(SAMPLE, recordedTweets('client_search_recent_tweets-0.json'));
    expect(await pollSocialSource(rt.ctx, deps(), WATCH.id)).toEqual({ outcome: 'ok', newPosts: 10 });
    expect(searches()).toEqual([{ query: SAMPLE, max: '10' }]);
    for (let i = 0; i < 5; i++) {
      clock.set(Date.parse((await getSource(rt.ctx.db, WATCH.id))!.next_poll_at!));
      expect(await pollSocialSource(rt.ctx, deps(), WATCH.id)).toEqual({ outcome: 'ok', newPosts: 0 });
    }
    expect(searches()).toHaveLength(1); // 10-15 minutes later: no sample due, nothing spent
    expect((await budgetStatus(rt.ctx.db, 10_000, clock.now())).used).toBe(10);
    clock.set(START + 3 * 3_600_000);
    await pollSocialSource(rt.ctx, deps(), WATCH.id);
    expect(searches()).toHaveLength(2);
    expect(server.requestsTo(/search\/recent/).at(-1)!.query['since_id']).toBeDefined();
  });

  it("when a provider's incident is suspected, then its own query is read every interval, its posts carry the provider, and the sample waits", async () => {
    const github = testCatalog().get('github')!;
    const tweets = recordedTweets('client_get_home_timeline-0.json');
    server.searches.set(providerQuery(github), tweets);
    server.searches.set(SAMPLE, recordedTweets('client_search_recent_tweets-0.json'));
    await openIncident('github');

    expect(await pollSocialSource(rt.ctx, deps(), WATCH.id)).toEqual({ outcome: 'ok', newPosts: tweets.length });
    expect(searches()).toEqual([{ query: providerQuery(github), max: '100' }]);
    const rows = await rt.ctx.db.query<{ provider: string }>('SELECT DISTINCT provider FROM posts WHERE source_id = $1', [WATCH.id]);
    expect(rows.map((r) => r.provider)).toEqual(['github']);
    const src = (await getSource(rt.ctx.db, WATCH.id))!;
    expect(Date.parse(src.next_poll_at!) - clock.now()).toBe(120_000);
    expect(JSON.parse(src.cursor!)).toMatchObject({ mode: 'incident', providers: 'github' });

    // The next read asks only for what is newer.
    clock.set(Date.parse(src.next_poll_at!));
    expect(await pollSocialSource(rt.ctx, deps(), WATCH.id)).toEqual({ outcome: 'ok', newPosts: 0 });
    expect(server.requestsTo(/search\/recent/).at(-1)!.query['since_id']).toBeDefined();
    expect(await postIds(rt.ctx, WATCH.id)).toHaveLength(tweets.length);
  });

  it('when the forecast says the budget would run out before the month ends, then incident reads slow down, and the API shows the forecast', async () => {
    const github = testCatalog().get('github')!;
    const tweets = [...recordedTweets('client_get_home_timeline-0.json'), ...recordedTweets('client_search_recent_tweets-0.json')];
    server.searches.set(providerQuery(github), tweets);
    await openIncident('github');
    const budget = 300;

    expect(await pollSocialSource(rt.ctx, deps(budget), WATCH.id)).toEqual({ outcome: 'ok', newPosts: 100 });
    const next = Date.parse((await getSource(rt.ctx.db, WATCH.id))!.next_poll_at!) - clock.now();

    const app = await serveApp({
      ...rt.ctx,
      config: { ...rt.ctx.config, social: { ...rt.ctx.config.social, x: { ...rt.ctx.config.social.x, monthly_read_budget: budget } } },
    });
    try {
      const res = await getJson(`${app.url}/api/v1/sources`, bearer(await newKey(rt.ctx, 'reader')));
      expect(res.status).toBe(200);
      const x = (res.body as { x_budget: Record<string, unknown> }).x_budget;
      expect(x).toMatchObject({
        month: '2024-03',
        limit: 300,
        used: 100,
        remaining: 200,
        resets_at: '2024-04-01T00:00:00.000Z',
        rate_per_day: 100,
        credentials: false,
        strategy: { source: 'x-watch', mode: 'incident', providers: ['github'], sample_every_seconds: 10_800, incident_every_seconds: 120 },
      });
      // 100 a day for the 21.5 days left: 2,250 in all; 200 left last 2 days.
      expect(x.projected_month_use).toBe(100 + Math.round(100 * ((Date.parse('2024-04-01T00:00:00Z') - START) / 86_400_000)));
      expect(x.runs_out_at).toBe(new Date(START + 2 * 86_400_000).toISOString());
      // The pace stretches by how much sooner than the reset it would run out (at most an hour).
      const stretch = (Date.parse('2024-04-01T00:00:00Z') - START) / (2 * 86_400_000);
      expect(next).toBe(Math.min(3_600_000, Math.round(120_000 * stretch)));
      expect(next).toBeGreaterThan(120_000);
    } finally {
      await app.close();
    }
  });
});

describe('the budget forecast', () => {
  const now = Date.parse('2024-03-21T00:00:00Z');
  const status = { month: '2024-03', limit: 10_000, used: 6_000, remaining: 4_000, resetsAt: '2024-04-01T00:00:00.000Z', readsLast24h: 100 };

  it('when the last day’s rate lasts the month, then it projects the use and runs out nowhere', () => {
    expect(forecastBudget(status, now)).toMatchObject({ rate_per_day: 100, projected_month_use: 7_100, runs_out_at: null });
  });

  it('when the rate would spend the rest before the reset, then it says when', () => {
    expect(forecastBudget({ ...status, readsLast24h: 500 }, now)).toMatchObject({ projected_month_use: 11_500, runs_out_at: '2024-03-29T00:00:00.000Z' });
    expect(forecastBudget({ ...status, used: 10_000, remaining: 0 }, now).runs_out_at).toBe('2024-03-21T00:00:00.000Z');
  });
});
