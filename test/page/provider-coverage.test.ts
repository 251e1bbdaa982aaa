import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { testRuntime } from '../helpers/runtime.js';
import { configDir } from '../helpers/catalog.js';
import { loadConfig } from '../../src/config/load.js';
import { saveIncident } from '../../src/store/incidents-repo.js';
import { recordPoll, syncSources } from '../../src/store/sources-repo.js';
import type { RateLimits } from '../../src/api/rate-limit.js';
import { incident, launchBrowser, minutesAgo, screenshotPath, servePage } from './helpers.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;
type App = Awaited<ReturnType<typeof servePage>>;

const roomy: RateLimits = { key: { limit: 100_000, windowMs: 60_000 }, anonymous: { limit: 100_000, windowMs: 60_000 } };

/**
 * The shipped source list (every catalog status page) in the store, never polled from here:
 * polls are recorded as the ingest stage records them, some answering, one failing, one paused.
 */
describe('the page shows which status pages we watch and whether they answer (headless Chromium)', () => {
  let rt: Rt;
  let app: App;
  let browser: Browser;

  beforeAll(async () => {
    rt = await testRuntime({
      sources: loadConfig(configDir, {}).sources,
      patch: (c) => ({ ...c, server: { ...c.server, auth: { anonymous_read: true } } }),
    });
    await syncSources(rt.ctx.db, rt.ctx.config.sources, minutesAgo(30));
    const ok = (id: string, at: number) => recordPoll(rt.ctx.db, id, { at: minutesAgo(at), next_poll_at: minutesAgo(at - 5), ok: true });
    await ok('github-status', 1);
    await ok('stripe-status', 12);
    await recordPoll(rt.ctx.db, 'stripe-status', { at: minutesAgo(2), next_poll_at: minutesAgo(-3), ok: false, error: 'HTTP 503 from status.stripe.com' });
    await recordPoll(rt.ctx.db, 'slack-status', {
      at: minutesAgo(3),
      next_poll_at: minutesAgo(-2),
      ok: false,
      error: 'not JSON',
      parse_failed: true,
      pause: true,
    });
    const open = { status: 'suspected' as const, rank: 0.5, first_seen_at: minutesAgo(7), updated_at: minutesAgo(1) };
    await saveIncident(rt.ctx.db, incident('gh', { ...open, provider: 'github', title: 'GitHub: reported problems', rank: 0.9 }));
    await saveIncident(rt.ctx.db, incident('st', { ...open, provider: 'stripe', title: 'Stripe: reported problems', rank: 0.8 }));
    await saveIncident(rt.ctx.db, incident('o2', { ...open, provider: 'o2-uk', title: 'O2: reported problems', rank: 0.7 }));
    [app, browser] = await Promise.all([servePage(rt.ctx, { rateLimits: roomy }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await rt?.cleanup();
  });

  it('counts silence only where the page answers, says "not watched" or "unreachable" elsewhere, and lists every provider problems first', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 1400 }, locale: 'en-US', timezoneId: 'UTC' });
    const page = await ctx.newPage();
    try {
      await page.goto(`${app.url}/`);
      await page.waitForSelector('#feed .card[data-id="o2"]');
      const card = (id: string) => page.locator(`#feed .card[data-id="${id}"] .silence`);
      // GitHub's page answers: its clock runs. Stripe's fails; O2 has no page we read.
      expect(await card('gh').textContent()).toMatch(/^Status page silent for 7 min \d\d s$/);
      expect(await card('st').textContent()).toBe('Status page unreachable');
      expect(await card('o2').textContent()).toBe('Status page not watched');
      expect(await page.locator('#feed .card[data-id="st"] .clock, #feed .card[data-id="o2"] .clock').count()).toBe(0);
      // "At a glance" says the same.
      const glance = await page.locator('#g-silent').textContent();
      expect(glance).toContain('Status page unreachable');
      expect(glance).toContain('Status page not watched');

      // The coverage view: one sentence, then every provider, the ones we cannot read first.
      await page.locator('#provider-coverage').waitFor({ state: 'visible' });
      const watched = rt.ctx.config.catalog.providers.filter((p) => p.status_page).length;
      const total = rt.ctx.config.catalog.providers.length;
      expect(await page.locator('#pcov-summary').textContent()).toBe(
        `Watching the status pages of ${watched} of ${total} providers: 1 answer, 1 failing, 1 paused, ${watched - 3} not polled yet.`,
      );
      expect(await page.locator('#pcov-list').isHidden()).toBe(true);
      await page.locator('#pcov-all').click();
      await page.locator('#pcov-list').waitFor({ state: 'visible' });
      expect(await page.locator('#pcov-all').getAttribute('aria-expanded')).toBe('true');
      const rows = page.locator('#pcov-list .pcov-item');
      expect(await rows.count()).toBe(total);
      expect(await rows.nth(0).getAttribute('data-provider')).toBe('stripe');
      expect(await rows.nth(0).textContent()).toMatch(/^Stripefailinganswered 12 min ago$/);
      expect(await rows.nth(0).locator('.pcov-when').getAttribute('title')).toBe('HTTP 503 from status.stripe.com');
      expect(await rows.nth(1).getAttribute('data-provider')).toBe('slack');
      expect(await page.locator('#pcov-list .pcov-item[data-provider="github"]').textContent()).toMatch(/answersanswered 1 min ago$/);
      expect(await page.locator('#pcov-list .pcov-item[data-provider="o2-uk"] .pcov-state').textContent()).toBe('not watched');
      expect(await page.locator('#pcov-list .pcov-item:last-child').getAttribute('data-state')).toBe('healthy');
      await page.screenshot({ path: screenshotPath('provider-coverage'), fullPage: true });

      // The incident view says why there is no clock.
      await page.locator('#feed .card[data-id="st"] a').first().click();
      await page.locator('#detail').waitFor({ state: 'visible' });
      await expect.poll(() => page.locator('#d-facts').textContent()).toContain('Status pageStatus page unreachable');
    } finally {
      await ctx.close();
    }
  });
});
