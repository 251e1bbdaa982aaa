import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { testRuntime, VirtualClock } from '../helpers/runtime.js';
import { newKey } from '../api/helpers.js';
import type { RateLimits } from '../../src/api/rate-limit.js';
import type { SourceConfig } from '../../src/config/schema.js';
import { applyOverrides } from '../../src/store/source-overrides-repo.js';
import { getSource, recordPoll, syncSources } from '../../src/store/sources-repo.js';
import { launchBrowser, screenshotPath, servePage } from './helpers.js';

/**
 * The sources page in Chromium against the real app on loopback: an admin pastes an admin key
 * (a reader key is refused with the reason), sees every source with its state and origin, and
 * disables, resumes, changes, resets and adds sources; the store says the same as the page.
 */
const roomy: RateLimits = { key: { limit: 100_000, windowMs: 60_000 }, anonymous: { limit: 100_000, windowMs: 60_000 } };
const configured: SourceConfig[] = [
  {
    id: 'github-status',
    kind: 'statuspage',
    provider: 'github',
    trust: 'official',
    enabled: true,
    url: 'https://www.githubstatus.com/api/v2/summary.json',
    interval: 60_000,
  },
  {
    id: 'reddit-sysadmin',
    kind: 'rss',
    provider: null,
    trust: 'community',
    enabled: true,
    url: 'https://www.reddit.com/r/sysadmin/new/.rss',
    interval: 300_000,
  },
];

describe('the sources page', () => {
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  let app: Awaited<ReturnType<typeof servePage>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let adminKey: string;
  let readerKey: string;
  const csp: string[] = [];
  const clock = new VirtualClock(Date.parse('2026-03-02T10:00:00Z'));
  const row = (id: string) => page.locator(`#sa-rows tr[data-id="${id}"]`);

  beforeAll(async () => {
    rt = await testRuntime({ clock, sources: configured });
    const nowIso = new Date(clock.now()).toISOString();
    await syncSources(rt.ctx.db, configured, nowIso);
    await applyOverrides(
      rt.ctx.db,
      configured.map((s) => s.id),
      nowIso,
    );
    adminKey = await newKey(rt.ctx, 'admin', 'ops-alice');
    readerKey = await newKey(rt.ctx, 'reader', 'support');
    [app, browser] = await Promise.all([servePage(rt.ctx, { rateLimits: roomy }), launchBrowser()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC', colorScheme: 'light' });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`csp ${e.violatedDirective} ${e.blockedURI}`));
    });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.text().startsWith('csp ')) csp.push(m.text());
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await rt?.cleanup();
  });

  it('when the page opens from the incidents page, then it asks for an admin key and refuses a reader key with the reason', async () => {
    await page.goto(`${app.url}/`);
    await page.getByRole('link', { name: 'Sources' }).click();
    await page.waitForURL(/sources\.html$/);
    await page.getByLabel('Admin API key', { exact: true }).fill(readerKey);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await expect
      .poll(() => page.locator('#sa-auth-error').textContent())
      .toMatch(/cannot change sources: this needs the admin role; key ork_\w+ has the reader role/);
    expect(await page.locator('#sa-main').isHidden()).toBe(true);
  });

  it('when an admin key is given, then every source is listed with its state and where its settings come from, and the key stays in this tab', async () => {
    await page.getByLabel('Admin API key', { exact: true }).fill(adminKey);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await expect.poll(() => row('github-status').count()).toBe(1);
    expect(await row('github-status').getAttribute('data-origin')).toBe('config');
    expect(await row('github-status').locator('.sa-origin').textContent()).toBe('sources.yaml');
    expect(await row('reddit-sysadmin').locator('td').nth(2).textContent()).toBe('5 min');
    expect(await page.locator('#sa-audit').textContent()).toContain('No change made while running yet.');
    const stored = await page.evaluate(() => [sessionStorage.getItem('outage-radar.admin-key'), sessionStorage.getItem('outage-radar.key')]);
    expect(stored).toEqual([adminKey, null]);
    // The add form offers the kinds the API accepts at runtime, from its own OpenAPI document.
    const kinds = await page.locator('#sa-kind option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(kinds).toContain('statuspage');
    expect(kinds).not.toContain('twitter');
    expect(kinds).not.toContain('bluesky');
  });

  it('when the admin disables a configured source, then the page and the store say it is disabled by a runtime override', async () => {
    await row('github-status').getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => page.locator('#sa-status').textContent()).toBe('github-status disabled.');
    expect(await row('github-status').getAttribute('data-state')).toBe('disabled');
    expect(await row('github-status').locator('.sa-origin').textContent()).toBe('sources.yaml, changed here');
    expect(await row('github-status').locator('.sa-note').textContent()).toBe('enabled in sources.yaml');
    expect((await getSource(rt.ctx.db, 'github-status'))?.enabled).toBe(false);
    expect(await page.locator('#sa-audit li').first().textContent()).toMatch(/github-status disabled by ops-alice \(ork_\w+\): enabled → disabled/);
  });

  it('when the admin changes the interval in the row, then the source polls at it', async () => {
    await row('reddit-sysadmin').locator('summary').click();
    await row('reddit-sysadmin').getByLabel('Every', { exact: true }).fill('10m');
    await row('reddit-sysadmin').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row('reddit-sysadmin').locator('td').nth(2).textContent()).toBe('10 min');
    expect((await getSource(rt.ctx.db, 'reddit-sysadmin'))?.interval_ms).toBe(600_000);
  });

  it('when the add form has a bad URL, then the error names it and the field is marked; a good one adds the source', async () => {
    const form = page.locator('#sa-add');
    await form.getByLabel('Id', { exact: true }).fill('fastly-status');
    await form.locator('select[name=kind]').selectOption('statuspage');
    await form.getByLabel('Provider', { exact: true }).fill('fastly');
    await form.getByLabel('URL', { exact: true }).fill('ftp://status.fastly.com/summary.json');
    await form.getByLabel('Every', { exact: true }).fill('2m');
    await form.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => page.locator('#sa-add-error').textContent()).toMatch(/body field "url"/);
    expect(await form.getByLabel('URL', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('URL', { exact: true }).fill('https://status.fastly.com/api/v2/summary.json');
    await form.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => row('fastly-status').count()).toBe(1);
    expect(await row('fastly-status').locator('.sa-origin').textContent()).toBe('added here');
    expect(await row('fastly-status').locator('td').nth(2).textContent()).toBe('2 min');
    expect(await getSource(rt.ctx.db, 'fastly-status')).toMatchObject({ enabled: true, tier: 'official', provider: 'fastly' });
  });

  it('when a source is paused, then the page says so and Resume takes it out of the pause', async () => {
    const at = new Date(clock.now()).toISOString();
    await recordPoll(rt.ctx.db, 'fastly-status', { at, ok: false, error: 'not a Statuspage document', parse_failed: true, pause: true, next_poll_at: at });
    await page.reload();
    await expect.poll(() => row('fastly-status').getAttribute('data-state')).toBe('paused');
    expect(await row('fastly-status').textContent()).toContain('not a Statuspage document');
    await row('fastly-status').getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => page.locator('#sa-status').textContent()).toBe('fastly-status resumed.');
    expect((await getSource(rt.ctx.db, 'fastly-status'))?.paused).toBe(false);
  });

  it('when the admin resets, then a configured source runs as sources.yaml says and an added one is removed', async () => {
    await row('github-status').getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => row('github-status').getAttribute('data-origin')).toBe('config');
    expect((await getSource(rt.ctx.db, 'github-status'))?.enabled).toBe(true);
    await row('fastly-status').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => row('fastly-status').getAttribute('data-origin')).toBe('removed');
    expect(await row('fastly-status').getByRole('button').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('sources-admin'), fullPage: true });
    expect(await page.locator('#sa-audit li').count()).toBe(6);
    expect(csp).toEqual([]);
  });

  it('when the admin forgets the key, then the key form is back and the key is gone from the tab', async () => {
    await page.getByRole('button', { name: 'Forget admin key' }).click();
    expect(await page.locator('#sa-auth').isVisible()).toBe(true);
    expect(await page.evaluate(() => sessionStorage.getItem('outage-radar.admin-key'))).toBeNull();
  });
});
