import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testRuntime, VirtualClock } from '../helpers/runtime.js';
import { serve, getJson, incident } from './helpers.js';
import { configDir } from '../helpers/catalog.js';
import { loadConfig } from '../../src/config/load.js';
import { saveIncident } from '../../src/store/incidents-repo.js';
import { recordPoll, syncSources } from '../../src/store/sources-repo.js';
import { feedPage, providerDetail, providersList } from '../../src/api/schemas.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;
type App = Awaited<ReturnType<typeof serve>>;

const T0 = Date.parse('2026-03-01T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const MIN = 60_000;

/**
 * The shipped source list (the whole catalog) in the store, never polled: nothing here leaves
 * loopback. Polls are recorded on the sources as the ingest stage would record them.
 */
describe('coverage you can see: what we can read of each provider', () => {
  let rt: Rt;
  let app: App;
  const clock = new VirtualClock(T0);
  const shipped = loadConfig(configDir, {}).sources;

  beforeAll(async () => {
    rt = await testRuntime({ clock, sources: shipped, patch: (c) => ({ ...c, server: { ...c.server, auth: { anonymous_read: true } } }) });
    await syncSources(rt.ctx.db, rt.ctx.config.sources, iso(T0));
    app = await serve(rt.ctx);
  });
  afterAll(async () => {
    await app?.close();
    await rt?.cleanup();
  });

  const providers = async () => {
    const r = await getJson(`${app.url}/api/v1/providers`);
    expect(r.status).toBe(200);
    const parsed = providersList.parse(r.body); // the documented shape
    expect(parsed).toEqual(r.body); // and nothing the document does not name (parse drops unknown keys)
    return parsed;
  };
  const pageOf = async (id: string) => (await providers()).providers.find((p) => p.id === id)!.official_page;

  it('out of the box, GET /api/v1/sources lists every catalog status page as an official source', async () => {
    const r = await getJson(`${app.url}/api/v1/sources`);
    const sources = (r.body as { sources: Array<{ id: string; tier: string; provider: string | null; state: string; interval_ms: number }> }).sources;
    const official = sources.filter((s) => s.tier === 'official');
    expect(official.length).toBeGreaterThanOrEqual(150);
    expect(official.every((s) => s.id === `${s.provider}-status` && s.state === 'pending' && s.interval_ms === 5 * MIN)).toBe(true);
  });

  it('when nothing has been polled yet, then every provider with a page is watched and pending, and the seven without one (mobile networks, social apps) are not watched', async () => {
    const { providers: list, summary } = await providers();
    expect(summary).toMatchObject({ providers: list.length, watched: list.length - 7, pending: list.length - 7, not_watched: 7, healthy: 0 });
    expect(
      list
        .filter((p) => !p.official_page.watched)
        .map((p) => p.id)
        .sort(),
    ).toEqual(['ee', 'facebook', 'instagram', 'o2-uk', 'three-uk', 'vodafone-uk', 'whatsapp']);
    expect(await pageOf('github')).toMatchObject({ state: 'pending', watched: true, sources: ['github-status'], interval_seconds: 300, last_success_at: null });
  });

  it('when polls succeed, fail, stop or pause, then each provider shows its state and its last successful poll', async () => {
    await recordPoll(rt.ctx.db, 'github-status', { at: iso(T0), next_poll_at: iso(T0 + 5 * MIN), ok: true });
    await recordPoll(rt.ctx.db, 'stripe-status', { at: iso(T0), next_poll_at: iso(T0 + 5 * MIN), ok: true });
    await recordPoll(rt.ctx.db, 'stripe-status', { at: iso(T0 + 5 * MIN), next_poll_at: iso(T0 + 10 * MIN), ok: false, error: 'HTTP 503' });
    await recordPoll(rt.ctx.db, 'openai-status', { at: iso(T0), next_poll_at: iso(T0 + 5 * MIN), ok: true });
    await recordPoll(rt.ctx.db, 'slack-status', {
      at: iso(T0),
      next_poll_at: iso(T0 + 5 * MIN),
      ok: false,
      error: 'not JSON',
      parse_failed: true,
      pause: true,
    });
    clock.set(T0 + 16 * MIN);
    await recordPoll(rt.ctx.db, 'github-status', { at: iso(T0 + 15 * MIN), next_poll_at: iso(T0 + 20 * MIN), ok: true });

    expect(await pageOf('github')).toMatchObject({ state: 'healthy', last_success_at: iso(T0 + 15 * MIN), last_error: null });
    expect(await pageOf('stripe')).toMatchObject({ state: 'failing', last_success_at: iso(T0), last_error: 'HTTP 503' });
    // No success for three intervals (15 min), and no failure either: its polls stopped.
    expect(await pageOf('openai')).toMatchObject({ state: 'stale', last_success_at: iso(T0) });
    expect(await pageOf('slack')).toMatchObject({ state: 'paused', last_error: 'not JSON' });
    const { summary } = await providers();
    expect(summary).toMatchObject({ healthy: 1, failing: 1, stale: 1, paused: 1, not_watched: 7 });

    const detail = await getJson(`${app.url}/api/v1/providers/stripe`);
    expect(providerDetail.parse(detail.body).official_page).toMatchObject({ state: 'failing', next_poll_at: iso(T0 + 10 * MIN) });
  });

  it('when an incident is open, then the "silent for" clock runs only where the page is watched and answers; elsewhere it says why not', async () => {
    const opened = { status: 'suspected' as const, first_seen_at: iso(T0 + 10 * MIN), updated_at: iso(T0 + 10 * MIN) };
    await saveIncident(rt.ctx.db, incident('gh', 0.9, { ...opened, provider: 'github' }));
    await saveIncident(rt.ctx.db, incident('st', 0.8, { ...opened, provider: 'stripe' }));
    await saveIncident(rt.ctx.db, incident('o2', 0.7, { ...opened, provider: 'o2-uk' }));
    const r = await getJson(`${app.url}/api/v1/feed`);
    const feed = feedPage.parse(r.body);
    const byId = new Map(feed.incidents.map((i) => [i.id, i]));
    expect(byId.get('gh')).toMatchObject({ silent_for_seconds: 6 * 60, official_page: { state: 'healthy', last_success_at: iso(T0 + 15 * MIN) } });
    expect(byId.get('st')).toMatchObject({ silent_for_seconds: null, official_page: { state: 'failing', last_success_at: iso(T0) } });
    expect(byId.get('o2')).toMatchObject({ silent_for_seconds: null, official_page: { state: 'not_watched', last_success_at: null } });
    // The detail says the same.
    const d = await getJson(`${app.url}/api/v1/incidents/st`);
    expect(d.body).toMatchObject({ silent_for_seconds: null, official_page: { state: 'failing' } });
  });
});
