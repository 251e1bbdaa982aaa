import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { testRuntime, VirtualClock } from '../helpers/runtime.js';
import { startDocServer, type DocServer } from '../helpers/doc-server.js';
import { defaultPipelineDeps } from '../../src/pipeline/deps.js';
import { ingestSource } from '../../src/pipeline/ingest.js';
import { syncSources, getSource, dueSources } from '../../src/store/sources-repo.js';
import { countPosts } from '../../src/store/posts-repo.js';
import { PARSE_FAILURES_BEFORE_PAUSE } from '../../src/fetch/index.js';

const summary = readFileSync(new URL('../fixtures/pipeline/github_summary_2022-11-25_ACTIVE_major_incident.json', import.meta.url));

describe('bad sources never stop good ones', () => {
  let docs: DocServer;
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  const clock = new VirtualClock(Date.parse('2022-11-25T16:00:00Z'));
  const ids = ['good', 'broken-json', 'server-error', 'rate-limited'];

  beforeAll(async () => {
    docs = await startDocServer();
    docs.set('/good.json', summary);
    docs.set('/broken.json', '{"page": {"id": "x", "name": "Broken", "url": "https://broken.test"}, "incidents": [');
    docs.set('/error.json', 'oops', { status: 500 });
    docs.set('/limited.json', 'slow down', { status: 429, headers: { 'retry-after': '900' } });
    rt = await testRuntime({ clock });
    const src = (id: string, path: string) => ({
      id,
      kind: 'statuspage' as const,
      provider: 'github',
      trust: 'official',
      enabled: true,
      url: `${docs.url}${path}`,
      interval: 60_000,
    });
    await syncSources(
      rt.ctx.db,
      [src('good', '/good.json'), src('broken-json', '/broken.json'), src('server-error', '/error.json'), src('rate-limited', '/limited.json')],
      new Date(clock.now()).toISOString(),
    );
  });
  afterAll(async () => {
    await rt.cleanup();
    await docs.close();
  });

  it('when one poll meets malformed JSON, a 500 and a 429, then each gets a clear error on its source and the good source is stored', async () => {
    const deps = defaultPipelineDeps(rt.ctx, { random: () => 0.5 });
    const results = await Promise.all(ids.map((id) => ingestSource(rt.ctx, deps, id)));
    expect(results.map((r) => r.outcome)).toEqual(['ok', 'parse-error', 'fetch-error', 'fetch-error']);
    expect(await countPosts(rt.ctx.db)).toBe(7);
    const broken = await getSource(rt.ctx.db, 'broken-json');
    expect(broken?.last_error).toMatch(/broken\.json: .*JSON/i);
    const failing = await getSource(rt.ctx.db, 'server-error');
    expect(failing).toMatchObject({ consecutive_failures: 1 });
    expect(failing?.last_error).toMatch(/^source server-error: GET http:\/\/127\.0\.0\.1:\d+\/error\.json: server answered HTTP 500/);
    // Retry-After (15 minutes) pushes the next poll past the 60 s interval.
    const limited = await getSource(rt.ctx.db, 'rate-limited');
    expect(Date.parse(limited!.next_poll_at!) - clock.now()).toBeGreaterThanOrEqual(900_000);
    // A 500 backs off: the next poll is later than the interval alone.
    expect(Date.parse(failing!.next_poll_at!) - clock.now()).toBeGreaterThan(60_000);
  });

  it('when a source keeps failing to parse, then it is paused and no longer polled, and the others still are', async () => {
    const deps = defaultPipelineDeps(rt.ctx, { random: () => 0.5 });
    for (let i = 1; i < PARSE_FAILURES_BEFORE_PAUSE; i++) await ingestSource(rt.ctx, deps, 'broken-json');
    const broken = await getSource(rt.ctx.db, 'broken-json');
    expect(broken).toMatchObject({ paused: true, parse_failures: PARSE_FAILURES_BEFORE_PAUSE });
    clock.advance(24 * 60 * 60 * 1000);
    const due = (await dueSources(rt.ctx.db, new Date(clock.now()).toISOString(), ['statuspage'])).map((s) => s.id);
    expect(due).not.toContain('broken-json');
    expect(due).toContain('good');
    // The next start (configuration synced again) gives it another chance.
    const configured = (await rt.ctx.db.query<{ id: string; url: string }>('SELECT id, url FROM sources ORDER BY id')).map((r) => ({
      id: r.id,
      kind: 'statuspage' as const,
      provider: 'github',
      trust: 'official',
      enabled: true,
      url: r.url,
      interval: 60_000,
    }));
    await syncSources(rt.ctx.db, configured, new Date(clock.now()).toISOString());
    expect(await getSource(rt.ctx.db, 'broken-json')).toMatchObject({ paused: false, parse_failures: 0 });
  });
});
