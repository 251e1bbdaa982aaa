import { describe, it, expect } from 'vitest';
import type { BrowserContextOptions, Page, Route } from 'playwright-core';
import { addEvent, saveIncident } from '../../src/store/incidents-repo.js';
import type { Incident } from '../../src/domain/incident.js';
import { attach, browserSuite, incident, minutesAgo, publish, seedPosts } from './helpers.js';

// The page as a support lead's review found it during an outage: the demo's replay clock, a
// server that goes away, the incident panel following new evidence, the filters and "At a
// glance", cards updated in place, and the accessibility findings.

type Probe = Window & { __mark?: Element };

const CONTEXT: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC', colorScheme: 'light' };

/** "4 min 07 s" → 247; the clocks' own format (public/format.js). */
function seconds(text: string): number {
  const part = (unit: string) => Number(new RegExp(`(\\d+) ${unit}\\b`).exec(text)?.[1] ?? 0);
  return part('h') * 3600 + part('min') * 60 + part('s');
}

/**
 * A demo's GET /api/v1/replay, answered by the test: `virtualAt(wallMs)` is the server's replay
 * clock; `down` makes the whole API unreachable, as when the demo was stopped.
 */
class FakeReplay {
  down = false;
  speed = 1800;
  constructor(public virtualAt: (wallMs: number) => number) {}
  async install(page: Page): Promise<void> {
    await page.route('**/api/v1/**', async (route: Route) => {
      if (this.down) return route.abort('connectionrefused');
      if (!new URL(route.request().url()).pathname.endsWith('/api/v1/replay')) return route.fallback();
      const v = this.virtualAt(Date.now());
      return route.fulfill({
        json: {
          scenario: 'test',
          virtual_now: new Date(v).toISOString(),
          speed: this.speed,
          started_at: new Date(v - 3_600_000).toISOString(),
          ends_at: new Date(v + 3_600_000 * 5).toISOString(),
          state: 'playing',
          time_zone: 'UTC',
          steps: 1,
          max_speed: 1800,
        },
      });
    });
  }
}

describe('the page after the support review (headless Chromium against the real app)', () => {
  const suite = browserSuite(['aws', 'github', 'slack'], CONTEXT);
  const open = suite.open;

  const corroborated = (id: string, over: Partial<Incident> = {}) =>
    incident(id, { status: 'corroborated', corroborated_at: minutesAgo(4), first_seen_at: minutesAgo(5), updated_at: minutesAgo(1), ...over });

  it('when the demo server moves slower than its speed and then holds, then the replay clock stays within one poll of virtual_now and comes back down to it, and so does "silent for"', async () => {
    const inc = corroborated('rv-clock');
    await saveIncident(suite.rt.ctx.db, inc);
    const t0 = Date.now();
    const v0 = Date.now();
    let holdAt = Infinity;
    // Says 1800x, moves at 60x (the pipeline is slow), and holds from holdAt on.
    const fake = new FakeReplay((w) => v0 + (Math.min(w, holdAt) - t0) * 60);
    const { ctx, page } = await open('/', {}, (p) => fake.install(p));
    try {
      const clock = page.locator('#replay-clock');
      await expect.poll(() => clock.getAttribute('data-virtual-now'), { timeout: 15_000 }).toBeTruthy();
      let worst = 0;
      for (let i = 0; i < 25; i++) {
        const shown = Date.parse((await clock.getAttribute('data-virtual-now')) ?? '');
        worst = Math.max(worst, shown - fake.virtualAt(Date.now()));
        await page.waitForTimeout(120);
      }
      expect(worst).toBeLessThanOrEqual(60_000 * 2); // one poll (1 s) at the server's own 60x, with room for timing (it was 30 min per poll)
      holdAt = Date.now();
      const held = fake.virtualAt(Date.now());
      // The page had run ahead of the server a little: it comes back down to it, and holds there.
      await expect.poll(() => clock.getAttribute('data-virtual-now'), { timeout: 5_000 }).toBe(new Date(held).toISOString());
      const silence = page.locator('.card[data-id="rv-clock"] .clock');
      const expected = Math.floor((held - Date.parse(inc.first_seen_at)) / 1000);
      await expect.poll(async () => Math.abs(seconds((await silence.textContent()) ?? '') - expected), { timeout: 5_000 }).toBeLessThanOrEqual(2);
    } finally {
      await ctx.close();
    }
  });

  it('when the demo server stops mid-replay, then the banner says it cannot be reached, the clocks stop, the cards are marked last known, and all of it clears when it answers again', async () => {
    await saveIncident(suite.rt.ctx.db, corroborated('rv-gone'));
    const t0 = Date.now();
    const fake = new FakeReplay((w) => t0 + (w - t0) * 60);
    fake.speed = 60;
    const { ctx, page } = await open('/', {}, (p) => fake.install(p));
    try {
      const clock = page.locator('.card[data-id="rv-gone"] .clock');
      await clock.waitFor();
      await expect.poll(() => page.locator('#replay-clock').textContent(), { timeout: 15_000 }).toMatch(/^Replaying /);
      fake.down = true;
      await expect
        .poll(() => page.locator('#replay-clock').textContent(), { timeout: 5_000 })
        .toMatch(/^Replay stopped: the server cannot be reached\. Last at /);
      expect(await page.locator('#replay').getAttribute('data-state')).toBe('unreachable');
      expect(await page.locator('#main').getAttribute('class')).toContain('is-stale');
      expect(await page.locator('#feed-state').textContent()).toMatch(/^The server cannot be reached\. Shown as last known at .*; the clocks are stopped\./);
      const stopped = await clock.textContent();
      const banner = await page.locator('#replay-clock').textContent();
      await page.waitForTimeout(2_200);
      expect(await clock.textContent()).toBe(stopped);
      expect(await page.locator('#replay-clock').textContent()).toBe(banner);
      expect(await page.locator('.replay-speed').first().isDisabled()).toBe(true);

      fake.down = false;
      await expect.poll(() => page.locator('#replay-clock').textContent(), { timeout: 5_000 }).toMatch(/^Replaying /);
      await expect.poll(() => page.locator('#main').getAttribute('class'), { timeout: 5_000 }).not.toContain('is-stale');
    } finally {
      await ctx.close();
    }
  });

  it('when new evidence arrives without a status change, then the open panel shows it after the feed reloads, keeping "Show all", focus and the reading position', async () => {
    const inc = corroborated('rv-panel', { evidence_count: 55 });
    await saveIncident(suite.rt.ctx.db, inc);
    await attach(suite.rt.ctx, inc, seedPosts('rvp', 55));
    const { ctx, page } = await open('/#/incidents/rv-panel');
    try {
      await expect.poll(() => page.locator('#d-evidence-title').textContent(), { timeout: 15_000 }).toBe('Evidence (55)');
      await page.locator('#d-evidence .ev-more button').click();
      await expect.poll(() => page.locator('#d-evidence .ev-item').count(), { timeout: 15_000 }).toBe(55);
      const target = page.locator('#d-evidence .ev-item[data-post="rvp-40"] .src-link');
      await target.focus();
      await target.scrollIntoViewIfNeeded();
      const topBefore = (await target.boundingBox())!.y;

      // Three more posts, no new status; another incident's event makes the feed reload.
      const more = { ...inc, evidence_count: 58, updated_at: new Date().toISOString() };
      await attach(suite.rt.ctx, more, seedPosts('rvp', 3, { from: 55 }));
      await saveIncident(suite.rt.ctx.db, more);
      await publish(
        suite.rt.ctx,
        incident('rv-other', { provider: 'github', components: ['API Requests'], regions: [], status: 'suspected' }),
        'opened',
        'Opened as suspected',
      );

      await expect.poll(() => page.locator('#d-evidence-title').textContent(), { timeout: 10_000 }).toBe('Evidence (58)');
      expect(await page.locator('#d-evidence .ev-item').count()).toBe(58); // still all of them
      expect(await page.locator('#d-evidence .ev-more').count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.closest('.ev-item')?.getAttribute('data-post'))).toBe('rvp-40');
      expect(Math.abs((await target.boundingBox())!.y - topBefore)).toBeLessThanOrEqual(2);
    } finally {
      await ctx.close();
    }
  });

  it('when the Status filter is Resolved, then "At a glance" lists the open incidents its counts count; and when a provider filter is set, then Watching lists only that provider', async () => {
    await saveIncident(suite.rt.ctx.db, corroborated('rv-open'));
    await saveIncident(
      suite.rt.ctx.db,
      incident('rv-done', { status: 'resolved', resolved_at: minutesAgo(10), updated_at: minutesAgo(10), official_lag_seconds: 300 }),
    );
    const w = incident('rv-watch', { status: 'watching', evidence_count: 1 });
    await saveIncident(suite.rt.ctx.db, w);
    await attach(suite.rt.ctx, w, seedPosts('rvw', 1));

    const a = await open('/?status=resolved');
    try {
      await a.page.locator('#feed .card[data-id="rv-done"]').waitFor();
      expect(await a.page.locator('.g-corroborated .g-num').textContent()).toBe('1');
      expect(await a.page.locator('#g-silent').textContent()).toContain('Amazon Web Services S3');
      expect(await a.page.locator('#g-silent').textContent()).not.toContain('Nothing open.');
    } finally {
      await a.ctx.close();
    }
    const aws = await open('/?provider=aws');
    try {
      await aws.page.locator('#feed .card[data-id="rv-open"]').waitFor();
      await expect.poll(() => aws.page.locator('#watching-count').textContent(), { timeout: 15_000 }).toBe('1');
    } finally {
      await aws.ctx.close();
    }
    const gh = await open('/?provider=github');
    try {
      await expect.poll(() => gh.page.locator('#feed-state').textContent(), { timeout: 15_000 }).toMatch(/No incidents/);
      expect(await gh.page.locator('#watching').isHidden()).toBe(true);
      expect(await gh.page.locator('#watching-list li').count()).toBe(0);
    } finally {
      await gh.ctx.close();
    }
  });

  it('when the feed reloads, then an unchanged card stays the same element, its evidence does not flash, and a text selection in it survives', async () => {
    const inc = corroborated('rv-card', { evidence_count: 3 });
    await saveIncident(suite.rt.ctx.db, inc);
    await attach(suite.rt.ctx, inc, seedPosts('rvc', 3));
    const { ctx, page } = await open('/');
    try {
      const card = page.locator('#feed .card[data-id="rv-card"]');
      await card.locator('.ev-top-item').nth(2).waitFor();
      await page.evaluate(() => {
        const w = window as Probe;
        w.__mark = document.querySelector('#feed .card[data-id="rv-card"]')!;
        const text = document.querySelector('#feed .card[data-id="rv-card"] .ev-top-item .ev-text')!;
        const r = document.createRange();
        r.selectNodeContents(text);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(r);
      });
      const selected = await page.evaluate(() => String(getSelection()));
      expect(selected).toMatch(/^S3 uploads failing/);

      // The evidence of this card changes: no "posts of evidence…" placeholder while it reloads.
      const placeholders: string[] = [];
      await page.exposeFunction('__seen', (t: string) => placeholders.push(t));
      await page.evaluate(() =>
        new MutationObserver(() => {
          const t = document.querySelector('#feed .card[data-id="rv-card"] .card-evidence')?.textContent ?? '';
          if (/posts? of evidence…/.test(t)) (window as unknown as { __seen: (t: string) => void }).__seen(t);
        }).observe(document.getElementById('feed')!, { subtree: true, childList: true, characterData: true }),
      );
      await publish(
        suite.rt.ctx,
        incident('rv-other2', { provider: 'github', components: ['API Requests'], regions: [], status: 'suspected' }),
        'opened',
        'Opened as suspected',
      );
      await page.locator('#feed .card[data-id="rv-other2"]').waitFor();
      await page.waitForTimeout(1_500);
      expect(await page.evaluate(() => String(getSelection()))).toBe(selected);
      expect(await page.evaluate(() => (window as Probe).__mark === document.querySelector('#feed .card[data-id="rv-card"]'))).toBe(true);

      await page.evaluate(() => getSelection()!.removeAllRanges());
      const changed = { ...inc, evidence_count: 4, updated_at: new Date().toISOString() };
      await attach(suite.rt.ctx, changed, seedPosts('rvc', 1, { from: 3 }));
      await publish(suite.rt.ctx, changed, 'changed', 'More evidence');
      await expect.poll(() => card.getAttribute('data-version'), { timeout: 10_000 }).toContain('|4');
      await page.waitForTimeout(800);
      expect(placeholders).toEqual([]);
      expect(await card.locator('.ev-top-item').count()).toBe(3);
    } finally {
      await ctx.close();
    }
  });

  it('when the panel is open on a phone in the demo, then Tab stays out of the hidden replay banner; the Sources link is hidden in the demo; copying without the Clipboard API keeps focus on the button; Play/Pause carries no pressed state and Close is named by its text', async () => {
    await saveIncident(suite.rt.ctx.db, corroborated('rv-a11y'));
    await addEvent(suite.rt.ctx.db, {
      incident_id: 'rv-a11y',
      at: minutesAgo(1),
      type: 'changed',
      status: 'corroborated',
      summary: 'Now also EC2',
      post_id: null,
    });
    await addEvent(suite.rt.ctx.db, {
      incident_id: 'rv-a11y',
      at: minutesAgo(3),
      type: 'changed',
      status: 'corroborated',
      summary: 'Now also Lambda',
      post_id: null,
    });
    const t0 = Date.now();
    const fake = new FakeReplay((w) => t0 + (w - t0) * 60);
    const { ctx, page } = await open('/#/incidents/rv-a11y', { viewport: { width: 375, height: 812 } }, async (p) => {
      await fake.install(p);
      await p.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined })); // as over plain http
    });
    try {
      await expect.poll(() => page.locator('#replay-clock').textContent(), { timeout: 15_000 }).toMatch(/^Replaying /);
      await expect.poll(() => page.locator('#sources-link').isHidden(), { timeout: 15_000 }).toBe(true);
      expect(await page.locator('.replay-pause').getAttribute('aria-pressed')).toBeNull();
      expect(await page.getByRole('button', { name: 'Close Esc', exact: true }).count()).toBe(1);

      // The timeline in time order, whatever order the events were stored in.
      await expect.poll(() => page.locator('#d-timeline .tl-summary').allTextContents(), { timeout: 15_000 }).toEqual(['Now also Lambda', 'Now also EC2']);

      await page.locator('#d-close').focus();
      const reached: string[] = [];
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press('Shift+Tab');
        reached.push(
          await page.evaluate(() =>
            document.activeElement?.closest('#replay') ? 'replay' : (document.activeElement?.id ?? document.activeElement?.tagName ?? ''),
          ),
        );
      }
      expect(reached).not.toContain('replay');

      await expect.poll(() => page.locator('#d-notice').textContent(), { timeout: 15_000 }).not.toBe('');
      await page.locator('#d-copy').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#d-action-status').textContent(), { timeout: 15_000 }).toMatch(/^(Copied|Copy failed)/);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('d-copy');
    } finally {
      await ctx.close();
    }
  });

  it('when the page is in dark mode, then the primary button, the pressed speed button and the Demo tag have at least 4.5:1 contrast; and a long provider name without spaces wraps instead of widening the page', async () => {
    await saveIncident(suite.rt.ctx.db, corroborated('rv-dark'));
    const t0 = Date.now();
    const fake = new FakeReplay((w) => t0 + (w - t0) * 60);
    const long = 'Averyveryverylongprovidernamewithoutanyspaces'.repeat(2);
    const { ctx, page } = await open('/#/incidents/rv-dark', { colorScheme: 'dark' }, async (p) => {
      await fake.install(p);
      await p.route('**/api/v1/feed?*', async (route) => {
        const res = await route.fetch();
        const body = (await res.json()) as { incidents: { provider_name: string }[] };
        for (const i of body.incidents) i.provider_name = long;
        await route.fulfill({ response: res, json: body });
      });
    });
    try {
      await expect.poll(() => page.locator('#replay-clock').textContent(), { timeout: 15_000 }).toMatch(/^Replaying /);
      await page.locator('.replay-speed[aria-pressed="true"]').waitFor();
      await page.locator('#d-copy').waitFor();
      const ratios = await page.evaluate(() => {
        const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
        const lum = (c: string) => {
          const [r, g, b] = rgb(c).map((v) => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
        };
        const ratio = (sel: string) => {
          const cs = getComputedStyle(document.querySelector(sel)!);
          const [a, b] = [lum(cs.color), lum(cs.backgroundColor)].sort((x, y) => y - x);
          return (a! + 0.05) / (b! + 0.05);
        };
        return { copy: ratio('#d-copy'), speed: ratio('.replay-speed[aria-pressed="true"]'), tag: ratio('.replay-tag') };
      });
      for (const [name, r] of Object.entries(ratios)) expect(r, name).toBeGreaterThanOrEqual(4.5);

      await page.locator('#d-close').click();
      for (const width of [1400, 375]) {
        await page.setViewportSize({ width, height: 900 });
        await expect.poll(() => page.locator('#feed .card-link').first().textContent(), { timeout: 15_000 }).toContain(long);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      }
    } finally {
      await ctx.close();
    }
  });
});
