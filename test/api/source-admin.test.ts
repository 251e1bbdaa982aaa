import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testRuntime, VirtualClock } from '../helpers/runtime.js';
import { serve, newKey, bearer, getJson, sendJson, type ErrorShape } from './helpers.js';
import { syncSources, getSource, recordPoll } from '../../src/store/sources-repo.js';
import { applyOverrides, getOverride } from '../../src/store/source-overrides-repo.js';
import type { SourceConfig } from '../../src/config/schema.js';
import type { z } from 'zod';
import { providerDetail, sourcesList } from '../../src/api/schemas.js';
import { auditPage, managedSourceOne } from '../../src/api/source-admin-schemas.js';
import { SOURCE_CHANGES } from '../../src/domain/source.js';
import { loadConfig } from '../../src/config/load.js';
import { configDir } from '../helpers/catalog.js';

/**
 * The source admin routes on both stores, real Redis: add, change, disable, resume and reset a
 * source through the API, each answer showing where its settings come from, every change in
 * the audit list; and every error (400 naming the key, 403, 404, 409) as the API promises.
 */
interface Managed {
  id: string;
  kind: string;
  tier: string;
  enabled: boolean;
  paused: boolean;
  interval_ms: number;
  state: string;
  next_poll_at: string | null;
  origin: string;
  override: { enabled: boolean | null; interval_ms: number | null; trust: string | null; updated_by: string } | null;
  configured: { enabled: boolean; interval_ms: number; trust: string } | null;
}
interface Audit {
  entries: Array<{ seq: number; at: string; source_id: string; action: string; key_id: string; key_name: string; before: unknown; after: unknown }>;
  next_cursor: string | null;
}

const T0 = Date.parse('2026-03-02T10:00:00Z');
const configured: SourceConfig[] = [
  { id: 'gh', kind: 'statuspage', provider: 'github', trust: 'official', enabled: true, url: 'http://127.0.0.1:9/summary.json', interval: 60_000 },
  { id: 'news', kind: 'rss', provider: null, trust: 'news', enabled: false, url: 'http://127.0.0.1:9/news.rss', interval: 300_000 },
];
const fastly = {
  id: 'fastly-status',
  kind: 'statuspage',
  provider: 'fastly',
  trust: 'official',
  url: 'http://127.0.0.1:9/fastly/summary.json',
  interval: '2m',
};

for (const backend of ['pglite', 'postgres'] as const) {
  describe(`sources managed while running, through the API (${backend})`, () => {
    let rt: Awaited<ReturnType<typeof testRuntime>>;
    let app: Awaited<ReturnType<typeof serve>>;
    let admin: Record<string, string>;
    let reader: Record<string, string>;
    const clock = new VirtualClock(T0);
    const url = (p: string) => `${app.url}/api/v1${p}`;
    const one = async (id: string) => ((await getJson(url(`/sources/${id}`), admin)).body as { source: Managed }).source;

    beforeAll(async () => {
      rt = await testRuntime({ backend, clock, sources: configured });
      const nowIso = new Date(clock.now()).toISOString();
      await syncSources(rt.ctx.db, configured, nowIso); // what a start does: the configuration, then the overrides
      await applyOverrides(rt.ctx.db, ['gh', 'news'], nowIso);
      app = await serve(rt.ctx);
      admin = bearer(await newKey(rt.ctx, 'admin', 'ops-alice'));
      reader = bearer(await newKey(rt.ctx, 'reader', 'support'));
    });
    afterAll(async () => {
      await app?.close();
      await rt?.cleanup();
    });

    it('when an admin adds a source, then it is due now, shown as added at runtime, and the audit list says who added it', async () => {
      clock.advance(1000);
      const r = await sendJson('POST', url('/sources'), fastly, admin);
      expect(r.status).toBe(201);
      const s = (r.body as { source: Managed }).source;
      expect(s).toMatchObject({
        id: 'fastly-status',
        kind: 'statuspage',
        tier: 'official',
        enabled: true,
        paused: false,
        interval_ms: 120_000,
        origin: 'runtime',
      });
      expect(s.override).toMatchObject({ enabled: true, interval_ms: 120_000, trust: 'official' });
      expect(s.configured).toBeNull();
      expect(s.next_poll_at).toBe(new Date(clock.now()).toISOString());

      const list = (await getJson(url('/sources'), reader)).body as { sources: Managed[] };
      expect(list.sources.map((x) => [x.id, x.origin])).toEqual([
        ['fastly-status', 'runtime'],
        ['gh', 'config'],
        ['news', 'config'],
      ]);
      const audit = (await getJson(url('/sources/audit'), admin)).body as Audit;
      expect(audit.entries[0]).toMatchObject({ source_id: 'fastly-status', action: 'add', key_name: 'ops-alice', before: null });
      expect(audit.entries[0]!.key_id).toMatch(/^ork_/);
      expect(audit.entries[0]!.after).toMatchObject({ origin: 'runtime', enabled: true, interval_ms: 120_000, url: fastly.url });
    });

    it('when a body is bad, then 400 names the failing key', async () => {
      const cases: Array<[unknown, string, RegExp?]> = [
        [{ ...fastly, id: 'x1', kind: 'gopher' }, 'kind', /no source plugin for kind "gopher"/],
        [{ id: 'x2', kind: 'twitter', trust: 'public', query: 'aws down' }, 'kind', /config\/sources\.yaml/],
        [{ ...fastly, id: 'x3', url: 'ftp://example.org/x' }, 'url'],
        [{ ...fastly, id: 'x4', interval: 'soon' }, 'interval'],
        // Shorter than the scheduler's second: refused in both forms, as the number 0 always was.
        [{ ...fastly, id: 'x4a', interval: '0s' }, 'interval', /too short: at least 1s/],
        [{ ...fastly, id: 'x4b', interval: '1ms' }, 'interval', /too short: at least 1s/],
        [{ ...fastly, id: 'x4c', interval: 0.5 }, 'interval', /too short: at least 1s/],
        [{ ...fastly, id: 'X 5' }, 'id'],
        [{ ...fastly, id: 'x6', colour: 'red' }, 'colour'],
        [{ ...fastly, id: 'x7', provider: 'no-such-provider' }, 'provider', /unknown provider/],
        [{ ...fastly, id: 'x8', trust: 'gospel' }, 'trust', /unknown tier "gospel"/],
        [{ ...fastly, id: 'x10', url: 'http://169.254.169.254/latest/meta-data/' }, 'url', /169\.254\.169\.254 is a cloud metadata address/],
        [{ ...fastly, id: 'x11', url: 'http://10.1.2.3/summary.json' }, 'url', /10\.1\.2\.3 is .*allow_private/],
        [{ ...fastly, id: 'x12', url: 'http://[::1]:9/summary.json' }, 'url', /loopback/],
        [
          { id: 'x9', kind: 'mastodon', trust: 'public', url: 'http://127.0.0.1:9/tags/outage', hashtags: ['outage'] },
          'hashtags',
          /cannot be set while running/,
        ],
      ];
      for (const [body, field, message] of cases) {
        const r = await sendJson('POST', url('/sources'), body, admin);
        expect(r.status, JSON.stringify(body)).toBe(400);
        expect((r.body as ErrorShape).error.field, JSON.stringify(r.body)).toBe(field);
        if (message) expect((r.body as ErrorShape).error.message).toMatch(message);
      }
      const patch = async (body: unknown) => (await sendJson('PATCH', url('/sources/gh'), body, admin)).body as ErrorShape;
      expect((await patch({})).error.field).toBe('interval');
      expect((await patch({ interval: -5 })).error.field).toBe('interval');
      expect((await patch({ interval: '0s' })).error).toMatchObject({ field: 'interval', message: expect.stringMatching(/too short/) });
      expect((await patch({ trust: 'gospel' })).error.field).toBe('trust');
      expect((await patch({ enabled: false })).error.field).toBe('enabled');
      // Nothing of that was stored.
      expect((await getJson(url('/sources'), admin)).body).toMatchObject({ sources: { length: 3 } });
    });

    it('when the id is configured or already added, then 409; when the source is unknown, then 404', async () => {
      const dup = await sendJson('POST', url('/sources'), { ...fastly, id: 'gh' }, admin);
      expect(dup.status).toBe(409);
      expect((dup.body as ErrorShape).error).toMatchObject({ code: 'conflict', field: 'id' });
      expect((dup.body as ErrorShape).error.message).toMatch(/sources\.yaml/);
      expect((await sendJson('POST', url('/sources'), fastly, admin)).status).toBe(409);
      for (const [method, path] of [
        ['PATCH', '/sources/nope'],
        ['POST', '/sources/nope/disable'],
        ['POST', '/sources/nope/resume'],
        ['POST', '/sources/nope/reset'],
      ] as const) {
        const r = await sendJson(method, url(path), method === 'PATCH' ? { interval: 60 } : {}, admin);
        expect(r.status, path).toBe(404);
        expect((r.body as ErrorShape).error.code).toBe('not_found');
      }
    });

    it('when a reader key or no key asks to change sources, then 403 or 401, and nothing changes', async () => {
      for (const [method, path, body] of [
        ['POST', '/sources', { ...fastly, id: 'by-reader' }],
        ['PATCH', '/sources/gh', { interval: 30 }],
        ['POST', '/sources/gh/disable', {}],
        ['POST', '/sources/gh/resume', {}],
        ['POST', '/sources/gh/reset', {}],
      ] as const) {
        const r = await sendJson(method, url(path), body, reader);
        expect(r.status, path).toBe(403);
        expect((r.body as ErrorShape).error.code).toBe('forbidden');
        expect((await sendJson(method, url(path), body)).status, path).toBe(401);
      }
      expect((await getJson(url('/sources/audit'), reader)).status).toBe(403);
      expect(await one('gh')).toMatchObject({ enabled: true, origin: 'config', interval_ms: 60_000 });
    });

    it('when a configured source is disabled, re-tuned and resumed, then only what differs from sources.yaml is an override', async () => {
      const disabled = (await sendJson('POST', url('/sources/gh/disable'), {}, admin)).body as { source: Managed };
      expect(disabled.source).toMatchObject({
        enabled: false,
        state: 'disabled',
        origin: 'override',
        override: { enabled: false, interval_ms: null, trust: null },
      });
      expect(disabled.source.configured).toEqual({ enabled: true, interval_ms: 60_000, trust: 'official' });
      expect((await getSource(rt.ctx.db, 'gh'))?.enabled).toBe(false);

      const tuned = (await sendJson('PATCH', url('/sources/gh'), { interval: '5m', trust: 'community' }, admin)).body as { source: Managed };
      expect(tuned.source).toMatchObject({ interval_ms: 300_000, tier: 'community', override: { enabled: false, interval_ms: 300_000, trust: 'community' } });

      const resumed = (await sendJson('POST', url('/sources/gh/resume'), {}, admin)).body as { source: Managed };
      expect(resumed.source).toMatchObject({ enabled: true, origin: 'override', override: { enabled: null, interval_ms: 300_000, trust: 'community' } });
      // Back to what sources.yaml says, one setting at a time: no override is left.
      const back = (await sendJson('PATCH', url('/sources/gh'), { interval: 60, trust: 'official' }, admin)).body as { source: Managed };
      expect(back.source).toMatchObject({ origin: 'config', override: null, interval_ms: 60_000, tier: 'official' });

      const audit = (await getJson(url('/sources/audit?source=gh'), admin)).body as Audit;
      expect(audit.entries.map((e) => e.action)).toEqual(['update', 'resume', 'update', 'disable']);
      expect(audit.entries[3]).toMatchObject({ before: { enabled: true, origin: 'config' }, after: { enabled: false, origin: 'override' } });
    });

    it('when sources.yaml is edited to say what an override says, then at the next start that setting is no longer an override', async () => {
      await sendJson('POST', url('/sources/gh/disable'), {}, admin);
      await sendJson('PATCH', url('/sources/gh'), { interval: '2m' }, admin);
      // A restart with the file now at 2 min: the interval is the file's, only the disable stays.
      const edited = configured.map((s) => (s.id === 'gh' ? { ...s, interval: 120_000 } : s));
      const nowIso = new Date(clock.now()).toISOString();
      await syncSources(rt.ctx.db, edited, nowIso);
      await applyOverrides(rt.ctx.db, edited, nowIso);
      expect(await getOverride(rt.ctx.db, 'gh')).toMatchObject({ enabled: false, interval_ms: null, tier: null });
      expect(await getSource(rt.ctx.db, 'gh')).toMatchObject({ enabled: false, interval_ms: 120_000 });
      // A second process starting at the same time finds the overrides already on the sources
      // rows: it compares with the file, so it prunes nothing more.
      await applyOverrides(rt.ctx.db, edited, nowIso);
      expect(await getOverride(rt.ctx.db, 'gh')).toMatchObject({ enabled: false });
      // And with the file disabling it too: nothing is left to override.
      const disabledToo = edited.map((s) => (s.id === 'gh' ? { ...s, enabled: false } : s));
      await syncSources(rt.ctx.db, disabledToo, nowIso);
      await applyOverrides(rt.ctx.db, disabledToo, nowIso);
      expect(await getOverride(rt.ctx.db, 'gh')).toBeNull();
      // Back as the test suite's configuration says, for the cases after this one.
      await syncSources(rt.ctx.db, configured, nowIso);
      await applyOverrides(rt.ctx.db, configured, nowIso);
      expect(await getSource(rt.ctx.db, 'gh')).toMatchObject({ enabled: true, interval_ms: 60_000 });
    });

    it('when a disabled configured source is resumed, then it runs against sources.yaml and a reset disables it again', async () => {
      const resumed = (await sendJson('POST', url('/sources/news/resume'), {}, admin)).body as { source: Managed };
      expect(resumed.source).toMatchObject({ enabled: true, origin: 'override', override: { enabled: true }, configured: { enabled: false } });
      const reset = (await sendJson('POST', url('/sources/news/reset'), {}, admin)).body as { source: Managed };
      expect(reset.source).toMatchObject({ enabled: false, origin: 'config', override: null });
      // Nothing to reset: the source as it is, and no audit entry.
      const before = ((await getJson(url('/sources/audit'), admin)).body as Audit).entries.length;
      expect((await sendJson('POST', url('/sources/news/reset'), {}, admin)).status).toBe(200);
      expect(((await getJson(url('/sources/audit'), admin)).body as Audit).entries.length).toBe(before);
    });

    it('when a paused source is resumed, then it is out of the pause and due at once', async () => {
      clock.advance(60_000);
      const at = new Date(clock.now()).toISOString();
      await recordPoll(rt.ctx.db, 'fastly-status', { at, ok: false, error: 'unreadable', parse_failed: true, pause: true, next_poll_at: at });
      expect(await one('fastly-status')).toMatchObject({ state: 'paused', paused: true });
      clock.advance(5_000);
      const r = (await sendJson('POST', url('/sources/fastly-status/resume'), {}, admin)).body as { source: Managed };
      expect(r.source).toMatchObject({ paused: false, enabled: true, state: 'failing', origin: 'runtime' });
      expect(r.source.next_poll_at).toBe(new Date(clock.now()).toISOString());
      const audit = (await getJson(url('/sources/audit?source=fastly-status&limit=1'), admin)).body as Audit;
      expect(audit.entries[0]).toMatchObject({ action: 'resume', before: { paused: true }, after: { paused: false } });
    });

    it('when a source added at runtime is reset, then it is removed (disabled, kept with its history) and its id can be added again', async () => {
      const r = (await sendJson('POST', url('/sources/fastly-status/reset'), {}, admin)).body as { source: Managed };
      expect(r.source).toMatchObject({ enabled: false, origin: 'removed', override: null, configured: null });
      expect((await sendJson('POST', url('/sources/fastly-status/disable'), {}, admin)).status).toBe(404);
      const again = await sendJson('POST', url('/sources'), { ...fastly, interval: 600 }, admin);
      expect(again.status).toBe(201);
      expect((again.body as { source: Managed }).source).toMatchObject({ origin: 'runtime', interval_ms: 600_000, paused: false, state: 'pending' });
    });

    it('when the audit list is paged, then it is newest first and the pages join without gaps', async () => {
      const all = ((await getJson(url('/sources/audit?limit=200'), admin)).body as Audit).entries;
      expect(all.length).toBeGreaterThan(8);
      expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => b - a));
      const paged: number[] = [];
      let cursor: string | null = null;
      do {
        const page = (await getJson(url(`/sources/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`), admin)).body as Audit;
        expect(page.entries.length).toBeGreaterThan(0); // a next_cursor never leads to an empty page
        paged.push(...page.entries.map((e) => e.seq));
        cursor = page.next_cursor;
      } while (cursor);
      expect(paged).toEqual(all.map((e) => e.seq));
      // A page that ends exactly at the last entry says there is nothing more.
      const exact = (await getJson(url(`/sources/audit?limit=${all.length}`), admin)).body as Audit;
      expect(exact.entries).toHaveLength(all.length);
      expect(exact.next_cursor).toBeNull();
      const bad = await getJson(url('/sources/audit?cursor=nonsense'), admin);
      expect(bad.status).toBe(400);
      expect((bad.body as ErrorShape).error.field).toBe('cursor');
      expect(((await getJson(url('/sources/audit?limit=0'), admin)).body as ErrorShape).error.field).toBe('limit');
    });

    it('when the sources, a provider and the audit list are read, then they match the schemas the page is typed from', async () => {
      // public/types/api.d.ts is generated from these schemas: the sources page reads every field they name.
      const parsed = async <S extends z.ZodType>(path: string, schema: S) => {
        const r = schema.safeParse((await getJson(url(path), admin)).body);
        expect(r.error?.issues ?? [], path).toEqual([]);
        return r.data as z.infer<S>;
      };
      const { sources, x_budget } = await parsed('/sources', sourcesList);
      expect(sources.map((s) => [s.id, s.origin]).sort()).toEqual([
        ['fastly-status', 'runtime'],
        ['gh', 'config'],
        ['news', 'config'],
      ]);
      expect(x_budget).toMatchObject({ used: 0, credentials: false });
      expect((await parsed('/providers/github', providerDetail)).sources.map((s) => s.id)).toEqual(['gh']);
      const changed = await sendJson('PATCH', url('/sources/fastly-status'), { trust: 'news' }, admin);
      expect(managedSourceOne.safeParse(changed.body).error?.issues ?? []).toEqual([]);
      const { entries } = await parsed('/sources/audit?limit=200', auditPage);
      expect(new Set(entries.map((e) => e.action))).toEqual(new Set(SOURCE_CHANGES));
    });

    it('when a Mastodon source is added without hashtags, then it runs at runtime like a document kind (its url read as it is)', async () => {
      const body = { id: 'masto-outage', kind: 'mastodon', provider: null, trust: 'community', url: 'http://127.0.0.1:9/tags/outage', interval: '5m' };
      const r = await sendJson('POST', url('/sources'), body, admin);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect((r.body as { source: Managed }).source).toMatchObject({ kind: 'mastodon', url: body.url, interval_ms: 300_000, origin: 'runtime' });
    });
  });
}

describe('a catalog status page changed at runtime (the shipped sources.yaml, pglite)', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  let app: Awaited<ReturnType<typeof serve>>;
  let admin: Record<string, string>;
  const clock = new VirtualClock(T0);
  const url = (p: string) => `${app.url}/api/v1${p}`;

  beforeAll(async () => {
    const shipped = loadConfig(configDir, {}).sources;
    rt = await testRuntime({ clock, sources: shipped });
    const nowIso = new Date(clock.now()).toISOString();
    await syncSources(rt.ctx.db, shipped, nowIso);
    await applyOverrides(
      rt.ctx.db,
      shipped.map((s) => s.id),
      nowIso,
    );
    app = await serve(rt.ctx);
    admin = bearer(await newKey(rt.ctx, 'admin', 'ops-alice'));
  });
  afterAll(async () => {
    await app?.close();
    await rt?.cleanup();
  });

  it('when its interval is changed and then reset, then it polls at the catalog interval again, as a restart would write it', async () => {
    const entry = rt.ctx.config.sources.find((s) => s.id === 'github-status');
    expect(entry && 'interval' in entry ? entry.interval : null).toBe(300_000); // catalog.interval: 5m
    const tuned = (await sendJson('PATCH', url('/sources/github-status'), { interval: '2m' }, admin)).body as { source: Managed };
    expect(tuned.source).toMatchObject({ interval_ms: 120_000, origin: 'override', configured: { interval_ms: 300_000, trust: 'official' } });
    const reset = (await sendJson('POST', url('/sources/github-status/reset'), {}, admin)).body as { source: Managed };
    expect(reset.source).toMatchObject({ interval_ms: 300_000, origin: 'config', override: null });
    expect((await getSource(rt.ctx.db, 'github-status'))?.interval_ms).toBe(300_000);
    // Adding a catalog page's id again is a conflict: it is configured.
    const again = await sendJson('POST', url('/sources'), { ...fastly, id: 'github-status', provider: 'github' }, admin);
    expect(again.status).toBe(409);
  });
});
