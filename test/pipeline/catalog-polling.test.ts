import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testRuntime } from '../helpers/runtime.js';
import { configDir } from '../helpers/catalog.js';
import { serveCatalogPages, type CatalogPages } from '../../bench/catalog-pages.js';
import { loadConfig } from '../../src/config/load.js';
import { startServices, type RunningServices } from '../../src/app/boot.js';
import { defaultPipelineDeps } from '../../src/pipeline/deps.js';

const INTERVAL = 8_000;
/**
 * The next poll may come a tenth of the interval late (jitter), and the time between two
 * requests also holds the previous poll's own work and the next one's way through the scheduler
 * tick and the queue: allowed for generously, as 2 cores are shared by many test runs here.
 */
const JITTER = 0.1;
const PICKUP_MS = 3_500;
const PER_HOST = 2;
const SHARED_HOST = 'shared.status.test';

/**
 * The shipped catalog (every provider with a status page) polled for real on the wall clock:
 * each page under its own hostname, resolved by the injected resolver to 127.0.0.1-4, answered
 * with a real document of its kind. Intervals are 8 s instead of 5 min so a few rounds fit in a
 * test; a few extra sources share one slow host so the per-host limit has work to do.
 */
describe('every catalog status page is polled on the wall clock, no host above its limit', () => {
  let pages: CatalogPages;
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  let svc: RunningServices;
  const catalog = loadConfig(configDir, {}).sources.filter((s) => s.trust === 'official');

  beforeAll(async () => {
    pages = await serveCatalogPages(catalog, { intervalMs: INTERVAL, shared: 4, sharedDelayMs: 800 });
    rt = await testRuntime({
      sources: pages.sources,
      allowPrivate: pages.allow,
      patch: (c) => ({
        ...c,
        queue: { ...c.queue, concurrency: { ...c.queue.concurrency, ingest: 8 } },
        network: { ...c.network, per_host_concurrency: PER_HOST },
      }),
    });
    svc = await startServices(rt, {
      scheduler: true,
      stages: ['ingest'],
      pipeline: defaultPipelineDeps(rt.ctx, { resolver: pages.resolver, allow: pages.allow }),
      tickMs: 200,
    });
  }, 60_000);
  afterAll(async () => {
    await svc?.stop();
    await rt?.cleanup();
    await pages?.close();
  });

  it('polls every page within one interval, again and again, with conditional GETs, and never more than the per-host limit at once', async () => {
    const catalogHosts = [...pages.hosts.keys()].filter((h) => h !== SHARED_HOST);
    expect(catalog.length).toBeGreaterThanOrEqual(150);
    expect(catalogHosts.length).toBe(catalog.length); // each page under its own hostname

    // The first round: every page once (each page's history is parsed and stored, the costly
    // part; when the first polls are due is checked on a virtual clock in adaptive-polling.test.ts).
    const deadline = Date.now() + 90_000;
    while ([...pages.hosts.values()].some((h) => h.at.length === 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(catalogHosts.filter((h) => pages.hosts.get(h)!.at.length === 0)).toEqual([]);

    // Then four intervals at steady state: no page waits longer than one interval (plus jitter and pickup) between polls.
    const from = Date.now();
    await new Promise((r) => setTimeout(r, 4 * INTERVAL));
    const to = Date.now();
    const late: string[] = [];
    for (const host of catalogHosts) {
      const all = pages.hosts.get(host)!.at.filter((t) => t <= to);
      // From the last poll before the window on: every wait that ended inside it, and the one still running at its end.
      const first = all.findIndex((t) => t >= from);
      const at = [...all.slice(first < 0 ? all.length - 1 : Math.max(0, first - 1)), to];
      const gaps = at.slice(1).map((t, i) => t - at[i]!);
      if (gaps.length < 4 || Math.max(...gaps) > INTERVAL * (1 + JITTER) + PICKUP_MS) late.push(`${host}: gaps ${gaps.join(', ')} ms`);
    }
    expect(late).toEqual([]);

    // Conditional GET: after its first answer, each page is asked If-None-Match and answers 304.
    expect(catalogHosts.filter((h) => pages.hosts.get(h)!.notModified === 0)).toEqual([]);
    // The per-host limit holds, on the shared slow host too (four sources, two at a time).
    expect(pages.hosts.get(SHARED_HOST)!.maxInFlight).toBe(PER_HOST);
    expect(Math.max(...[...pages.hosts.values()].map((h) => h.maxInFlight))).toBeLessThanOrEqual(PER_HOST);
  }, 120_000);
});
