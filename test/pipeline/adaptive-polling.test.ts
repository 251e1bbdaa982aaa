import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { testRuntime, VirtualClock } from '../helpers/runtime.js';
import { startDocServer, type DocServer } from '../helpers/doc-server.js';
import { makeIncident } from '../helpers/incident.js';
import { newKey, bearer, sendJson, eventually } from '../api/helpers.js';
import { startServices, type RunningServices } from '../../src/app/boot.js';
import { defaultPipelineDeps, type PipelineDeps } from '../../src/pipeline/deps.js';
import { ingestSource } from '../../src/pipeline/ingest.js';
import { spreadFirstPolls } from '../../src/pipeline/poll-pace.js';
import { getSource, syncSources } from '../../src/store/sources-repo.js';
import { saveIncident } from '../../src/store/incidents-repo.js';
import { putState } from '../../src/store/kv-repo.js';
import { emptyBurstState, recordComplaint } from '../../src/correlate/burst.js';
import type { SourceConfig } from '../../src/config/schema.js';

// A real incident.io page's summary.json, every component operational (test/fixtures/official/README.md).
const summary = readFileSync(new URL('../fixtures/official/statuspage/openai_status_summary_2026-07-09.json', import.meta.url));
const T0 = Date.parse('2026-07-09T12:00:00Z');
const MIN = 60_000;

function page(id: string, provider: string | null, url: string, interval = 5 * MIN): SourceConfig {
  return { id, kind: 'statuspage', provider, trust: 'official', enabled: true, url, interval };
}

/** Milliseconds from the clock's now to the source's next poll. */
async function nextPollIn(rt: Awaited<ReturnType<typeof testRuntime>>, id: string): Promise<number> {
  const s = await getSource(rt.ctx.db, id);
  return Date.parse(s!.next_poll_at!) - rt.ctx.clock.now();
}

describe('polling adapts to what is happening at the provider', () => {
  let docs: DocServer;
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  let deps: PipelineDeps;
  const clock = new VirtualClock(T0);

  beforeAll(async () => {
    docs = await startDocServer();
    for (const p of ['/stripe/summary.json', '/github/summary.json', '/slack/summary.json', '/general/summary.json']) docs.set(p, summary);
    docs.set('/cached/summary.json', summary, { headers: { 'cache-control': 'max-age=150' } });
    rt = await testRuntime({
      clock,
      sources: [
        page('stripe-status', 'stripe', `${docs.url}/stripe/summary.json`),
        page('github-status', 'github', `${docs.url}/github/summary.json`),
        page('slack-status', 'slack', `${docs.url}/slack/summary.json`),
        page('twilio-status', 'twilio', `${docs.url}/cached/summary.json`),
        page('general', null, `${docs.url}/general/summary.json`),
      ],
    });
    await syncSources(rt.ctx.db, rt.ctx.config.sources, new Date(T0).toISOString());
    // random 0.5: no jitter, so each delay below is exact.
    deps = defaultPipelineDeps(rt.ctx, { random: () => 0.5 });
  });
  afterAll(async () => {
    await rt?.cleanup();
    await docs?.close();
  });

  it('when a provider is quiet, then its page is polled at its own interval (5 min)', async () => {
    expect((await ingestSource(rt.ctx, deps, 'stripe-status')).outcome).toBe('ok');
    expect(await nextPollIn(rt, 'stripe-status')).toBe(5 * MIN);
  });

  it('when a provider has a suspected incident, then its page is polled every busy interval (60 s) and the others keep theirs', async () => {
    await saveIncident(rt.ctx.db, makeIncident('inc_stripe', { provider: 'stripe', status: 'suspected' }, new Date(T0).toISOString()));
    clock.advance(5 * MIN);
    // Conditional GET as always: the page has not changed.
    expect((await ingestSource(rt.ctx, deps, 'stripe-status')).outcome).toBe('not-modified');
    expect(await nextPollIn(rt, 'stripe-status')).toBe(MIN);
    await ingestSource(rt.ctx, deps, 'github-status');
    expect(await nextPollIn(rt, 'github-status')).toBe(5 * MIN);
    await ingestSource(rt.ctx, deps, 'general');
    expect(await nextPollIn(rt, 'general')).toBe(5 * MIN);
  });

  it('when the incident closes, then the page goes back to its own interval', async () => {
    await saveIncident(rt.ctx.db, makeIncident('inc_stripe', { provider: 'stripe', status: 'resolved' }, new Date(T0).toISOString()));
    clock.advance(MIN);
    await ingestSource(rt.ctx, deps, 'stripe-status');
    expect(await nextPollIn(rt, 'stripe-status')).toBe(5 * MIN);
  });

  it('when only a watch item (one stranger) is about a provider, then nothing speeds up', async () => {
    await saveIncident(rt.ctx.db, makeIncident('watch_slack', { provider: 'slack', status: 'watching' }, new Date(clock.now()).toISOString()));
    await ingestSource(rt.ctx, deps, 'slack-status');
    expect(await nextPollIn(rt, 'slack-status')).toBe(5 * MIN);
  });

  it("when a provider's complaints burst over its baseline, then its page is polled every busy interval", async () => {
    let burst = emptyBurstState();
    for (let i = 0; i < 8; i++) burst = recordComplaint(burst, clock.now());
    await putState(rt.ctx.db, 'burst:github', burst, new Date(clock.now()).toISOString());
    await ingestSource(rt.ctx, deps, 'github-status');
    expect(await nextPollIn(rt, 'github-status')).toBe(MIN);
  });

  it('when the page asks to be cached longer than the busy interval, then the longer wins', async () => {
    await saveIncident(rt.ctx.db, makeIncident('inc_twilio', { provider: 'twilio', status: 'confirmed' }, new Date(clock.now()).toISOString()));
    expect((await ingestSource(rt.ctx, deps, 'twilio-status')).outcome).toBe('ok');
    expect(await nextPollIn(rt, 'twilio-status')).toBe(150_000);
  });

  it('when jitter is drawn, then the next poll moves by at most a tenth of the interval, the same for the same draw', async () => {
    const at = async (r: number) => {
      await ingestSource(rt.ctx, { ...deps, random: () => r }, 'general');
      return nextPollIn(rt, 'general');
    };
    expect(await at(0)).toBe(270_000);
    expect(await at(0.999999)).toBeLessThanOrEqual(330_000);
    expect(await at(0.25)).toBe(await at(0.25));
  });
});

describe("a provider's page is polled soon once it becomes busy", () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  let svc: RunningServices;
  let docs: DocServer;
  const clock = new VirtualClock(T0);

  beforeAll(async () => {
    docs = await startDocServer();
    rt = await testRuntime({ clock, sources: [page('github-status', 'github', `${docs.url}/summary.json`)] });
    svc = await startServices(rt, { api: true, stages: ['analyze', 'correlate'] });
    await syncSources(rt.ctx.db, rt.ctx.config.sources, new Date(T0).toISOString());
  });
  afterAll(async () => {
    await svc?.stop();
    await rt?.cleanup();
    await docs?.close();
  });

  it('when a staff report opens a suspected incident, then the next poll of its page moves to within the busy interval', async () => {
    // Polled a minute ago, quiet: next in 4 minutes.
    await rt.ctx.db.query('UPDATE sources SET next_poll_at = $1', [new Date(T0 + 4 * MIN).toISOString()]);
    const base = `http://127.0.0.1:${(svc.server!.address() as AddressInfo).port}/api/v1`;
    const staff = bearer(await newKey(rt.ctx, 'reader', 'support desk'));
    const r = await sendJson('POST', `${base}/reports`, { provider: 'github', text: 'GitHub Actions runners are stuck for every customer' }, staff);
    expect(r.status).toBe(201);
    await eventually(async () => (await nextPollIn(rt, 'github-status')) <= MIN, 15_000);
    expect(await nextPollIn(rt, 'github-status')).toBe(MIN);
  });
});

describe('first polls after a start', () => {
  const catalogLike = (n: number): SourceConfig[] =>
    Array.from({ length: n }, (_, i) => page(`p${i}-status`, null, `https://p${i}.example/api/v2/summary.json`, 5 * MIN));

  it('when 156 pages start at once, then at most one ingest batch is due in any instant, all within a minute, in the same order every time', () => {
    const sources = catalogLike(156);
    const at = spreadFirstPolls(T0, sources, 4);
    const times = sources.map((s) => Date.parse(at(s)) - T0);
    const perInstant = new Map<number, number>();
    for (const t of times) perInstant.set(t, (perInstant.get(t) ?? 0) + 1);
    expect(Math.max(...perInstant.values())).toBe(4);
    expect(perInstant.size).toBe(39);
    expect(Math.max(...times)).toBeLessThanOrEqual(MIN);
    expect(Math.min(...times)).toBe(0);
    const again = spreadFirstPolls(T0, sources, 4);
    expect(sources.map((s) => again(s))).toEqual(sources.map((s) => at(s)));
  });

  it('when a few sources start, then they are all due at once; when intervals are short, the spread fits in half of one', () => {
    const few = catalogLike(3);
    expect(few.map(spreadFirstPolls(T0, few, 4))).toEqual(few.map(() => new Date(T0).toISOString()));
    const fast = catalogLike(100).map((s) => ({ ...s, interval: 4_000 }));
    const at = spreadFirstPolls(T0, fast, 4);
    expect(Math.max(...fast.map((s) => Date.parse(at(s)) - T0))).toBeLessThan(2_000);
  });
});
