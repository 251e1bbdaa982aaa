import { describe, it, expect } from 'vitest';
import type { BrowserContextOptions, Page, Route } from 'playwright-core';
import { saveIncident } from '../../src/store/incidents-repo.js';
import { createKey } from '../../src/api/auth/keys.js';
import type { Incident } from '../../src/domain/incident.js';
import { attach, browserSuite, incident, minutesAgo, publish, ROOMY, seedPosts, servePage, type EvidenceSeed } from './helpers.js';

// The page as a support agent used it during the demo's outage and with hostile posts: times
// told in two zones on one card, an incident panel that opened scrolled past its title and
// Close, a long word or an Arabic post breaking the layout, a reporter's key retried for ever
// under a "demo" banner, and replay buttons that looked usable after the replay was over.

// A browser far from the scenario's zone, so a time told in the wrong one shows.
const CONTEXT: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: 'Europe/Berlin', colorScheme: 'light' };
const PHONE = { width: 390, height: 844 };

const LA = 'America/Los_Angeles';
/** "09:39 AM PST" in a zone, as the page tells a time of today. */
const hhmm = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone }).format(new Date(iso));
/**
 * A time as the page tells it in a zone (public/time.js): the time of day when that day is today
 * there, else with its date ("Dec 6, 11:45 PM PST"), so the test holds just after midnight too.
 */
const shown = (iso: string, timeZone: string): string => {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone });
  if (day.format(new Date()) === day.format(new Date(iso))) return hhmm(iso, timeZone);
  return new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone }).format(
    new Date(iso),
  );
};

/**
 * A demo's GET /api/v1/replay answered by the test, on the wall clock in the scenario zone LA:
 * 503 ("The demo is starting") until `ready`, then `state`.
 */
async function fakeReplay(page: Page, ctl: { ready: boolean; state: 'playing' | 'done' }): Promise<void> {
  await page.route('**/api/v1/replay', async (route: Route) => {
    if (!ctl.ready) return route.fulfill({ status: 503, json: { error: { code: 'unavailable', message: 'The demo is starting.' } } });
    const now = Date.now();
    return route.fulfill({
      json: {
        scenario: 'test',
        virtual_now: new Date(now).toISOString(),
        speed: 60,
        max_speed: 1800,
        started_at: new Date(now - 3_600_000).toISOString(),
        ends_at: new Date(ctl.state === 'done' ? now : now + 3_600_000).toISOString(),
        state: ctl.state,
        time_zone: LA,
        steps: ctl.state === 'done' ? 2 : 1,
      },
    });
  });
}

describe('the page after the support agent review (headless Chromium against the real app)', () => {
  const suite = browserSuite(['aws', 'github'], CONTEXT);
  const open = suite.open;

  const corroborated = (id: string, over: Partial<Incident> = {}) =>
    incident(id, { status: 'corroborated', corroborated_at: minutesAgo(19), first_seen_at: minutesAgo(20), updated_at: minutesAgo(1), ...over });

  it('when the feed is drawn before the demo replay answers, then once it answers the card tells its times in the scenario zone, as the banner; and when the replay is over its buttons look disabled', async () => {
    // A provider whose status page is not watched: no "silent for" seconds in its JSON, so the
    // card is drawn once and kept across reloads (as a paused or finished demo keeps it).
    const inc = corroborated('ar-zone', {
      provider: 'slack',
      components: ['Messaging'],
      regions: [],
      title: 'Slack Messaging: reported problems',
      evidence_count: 3,
    });
    await saveIncident(suite.rt.ctx.db, inc);
    await attach(suite.rt.ctx, inc, seedPosts('ar-zone', 3, { minutesBack: 20 }));
    const ctl = { ready: false, state: 'playing' as 'playing' | 'done' };
    const { ctx, page } = await open('/', {}, (p) => fakeReplay(p, ctl));
    try {
      const first = page.locator('.card[data-id="ar-zone"] .meta-item time');
      await expect.poll(() => first.textContent(), { timeout: 15_000 }).toBe(shown(inc.first_seen_at, 'Europe/Berlin'));
      ctl.ready = true;
      await expect.poll(() => page.locator('#replay-clock').textContent(), { timeout: 15_000 }).toMatch(/^Replaying .* P[SD]T$/);
      // The card drawn before was kept (its incident did not change): its times follow the banner.
      await expect.poll(() => first.textContent(), { timeout: 5_000 }).toBe(shown(inc.first_seen_at, LA));
      // Every time on the page: the evidence's and "Feed loaded" too (with its date when not today there).
      await page.locator('.card[data-id="ar-zone"] .ev-top-item time').first().waitFor();
      for (const t of await page.locator('time[data-when]').all()) {
        const iso = (await t.getAttribute('datetime'))!;
        expect(await t.textContent(), iso).toMatch(new RegExp(`${hhmm(iso, LA)}$`));
      }

      ctl.state = 'done';
      await expect.poll(() => page.locator('#replay-clock').textContent(), { timeout: 15_000 }).toMatch(/^Replayed to /);
      for (const b of await page.locator('#replay-controls button').all()) {
        expect(await b.isDisabled()).toBe(true);
        expect(Number(await b.evaluate((n) => getComputedStyle(n).opacity))).toBeLessThan(1);
      }
    } finally {
      await ctx.close();
    }
  });

  it('when an incident is opened, then its panel starts at the title and Close, on a desktop and on a phone, also after another incident was read far down', async () => {
    for (const id of ['ar-open-a', 'ar-open-b']) {
      const inc = corroborated(id, { evidence_count: 12, title: `Amazon Web Services S3 (us-east-1): ${id}` });
      await saveIncident(suite.rt.ctx.db, inc);
      await attach(suite.rt.ctx, inc, seedPosts(id, 12, { minutesBack: 20 }));
    }
    for (const viewport of [CONTEXT.viewport!, PHONE]) {
      const { ctx, page } = await open('/', { viewport });
      try {
        for (const id of ['ar-open-a', 'ar-open-b']) {
          if (id === 'ar-open-b') {
            // Read the first one far down, then open the other from the address.
            await page.locator('#detail').evaluate((d) => (d.scrollTop = d.scrollHeight));
            expect(await page.locator('#detail').evaluate((d) => d.scrollTop)).toBeGreaterThan(200);
            await page.evaluate((i) => (location.hash = `#/incidents/${i}`), id);
          } else {
            await page.locator(`.card[data-id="${id}"] .card-link`).click();
          }
          await page.locator('#d-evidence .ev-item').nth(11).waitFor();
          await expect.poll(() => page.locator('#detail-title').textContent()).toContain(id);
          await page.waitForTimeout(200); // the notice and the card list settle
          expect(await page.locator('#detail').evaluate((d) => d.scrollTop), `${id} at ${viewport.width}`).toBe(0);
          expect(await page.locator('#d-close').isVisible()).toBe(true);
          const close = await page.locator('#d-close').boundingBox();
          expect(close!.y).toBeGreaterThanOrEqual(0);
          expect(close!.y + close!.height).toBeLessThanOrEqual(viewport.height);
          expect(await page.evaluate(() => document.activeElement?.id)).toBe('detail-title');
        }
      } finally {
        await ctx.close();
      }
    }
  });

  it('when a component, region or author is one long word and a post is Arabic, then nothing leaves its box or widens the page, and the Arabic post reads right to left', async () => {
    const long = 'Supercalifragilisticexpialidocious'.repeat(4);
    const arabic = 'خدمة التخزين لا تعمل منذ الصباح والخوادم معطلة';
    const inc = corroborated('ar-long', { components: ['S3', long], regions: [long], title: `Amazon Web Services S3: ${long}`, evidence_count: 2 });
    await saveIncident(suite.rt.ctx.db, inc);
    await attach(suite.rt.ctx, inc, [
      { ...seedPosts('ar-long', 1, { minutesBack: 20 })[0]!, author: `@${long}@example.social`, text: `${long} ${long}` },
      { ...seedPosts('ar-long-rtl', 1, { minutesBack: 20 })[0]!, author: 'مستخدم_عربي', title: null, text: arabic, contribution: 0.4 },
    ]);
    await publish(suite.rt.ctx, inc, 'opened', 'Opened as suspected');
    for (const viewport of [CONTEXT.viewport!, PHONE]) {
      const { ctx, page } = await open('/', { viewport });
      try {
        await page.locator('.card[data-id="ar-long"] .ev-top-item').nth(1).waitFor();
        const overflow = () =>
          page.evaluate(() => {
            const out: string[] = [];
            const vw = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth > vw) out.push(`page ${document.documentElement.scrollWidth} > ${vw}`);
            for (const sel of ['.glance', '.detail-inner', '.notice', '.card']) {
              for (const e of Array.from(document.querySelectorAll(sel)))
                if (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1) out.push(`${sel} ${e.scrollWidth} > ${e.clientWidth}`);
            }
            const glance = document.querySelector('.glance')?.getBoundingClientRect();
            const clock = document.querySelector('.g-silent-item .clock')?.getBoundingClientRect();
            if (glance && clock && clock.width && clock.right > glance.right) out.push(`glance clock ends at ${clock.right} > ${glance.right}`);
            return out;
          });
        if (viewport.width >= 1000) await expect.poll(() => page.locator('.g-silent-item .clock').textContent()).toMatch(/min/);
        expect(await overflow()).toEqual([]);
        const rtl = page.locator('.card[data-id="ar-long"] .ev-text', { hasText: arabic });
        expect(await rtl.evaluate((n) => getComputedStyle(n).direction)).toBe('rtl');

        await page.locator('.card[data-id="ar-long"] .card-link').click();
        await expect.poll(() => page.locator('#d-notice').textContent(), { timeout: 15_000 }).toContain(long);
        expect(await overflow()).toEqual([]);
        expect(await page.locator('#d-evidence .ev-text', { hasText: arabic }).evaluate((n) => getComputedStyle(n).direction)).toBe('rtl');
        expect(await page.locator('#d-evidence .ev-author', { hasText: 'مستخدم_عربي' }).evaluate((n) => getComputedStyle(n).direction)).toBe('rtl');
        // An English post stays left to right.
        expect(
          await page
            .locator('#d-evidence .ev-text')
            .first()
            .evaluate((n) => getComputedStyle(n).direction),
        ).toBe('ltr');
      } finally {
        await ctx.close();
      }
    }
  });

  it('when the key given is a reporter key (403 on every read), then the key form says it cannot read incidents and why, and no demo banner claims a replay', async () => {
    await saveIncident(suite.rt.ctx.db, corroborated('ar-403'));
    const locked = await servePage(suite.rt.ctx, { auth: { anonymousRead: false }, rateLimits: ROOMY });
    const reporter = (await createKey(suite.rt.ctx.db, 'form', 'reporter', new Date().toISOString())).key;
    const reader = (await createKey(suite.rt.ctx.db, 'agent', 'reader', new Date().toISOString())).key;
    const ctx = await suite.browser.newContext(CONTEXT);
    const page = await ctx.newPage();
    try {
      await page.goto(`${locked.url}/`);
      await page.locator('#auth-key').fill(reporter);
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.locator('#auth-error').textContent(), { timeout: 15_000 })
        .toMatch(/^That key cannot read incidents \(.*reporter role\)\. A reader key is needed\.$/);
      expect(await page.locator('#auth').isVisible()).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('auth-key');
      expect(await page.locator('#live-text').textContent()).toBe('Key needed');
      await page.waitForTimeout(1500); // a replay poll or two
      expect(await page.locator('#replay').isHidden()).toBe(true);

      await page.locator('#auth-key').fill(reader);
      await page.keyboard.press('Enter');
      await page.locator('#feed .card[data-id="ar-403"]').waitFor();
      await page.waitForSelector('#live[data-state="live"]');
      expect(await page.locator('#replay').isHidden()).toBe(true);
    } finally {
      await ctx.close();
      await locked.close();
    }
  });

  it("when an incident is resolved, then its card's evidence leads with the status page's resolving update, not its earlier ones", async () => {
    const inc = incident('ar-done', { provider: 'aws', status: 'resolved', resolved_at: minutesAgo(2), updated_at: minutesAgo(2) });
    await saveIncident(suite.rt.ctx.db, inc);
    const update = (n: number, text: string, at: number): EvidenceSeed => ({
      id: `ar-done-official-${n}`,
      tier: 'official',
      source_kind: 'aws-health',
      author: 'AWS Health Dashboard',
      url: 'https://health.aws.amazon.com/health/status',
      title: 'Increased Error Rates',
      text,
      published_at: minutesAgo(at),
      trust: 1,
      probability: 1,
      contribution: 0.5, // the page's updates weigh alike: strongest-first keeps the earliest
    });
    await attach(suite.rt.ctx, inc, [
      update(1, 'We are investigating increased error rates for Amazon S3 requests in US-EAST-1.', 60),
      update(2, 'We have identified the root cause and are working on recovery.', 40),
      update(3, 'We continue to see recovery of S3 object retrieval.', 20),
      update(4, '[RESOLVED] As of 12:10 PM PST, S3 is operating normally.', 3),
    ]);
    const { ctx, page } = await open('/?status=resolved');
    try {
      const first = page.locator('.card[data-id="ar-done"] .ev-top-item').first();
      await first.waitFor();
      expect(await first.textContent()).toContain('[RESOLVED] As of 12:10 PM PST, S3 is operating normally.');
      expect(await page.locator('.card[data-id="ar-done"] .ev-top-item').count()).toBe(3);
    } finally {
      await ctx.close();
    }
  });
});
