import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { testRuntime } from '../helpers/runtime.js';
import { saveIncident } from '../../src/store/incidents-repo.js';
import { recordPoll, syncSources } from '../../src/store/sources-repo.js';
import { githubStatusSource as source } from '../helpers/sources.js';
import type { RateLimits } from '../../src/api/rate-limit.js';
import { attach, incident, launchBrowser, minutesAgo, publish, screenshotPath, servePage, watchedPages } from './helpers.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;
type App = Awaited<ReturnType<typeof servePage>>;

const roomy: RateLimits = { key: { limit: 100_000, windowMs: 60_000 }, anonymous: { limit: 100_000, windowMs: 60_000 } };

/** "4 min 07 s" → 247; the clocks' own format (public/format.js). */
function seconds(text: string): number {
  const part = (unit: string) => Number(new RegExp(`(\\d+) ${unit}\\b`).exec(text)?.[1] ?? 0);
  return part('h') * 3600 + part('min') * 60 + part('s');
}

describe('the page is honest about what it can see, and its numbers agree (headless Chromium)', () => {
  let rt: Rt;
  let app: App;
  let browser: Browser;

  beforeAll(async () => {
    rt = await testRuntime({ patch: (c) => ({ ...c, server: { ...c.server, auth: { anonymous_read: true } } }) });
    [app, browser] = await Promise.all([servePage(rt.ctx, { rateLimits: roomy }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await rt?.cleanup();
  });

  async function open(path = '/'): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
    const page = await ctx.newPage();
    await page.goto(`${app.url}${path}`);
    await page.waitForSelector('#live[data-state="live"]');
    return { ctx, page };
  }

  it('with no source watched, it says so first instead of "every provider we watch looks normal"', async () => {
    const { ctx, page } = await open();
    try {
      await page.locator('#coverage').waitFor({ state: 'visible' });
      expect(await page.locator('#coverage').textContent()).toMatch(/^No source is watched/);
      expect(await page.locator('#feed-state').textContent()).toBe('No incidents, because no source is watched.');
      expect(await page.locator('body').textContent()).not.toContain('looks normal');
      // "First": the banner comes before the list and its heading.
      expect(
        await page.evaluate(
          () => document.getElementById('coverage')!.compareDocumentPosition(document.getElementById('feed-title')!) & Node.DOCUMENT_POSITION_FOLLOWING,
        ),
      ).toBeTruthy();
    } finally {
      await ctx.close();
    }
  });

  it('with every source failing, it says there has been no data from them, and for how long', async () => {
    await syncSources(rt.ctx.db, [source('gh-a'), source('gh-b')], new Date().toISOString());
    for (const id of ['gh-a', 'gh-b']) {
      await recordPoll(rt.ctx.db, id, { at: minutesAgo(12), next_poll_at: minutesAgo(11), ok: true });
      await recordPoll(rt.ctx.db, id, { at: minutesAgo(1), next_poll_at: minutesAgo(0), ok: false, error: 'timeout' });
    }
    const { ctx, page } = await open();
    try {
      await page.locator('#coverage[data-status="blind"]').waitFor();
      expect(await page.locator('#coverage').textContent()).toBe(
        'No data from 2 of 2 sources for 12 min: an empty feed means we cannot tell, not that all is well. (2 failing)',
      );
      expect(await page.locator('#feed-state').textContent()).toBe('No incidents to show, but no source gives data, so this is not an all-clear.');
      await page.screenshot({ path: screenshotPath('coverage-blind') });
    } finally {
      await ctx.close();
    }
    // Healthy again: the banner goes, and only then an empty feed is good news.
    for (const id of ['gh-a', 'gh-b']) await recordPoll(rt.ctx.db, id, { at: new Date().toISOString(), next_poll_at: minutesAgo(-1), ok: true });
    const again = await open();
    try {
      await expect.poll(() => again.page.locator('#feed-state').textContent()).toBe('No active incidents. Every provider we watch looks normal.');
      expect(await again.page.locator('#coverage').isHidden()).toBe(true);
    } finally {
      await again.ctx.close();
    }
  });

  it('every count agrees: "At a glance", the headings and the lists, even past a page', async () => {
    for (let i = 0; i < 12; i++)
      await saveIncident(rt.ctx.db, incident(`res-${i}`, { status: 'resolved', rank: 0.01, resolved_at: minutesAgo(30 + i), updated_at: minutesAgo(30 + i) }));
    await saveIncident(rt.ctx.db, incident('open-1', { status: 'suspected', rank: 0.5, updated_at: minutesAgo(1) }));
    await saveIncident(
      rt.ctx.db,
      incident('open-2', { status: 'confirmed', rank: 0.6, official_lag_seconds: 7053, official_first_at: minutesAgo(2), updated_at: minutesAgo(1) }),
    );
    const { ctx, page } = await open();
    try {
      await page.waitForSelector('#recent-list .card');
      const glance = async (cls: string) => Number(await page.locator(`.g-${cls} .g-num`).textContent());
      expect(await glance('resolved')).toBe(12);
      expect(await page.locator('#recent-count').textContent()).toBe('10 of 12'); // the list holds 10; the count says so
      expect(await page.locator('#recent-list .card').count()).toBe(10);
      expect(await glance('suspected')).toBe(1);
      expect(await glance('confirmed')).toBe(1);
      expect(await page.locator('#feed-count').textContent()).toBe('2');
      expect(await page.title()).toBe('(2) outage-radar');
      // Durations read as people say them.
      expect(await page.locator('.card[data-id="open-2"] .silence').textContent()).toBe('Official after 1 h 58 min');
    } finally {
      await ctx.close();
    }
  });

  it('the "status page silent" clock never runs backwards, even when the server time estimate moves back', async () => {
    const inc = incident('silent-1', { status: 'suspected', rank: 0.9, first_seen_at: minutesAgo(9), updated_at: minutesAgo(0) });
    await saveIncident(rt.ctx.db, inc);
    await watchedPages(rt.ctx, ['aws']); // its page answers, so its silence is counted
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
    const page = await ctx.newPage();
    // From the second load on, the feed claims a time 50 s earlier: what a cached
    // generated_at did once a minute.
    let loads = 0;
    await page.route(/\/api\/v1\/feed\?/, async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as { generated_at: string };
      if (++loads > 2) body.generated_at = new Date(Date.parse(body.generated_at) - 50_000).toISOString();
      await route.fulfill({ response: res, json: body });
    });
    try {
      await page.goto(`${app.url}/`);
      await page.waitForSelector('#live[data-state="live"]');
      const clock = page.locator('.card[data-id="silent-1"] .clock');
      await clock.waitFor();
      // It runs while the estimate holds still...
      const first = seconds((await clock.textContent()) ?? '');
      await page.waitForFunction((t) => document.querySelector('.card[data-id="silent-1"] .clock')?.textContent !== t, await clock.textContent());
      expect(seconds((await clock.textContent()) ?? '')).toBeGreaterThan(first);
      // ...and holds still, rather than jump back, when the estimate moves back.
      const samples: number[] = [seconds((await clock.textContent()) ?? '')];
      // A live event makes the page reload the feed (and re-render the card) with the earlier time.
      await publish(rt.ctx, { ...inc, updated_at: new Date().toISOString() }, 'changed', 'More reports');
      const until = Date.now() + 3500;
      while (Date.now() < until) {
        samples.push(seconds((await clock.textContent()) ?? ''));
        await page.waitForTimeout(150);
      }
      expect(loads).toBeGreaterThan(2);
      expect(first).toBeGreaterThanOrEqual(9 * 60);
      for (let i = 1; i < samples.length; i++) expect(samples[i], `sample ${i}: ${samples.join(',')}`).toBeGreaterThanOrEqual(samples[i - 1]!);
    } finally {
      await ctx.close();
    }
  });

  it('names the status page for official evidence without an author, and counts posts in the right number', async () => {
    const inc = incident('one-post', { status: 'confirmed', rank: 0.95, evidence_count: 1, updated_at: minutesAgo(0) });
    await saveIncident(rt.ctx.db, inc);
    await attach(rt.ctx, inc, [
      {
        id: 'p-one',
        tier: 'official',
        source_kind: 'aws-health',
        author: null,
        url: null,
        text: 'We are investigating increased error rates.',
        published_at: minutesAgo(2),
        trust: 1,
        probability: 1,
        contribution: 0.4,
      },
    ]);
    const { ctx, page } = await open('/#/incidents/one-post');
    try {
      await page.locator('#d-evidence .ev-item').first().waitFor();
      expect(await page.locator('#d-evidence .ev-author').textContent()).toBe('Amazon Web Services status page');
      expect(await page.locator('body').textContent()).not.toContain('unknown author');
      const facts = await page.locator('#d-facts').textContent();
      expect(facts).toContain('Evidence1 post');
      expect(facts).not.toContain('1 posts');
      await page.keyboard.press('Escape');
      await page.locator('.card[data-id="one-post"] .ev-top-item').first().waitFor();
      expect(await page.locator('.card[data-id="one-post"] .ev-author').textContent()).toBe('Amazon Web Services status page');
    } finally {
      await ctx.close();
    }
  });
});
