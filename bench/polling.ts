import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { repoRoot } from '../src/repo-root.js';
import { benchResult, type BenchResult } from './types.js';
import { serveCatalogPages } from './catalog-pages.js';
import { loadConfig, type AppConfig } from '../src/config/load.js';
import { DEFAULT_CATALOG_INTERVAL_MS } from '../src/config/schema.js';
import { boot, startServices } from '../src/app/boot.js';
import { createLogger } from '../src/core/logger.js';
import { defaultPipelineDeps } from '../src/pipeline/deps.js';

/**
 * `poll-catalog-cpu`: what polling every catalog status page costs at steady state, in % of one
 * core at the shipped pace (every page every 5 minutes while its provider is quiet); target
 * under 5 %. The real scheduler, ingest stage, fetcher (conditional GET, per-host limits, SSRF
 * checks) and store (PGlite in memory) on real Redis, against every catalog page served on
 * loopback under its own hostname (bench/catalog-pages.ts). Two windows, on process.cpuUsage:
 *
 *   idle  every stage running, nothing due: the fixed cost (scheduler ticks, queue connections).
 *         Measured first, before any poll: measured after the busy window it caught, or not, a
 *         major garbage collection of the busy window's garbage (two runs gave 0.6 % and 4.4 %).
 *   busy  every page polled every 5 s, after warm-up rounds, so each poll is what it is at steady
 *         state: a conditional GET answered 304; long enough to hold its own major collections
 *
 * CPU per poll = (busy − idle) / polls per second; the cost = idle + CPU per poll × pages / 5 min.
 * The loopback servers run in this process and are counted against us; Redis's own CPU is not.
 */
const BUSY_INTERVAL_MS = 5_000;
const WARM_ROUNDS = 3;
const BUSY_WINDOW_MS = 40_000;
/** A whole minute: it holds one run of the scheduler's periodic sweep (every 60 s), as every minute does. */
const IDLE_WINDOW_MS = 60_000;
const SETTLE_MS = 10_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU seconds this process used during `ms` of wall time, per wall second. */
async function cpuPerSecond(ms: number, count: () => number): Promise<{ cores: number; perSecond: number }> {
  const c0 = process.cpuUsage();
  const n0 = count();
  const t0 = performance.now();
  await sleep(ms);
  const c = process.cpuUsage(c0);
  const wall = (performance.now() - t0) / 1000;
  return { cores: (c.user + c.system) / 1e6 / wall, perSecond: (count() - n0) / wall };
}

export async function benchPolling(log: (line: string) => void = () => {}): Promise<BenchResult[]> {
  const base = loadConfig(join(repoRoot(), 'config'), {});
  const catalog = base.sources.filter((s) => s.trust === 'official');
  const pages = await serveCatalogPages(catalog, { intervalMs: BUSY_INTERVAL_MS });
  const prefix = `bench-poll-${randomBytes(4).toString('hex')}`;
  const config: AppConfig = {
    ...base,
    sources: pages.sources,
    network: { ...base.network, allow_private: [...base.network.allow_private, ...pages.allow] },
    server: { ...base.server, request_log: false },
  };
  const rt = await boot({ config, inMemoryStore: true, prefix, log: createLogger('silent') });
  const services = await startServices(rt, {
    scheduler: true,
    stages: ['ingest'],
    pipeline: defaultPipelineDeps(rt.ctx, { resolver: pages.resolver, allow: pages.allow }),
  });
  /** Makes every page due `ms` from now. */
  const dueIn = (ms: number) => rt.ctx.db.query('UPDATE sources SET next_poll_at = $1', [new Date(Date.now() + ms).toISOString()]);
  try {
    // Nothing due until the idle window has been measured; the few first polls already queued
    // at start finish while it settles.
    await dueIn(3_600_000);
    await sleep(SETTLE_MS);
    const idle = await cpuPerSecond(IDLE_WINDOW_MS, pages.requests);
    if (idle.perSecond > 0) throw new Error('poll-catalog-cpu: a page was polled during the idle window');
    await dueIn(0);
    const hosts = [...pages.hosts.values()];
    const deadline = Date.now() + 180_000;
    while (hosts.some((h) => h.at.length < WARM_ROUNDS) && Date.now() < deadline) await sleep(250);
    if (hosts.some((h) => h.at.length < WARM_ROUNDS)) throw new Error('poll-catalog-cpu: some pages were not polled during the warm-up');
    const busy = await cpuPerSecond(BUSY_WINDOW_MS, pages.requests);
    const perPoll = Math.max(0, busy.cores - idle.cores) / busy.perSecond;
    const shippedRate = catalog.length / (DEFAULT_CATALOG_INTERVAL_MS / 1000);
    const percent = (idle.cores + perPoll * shippedRate) * 100;
    log(
      `poll-catalog-cpu: ${catalog.length} pages; busy ${busy.perSecond.toFixed(1)} polls/s at ${(busy.cores * 100).toFixed(1)}% of a core, ` +
        `idle ${(idle.cores * 100).toFixed(2)}%, ${(perPoll * 1000).toFixed(2)} ms CPU per poll → ${percent.toFixed(2)}% at ${shippedRate.toFixed(2)} polls/s\n`,
    );
    return [
      benchResult({
        name: 'poll-catalog-cpu',
        value: Math.round(percent * 100) / 100,
        unit: `% of one core (${catalog.length} catalog pages every 5 min; ${(perPoll * 1000).toFixed(1)} ms CPU per poll)`,
        baseline_name: null,
        baseline: null,
        target: 5,
        higher_is_better: false,
      }),
    ];
  } finally {
    await services.stop();
    // The run's queue keys go with it: a unique prefix, removed key by key.
    let cursor = '0';
    do {
      const [next, keys] = await rt.ctx.redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await rt.ctx.redis.del(...keys);
    } while (cursor !== '0');
    await rt.close();
    await pages.close();
  }
}
