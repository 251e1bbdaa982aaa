import { describe, it, expect } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { BrowserContextOptions } from 'playwright-core';
import { createApp, listen } from '../../src/api/server.js';
import { saveIncident } from '../../src/store/incidents-repo.js';
import type { Incident } from '../../src/domain/incident.js';
import { attach, browserSuite, incident, minutesAgo, publish, ROOMY, screenshotPath, seedPosts } from './helpers.js';

// The page as a support agent used it on a phone and a laptop during a provider outage: the
// summary ("At a glance") missing on the phone, times that did not say their zone, a server
// restart the lists did not own up to for a minute, and a notice that could not be copied.

const ZONE = 'Europe/Berlin';
const CONTEXT: BrowserContextOptions = { viewport: { width: 1366, height: 768 }, locale: 'en-US', timezoneId: ZONE, colorScheme: 'light' };
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** The short name en-US gives the zone at that moment ("GMT+1", "GMT+2"), as the page shows it. */
const zoneName = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { timeZoneName: 'short', timeZone }).formatToParts(new Date(iso)).find((p) => p.type === 'timeZoneName')!.value;

/** A time's text that ends with the zone's name ("09:47 AM GMT+1"). */
const inZone = (iso: string) => new RegExp(`\\d\\s(AM|PM)?\\s?${zoneName(iso, ZONE).replace(/[+]/g, '\\+')}$`);

const corroborated = (id: string, over: Partial<Incident> = {}) =>
  incident(id, { status: 'corroborated', corroborated_at: minutesAgo(19), first_seen_at: minutesAgo(20), updated_at: minutesAgo(1), ...over });

describe('the page for a support agent during an outage (headless Chromium against the real app)', () => {
  const suite = browserSuite(['aws'], CONTEXT);

  it('when a phone opens the page during an outage, then "At a glance" comes before the incidents, in the first screen, with the feature of ours affected and the silent status page; on a laptop it stands beside them', async () => {
    const inc = corroborated('oa-glance', { evidence_count: 3 });
    await saveIncident(suite.rt.ctx.db, inc);
    await attach(suite.rt.ctx, inc, seedPosts('oa-glance', 3, { minutesBack: 20 }));

    const phone = await suite.open('/', PHONE);
    try {
      const { page } = phone;
      await page.locator('.card[data-id="oa-glance"] .ev-top-item').first().waitFor();
      await expect.poll(() => page.locator('#g-features').textContent(), { timeout: 15_000 }).toContain('File uploads');
      expect(await page.locator('#glance').isVisible()).toBe(true);
      expect(await page.locator('#g-silent').textContent()).toContain('Amazon Web Services');
      const glance = (await page.locator('#glance').boundingBox())!;
      const card = (await page.locator('.card[data-id="oa-glance"]').boundingBox())!;
      expect(glance.y + glance.height).toBeLessThanOrEqual(card.y);
      expect(glance.y).toBeLessThan(844);
      expect(glance.x + glance.width).toBeLessThanOrEqual(390);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: screenshotPath('agent-phone-glance') });
    } finally {
      await phone.ctx.close();
    }

    const laptop = await suite.open('/');
    try {
      const { page } = laptop;
      await page.locator('.card[data-id="oa-glance"]').waitFor();
      const glance = (await page.locator('#glance').boundingBox())!;
      const feed = (await page.locator('.feed').boundingBox())!;
      expect(glance.x).toBeGreaterThanOrEqual(feed.x + feed.width);
      expect(Math.abs(glance.y - feed.y)).toBeLessThan(60);
    } finally {
      await laptop.ctx.close();
    }
  });

  it('when the page tells a time (first seen, a post, the timeline), then it names the zone it is told in', async () => {
    const inc = corroborated('oa-zone', { evidence_count: 2 });
    await saveIncident(suite.rt.ctx.db, inc);
    const posts = seedPosts('oa-zone', 2, { minutesBack: 20 });
    await attach(suite.rt.ctx, inc, posts);
    await publish(suite.rt.ctx, inc, 'changed', 'Corroborated by independent reports', minutesAgo(19));

    const { ctx, page } = await suite.open('/', PHONE);
    try {
      const first = page.locator('.card[data-id="oa-zone"] .meta-item time');
      await expect.poll(() => first.textContent(), { timeout: 15_000 }).toMatch(inZone(inc.first_seen_at));
      const post = page.locator('.card[data-id="oa-zone"] .ev-top-item time').first();
      await expect.poll(() => post.textContent(), { timeout: 15_000 }).toMatch(inZone(posts[1]!.published_at));
      await page.locator('.card[data-id="oa-zone"] .card-link').click();
      const tl = page.locator('#d-timeline time').first();
      await expect.poll(() => tl.textContent(), { timeout: 15_000 }).toMatch(inZone(minutesAgo(19)));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    } finally {
      await ctx.close();
    }
  });

  it('when the browser refuses to copy the customer notice, then the notice is selected, so one Copy is all that is left', async () => {
    await saveIncident(suite.rt.ctx.db, corroborated('oa-copy'));
    const { ctx, page } = await suite.open('/#/incidents/oa-copy', PHONE, async (p) => {
      await p.addInitScript(() => {
        Object.defineProperty(navigator, 'clipboard', { value: undefined }); // as over plain http
        document.execCommand = () => false; // and copying blocked
      });
    });
    try {
      const notice = page.locator('#d-notice');
      await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toMatch(/^We are seeing reports/);
      await page.locator('#d-copy').click();
      await expect.poll(() => page.locator('#d-action-status').textContent(), { timeout: 15_000 }).toMatch(/^Copy failed/);
      expect(await page.evaluate(() => String(window.getSelection()))).toBe(await notice.textContent());
    } finally {
      await ctx.close();
    }
  });
});

describe('the page when its server restarts (headless Chromium against the real app)', () => {
  const suite = browserSuite(['aws'], CONTEXT);

  it('when the server goes away, then within seconds the lists are marked last known and the clocks stop; when it is back, the stream is live again and shows what happened meanwhile', async () => {
    await saveIncident(suite.rt.ctx.db, corroborated('oa-before'));
    const { ctx, page } = await suite.open('/');
    let again: Server | undefined;
    try {
      await page.locator('.card[data-id="oa-before"]').waitFor();
      await expect.poll(() => page.locator('#live-text').textContent(), { timeout: 15_000 }).toBe('Live');
      const port = (suite.app.server.address() as AddressInfo).port;

      await suite.app.close();
      // Well before the page's periodic reload (60 s): the stream's drop is what tells it.
      await expect.poll(() => page.locator('#main').getAttribute('class'), { timeout: 10_000 }).toContain('is-stale');
      expect(await page.locator('#feed-state').textContent()).toMatch(/^The server cannot be reached\. Shown as last known at /);
      const clock = page.locator('.card[data-id="oa-before"] .clock');
      const stopped = await clock.textContent();
      await page.waitForTimeout(1_500);
      expect(await clock.textContent()).toBe(stopped);
      await page.screenshot({ path: screenshotPath('agent-server-away') });

      // While it was away, a new incident opened.
      await saveIncident(
        suite.rt.ctx.db,
        corroborated('oa-meanwhile', { provider: 'github', components: ['Actions'], regions: [], title: 'GitHub Actions: reported problems' }),
      );
      again = await listen(createApp(suite.rt.ctx, { rateLimits: ROOMY }), '127.0.0.1', port);
      await expect.poll(() => page.locator('#live-text').textContent(), { timeout: 20_000 }).toBe('Live');
      await expect.poll(() => page.locator('.card[data-id="oa-meanwhile"]').count(), { timeout: 15_000 }).toBe(1);
      await expect.poll(() => page.locator('#main').getAttribute('class'), { timeout: 15_000 }).not.toContain('is-stale');
    } finally {
      await ctx.close();
      if (again) {
        again.closeAllConnections();
        await new Promise((r) => again!.close(r));
      }
    }
  });
});
