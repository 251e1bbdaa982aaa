import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { ensureBuilt, spawnCli, exited } from '../helpers/cli.js';
import { TEST_REDIS_URL } from '../helpers/runtime.js';
import { DOCS_SCREENSHOT, launchBrowser, screenshotPath } from './helpers.js';

type Probe = Window & { __csp?: string[]; __badges?: string[] };

/** Where the demo says it serves, once it says so. */
async function demoUrl(demo: ReturnType<typeof spawnCli>): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const url = /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(demo.output())?.[1];
    if (url) return url;
    if (demo.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the demo did not start:\n${demo.output()}`);
}

describe('the live demo in a browser: the S3 outage plays out on the page', () => {
  let browser: Browser;
  beforeAll(async () => {
    ensureBuilt();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('when `demo` plays the replay, then the banner clock runs on the scenario time and the incident moves from suspected or corroborated to confirmed to resolved on screen; the end state is the README screenshot', async () => {
    // 600x to start with; the test then asks for 1800x on the page, as a viewer would.
    const demo = spawnCli(['demo', '--speed', '600', '--port', '0'], { REDIS_URL: TEST_REDIS_URL, LOG_LEVEL: 'warn' });
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC', colorScheme: 'light' });
    try {
      const url = await demoUrl(demo);
      await ctx.addInitScript(() => {
        const w = window as Probe;
        w.__csp = [];
        w.__badges = [];
        document.addEventListener('securitypolicyviolation', (e) => w.__csp!.push(`${e.violatedDirective} ${e.blockedURI}`));
        // Every status an incident card shows, in order: the story as the viewer saw it.
        const seen = () => {
          for (const b of Array.from(document.querySelectorAll('.card .badge'))) {
            const t = b.textContent ?? '';
            if (w.__badges!.at(-1) !== t) w.__badges!.push(t);
          }
        };
        new MutationObserver(seen).observe(document, { subtree: true, childList: true, characterData: true });
      });
      const page = await ctx.newPage();
      await page.goto(url);

      // The banner tells the scenario's own time, in the zone the outage was lived in.
      const clock = page.locator('#replay-clock');
      await expect.poll(() => clock.textContent(), { timeout: 30_000 }).toMatch(/^Replaying 28 Feb 2017, \d\d:\d\d PST$/);
      const t1 = Date.parse((await clock.getAttribute('data-virtual-now')) ?? '');
      // The clock runs (a generous bound: a loaded CI machine steps the replay slowly).
      await expect.poll(async () => Date.parse((await clock.getAttribute('data-virtual-now')) ?? ''), { timeout: 20_000 }).toBeGreaterThan(t1);
      expect(await page.locator('.replay-speed[data-speed="600"]').count()).toBe(0); // the control offers 60x, 300x, 1800x
      await page.locator('.replay-speed[data-speed="1800"]').click();
      await expect.poll(() => page.locator('.replay-speed[data-speed="1800"]').getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');

      // The incident is confirmed (by @AWSCloud) while the AWS status page is still silent.
      const card = page.locator('#feed .card', { hasText: 'Amazon Web Services' });
      await expect.poll(() => card.locator('.badge').first().textContent(), { timeout: 60_000 }).toBe('Confirmed');
      expect(await card.locator('.silence').first().textContent()).toMatch(/^Status page silent for /);

      // Then it resolves; the banner says the replay is over.
      const resolved = page.locator('#recent-list .card', { hasText: 'Amazon Web Services' });
      await expect
        .poll(
          () =>
            resolved
              .locator('.badge')
              .first()
              .textContent()
              .catch(() => null),
          { timeout: 60_000 },
        )
        .toBe('Resolved');
      await expect.poll(() => clock.textContent(), { timeout: 30_000 }).toBe('Replayed to 28 Feb 2017, 14:30 PST');
      const badges = await page.evaluate(() => (window as Probe).__badges!);
      const first = badges.findIndex((b) => b === 'Suspected' || b === 'Corroborated');
      const confirmed = badges.indexOf('Confirmed');
      expect(first, badges.join(' → ')).toBeGreaterThanOrEqual(0);
      expect(confirmed).toBeGreaterThan(first);
      expect(badges.lastIndexOf('Resolved')).toBeGreaterThan(confirmed);
      expect(await resolved.locator('.silence').first().textContent()).toMatch(/^Official after 1 h 5\d min$/);
      expect(await page.evaluate(() => (window as Probe).__csp)).toEqual([]);

      await page.waitForTimeout(1_700); // the arrival flash is over
      // The README's screenshot is refreshed on demand only, so a test run leaves the tree clean.
      if (process.env.UPDATE_SCREENSHOT === '1') {
        mkdirSync(new URL('.', DOCS_SCREENSHOT), { recursive: true });
        await page.screenshot({ path: DOCS_SCREENSHOT.pathname, fullPage: true });
      }
      await page.screenshot({ path: screenshotPath('demo-end'), fullPage: true });
    } finally {
      await ctx.close();
      demo.kill('SIGTERM');
      expect(await exited(demo)).toBe(0);
    }
  }, 150_000);
});
