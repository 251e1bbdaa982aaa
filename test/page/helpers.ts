import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { RateLimits } from '../../src/api/rate-limit.js';
import { testRuntime } from '../helpers/runtime.js';
import { serveApp } from '../helpers/serve-app.js';
import type { AppContext } from '../../src/app/context.js';
import type { Incident, IncidentState } from '../../src/domain/incident.js';
import type { Post, SourceKind } from '../../src/domain/post.js';
import { addEvent, attachEvidence, saveIncident, type IncidentEvent } from '../../src/store/incidents-repo.js';
import { insertPosts } from '../../src/store/posts-repo.js';
import { insertSignal } from '../../src/store/signals-repo.js';
import { deliverEvent } from '../../src/pipeline/deliver.js';
import { makeIncident } from '../helpers/incident.js';

export const SCREENSHOTS = new URL('../../test-results/screenshots/', import.meta.url);
export const DOCS_SCREENSHOT = new URL('../../docs/screenshot.png', import.meta.url);

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return new URL(`${name}.png`, SCREENSHOTS).pathname;
}

/** Debian's chromium, headless, nothing fetched from the network on its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export { serveApp as servePage } from '../helpers/serve-app.js';

export const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

export function incident(id: string, over: Partial<Incident> = {}): Incident {
  return makeIncident(id, { title: 'Amazon Web Services S3 (us-east-1): reported problems', confidence: 0.55, ...over }, minutesAgo(5));
}

export interface EvidenceSeed {
  id: string;
  tier: string;
  source_kind: SourceKind;
  author: string | null;
  url: string | null;
  title?: string | null;
  text: string;
  published_at: string;
  trust: number;
  probability: number;
  contribution: number;
  official?: Post['incident'];
}

/** Stores each post with its signal and attaches it to the incident (which must be saved). */
export async function attach(ctx: AppContext, inc: Incident, items: EvidenceSeed[]): Promise<void> {
  const now = new Date().toISOString();
  for (const e of items) {
    const post: Post = {
      id: e.id,
      kind: e.tier === 'official' ? 'official' : e.tier === 'news' ? 'news' : 'social',
      source_kind: e.source_kind,
      provider: inc.provider,
      author: e.author,
      url: e.url,
      published_at: e.published_at,
      title: e.title ?? null,
      text: e.text,
      incident: e.official ?? null,
    };
    await insertPosts(ctx.db, `${e.source_kind}-test`, e.tier, [post], now);
    await insertSignal(
      ctx.db,
      {
        post_id: e.id,
        probability: e.probability,
        outage: true,
        providers: [inc.provider],
        components: inc.components,
        regions: inc.regions,
        tier: e.tier,
        trust: e.trust,
        score: e.probability * e.trust,
      },
      now,
    );
    await attachEvidence(ctx.db, inc.id, e.id, e.contribution, e.published_at);
  }
}

/** Saves the incident as it is now, records the event and publishes it to the live stream. */
export async function publish(
  ctx: AppContext,
  inc: Incident,
  type: IncidentEvent['type'],
  summary: string,
  at: string = new Date().toISOString(),
  status: IncidentState = inc.status,
): Promise<number> {
  await saveIncident(ctx.db, inc);
  const seq = await addEvent(ctx.db, { incident_id: inc.id, at, type, status, summary, post_id: null });
  const r = await deliverEvent(ctx, seq);
  if (r !== 'published') throw new Error(`event ${seq} was not published`);
  return seq;
}

/**
 * Official status pages for these providers, watched and answering (polled now, hourly), so the
 * "status page silent" clocks of their incidents run: where a page is not watched, the page says
 * so instead of counting. Other sources are left as they are.
 */
export async function watchedPages(ctx: AppContext, providers: string[]): Promise<void> {
  const now = new Date().toISOString();
  const next = new Date(Date.now() + 3_600_000).toISOString();
  for (const p of providers)
    await ctx.db.query(
      `INSERT INTO sources (id, kind, provider, tier, url, enabled, interval_ms, next_poll_at, last_attempt_at, last_success_at)
       VALUES ($1, 'statuspage', $2, 'official', $3, true, 3600000, $4, $5, $5) ON CONFLICT (id) DO NOTHING`,
      [`${p}-status`, p, `https://${p}.example/api/v2/summary.json`, next, now],
    );
}

/** Rate limits no browser test reaches: the page polls, retries and reloads freely. */
export const ROOMY: RateLimits = { key: { limit: 100_000, windowMs: 60_000 }, anonymous: { limit: 100_000, windowMs: 60_000 } };

/**
 * `n` people's posts about S3, strongest first (later posts go to the end), published over the
 * minutes before `minutesBack` ago, one a tenth of a minute after the other.
 */
export function seedPosts(prefix: string, n: number, opts: { from?: number; minutesBack?: number } = {}): EvidenceSeed[] {
  const from = opts.from ?? 0;
  const back = opts.minutesBack ?? 30;
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return {
      id: `${prefix}-${i}`,
      tier: 'public',
      source_kind: 'mastodon' as const,
      author: `@user${i}@example.social`,
      url: `https://example.social/@user${i}/${i}`,
      text: `S3 uploads failing for us too (${i})`,
      published_at: minutesAgo(back - i / 10),
      trust: 0.4,
      probability: 0.9,
      contribution: 0.5 - i / 1000,
    };
  });
}

export interface BrowserSuite {
  readonly rt: Awaited<ReturnType<typeof testRuntime>>;
  readonly app: Awaited<ReturnType<typeof serveApp>>;
  readonly browser: Browser;
  /** A new browser context on `path`; `before` runs on the page before it loads (routes to fake). */
  open(path?: string, opts?: BrowserContextOptions, before?: (page: Page) => Promise<void>): Promise<{ ctx: BrowserContext; page: Page }>;
}

/**
 * One app (anonymous reads, roomy limits), one store and one browser for a describe block, with
 * these providers' status pages watched; incidents are cleared before each test. Call inside
 * `describe`: it registers the hooks.
 */
export function browserSuite(watched: string[], context: BrowserContextOptions): BrowserSuite {
  let rt: BrowserSuite['rt'] | undefined;
  let app: BrowserSuite['app'] | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    rt = await testRuntime({ patch: (c) => ({ ...c, server: { ...c.server, auth: { anonymous_read: true } } }) });
    await watchedPages(rt.ctx, watched);
    [app, browser] = await Promise.all([serveApp(rt.ctx, { rateLimits: ROOMY }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await rt?.cleanup();
  });
  beforeEach(async () => {
    for (const t of ['incident_evidence', 'incident_events', 'incidents']) await rt!.ctx.db.query(`DELETE FROM ${t}`);
  });
  const ready = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error('browserSuite: used before its beforeAll ran');
    return x;
  };
  return {
    get rt() {
      return ready(rt);
    },
    get app() {
      return ready(app);
    },
    get browser() {
      return ready(browser);
    },
    async open(path = '/', opts = {}, before) {
      const ctx = await ready(browser).newContext({ ...context, ...opts });
      const page = await ctx.newPage();
      if (before) await before(page);
      await page.goto(`${ready(app).url}${path}`);
      return { ctx, page };
    },
  };
}
