import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { testRuntime } from '../helpers/runtime.js';
import { addEvent, saveIncident } from '../../src/store/incidents-repo.js';
import { createKey } from '../../src/api/auth/keys.js';
import type { RateLimits } from '../../src/api/rate-limit.js';
import type { Incident } from '../../src/domain/incident.js';
import { attach, incident, launchBrowser, minutesAgo, publish, screenshotPath, servePage, watchedPages, type EvidenceSeed } from './helpers.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;
type App = Awaited<ReturnType<typeof servePage>>;
/** What the tests read back from the page's window. */
type Probe = Window & { __xss?: unknown; __alerts?: number; __noReload?: boolean; __csp?: string[] };

// The page loads evidence per card; the default anonymous limit (120/min per address) is for
// the internet, not for six browser sessions from one loopback address in a few seconds.
const roomy: RateLimits = { key: { limit: 100_000, windowMs: 60_000 }, anonymous: { limit: 100_000, windowMs: 60_000 } };

const CONTEXT: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC', colorScheme: 'light' };

/** Records CSP violations and alert() calls before any page script runs. */
async function instrument(ctx: BrowserContext): Promise<void> {
  await ctx.addInitScript(() => {
    const w = window as Probe;
    w.__csp = [];
    w.__alerts = 0;
    document.addEventListener('securitypolicyviolation', (e) => w.__csp!.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

// ------------------------------------------------------------------------------------------
// The showcase: what the README screenshot shows.

const s3Evidence = (): EvidenceSeed[] => [
  {
    id: 'p-s3-official',
    tier: 'official',
    source_kind: 'aws-health',
    author: 'AWS Health Dashboard',
    url: 'https://health.aws.amazon.com/health/status',
    title: 'Increased Error Rates',
    text: 'We are investigating increased error rates for Amazon S3 requests in the US-EAST-1 Region.',
    published_at: minutesAgo(14),
    trust: 1,
    probability: 1,
    contribution: 0.38,
    official: {
      id: 'aws-s3-1',
      status: 'investigating',
      impact: 'major',
      components: ['S3'],
      regions: ['us-east-1'],
      started_at: minutesAgo(40),
      resolved_at: null,
    },
  },
  {
    id: 'p-s3-support',
    tier: 'provider-account',
    source_kind: 'twitter',
    author: '@AWSSupport',
    url: 'https://x.com/AWSSupport/status/1893000000000000001',
    text: "We're aware of elevated error rates for S3 in US-EAST-1 and are actively working on mitigation.",
    published_at: minutesAgo(12),
    trust: 0.95,
    probability: 0.99,
    contribution: 0.22,
  },
  {
    id: 'p-s3-maria',
    tier: 'public',
    source_kind: 'bluesky',
    author: 'maria-sre.bsky.social',
    url: 'https://bsky.app/profile/maria-sre.bsky.social/post/3kx2',
    text: 'S3 PUTs in us-east-1 failing with 503 SlowDown for the last 20 minutes. Anyone else?',
    published_at: minutesAgo(36),
    trust: 0.41,
    probability: 0.96,
    contribution: 0.12,
  },
  {
    id: 'p-s3-register',
    tier: 'news',
    source_kind: 'rss',
    author: 'The Register',
    url: 'https://www.theregister.com/2025/01/01/aws_s3_us_east_1/',
    title: 'AWS S3 wobbles in us-east-1',
    text: "Customers report failed uploads and broken static sites as Amazon's storage service returns errors.",
    published_at: minutesAgo(8),
    trust: 0.7,
    probability: 0.9,
    contribution: 0.1,
  },
  {
    id: 'p-s3-oliver',
    tier: 'public',
    source_kind: 'mastodon',
    author: '@ops_oliver@hachyderm.io',
    url: 'https://hachyderm.io/@ops_oliver/113000000000000001',
    text: 'Our CI artifact uploads time out against S3 us-east-1. Status page still green.',
    published_at: minutesAgo(33),
    trust: 0.38,
    probability: 0.94,
    contribution: 0.08,
  },
];

const s3 = (): Incident =>
  incident('aws-s3-use1', {
    title: 'Amazon Web Services S3 (us-east-1): Increased Error Rates',
    status: 'confirmed',
    severity: 'critical',
    confidence: 0.97,
    rank: 0.95,
    first_seen_at: minutesAgo(38),
    last_signal_at: minutesAgo(1),
    corroborated_at: minutesAgo(34),
    confirmed_at: minutesAgo(14),
    official_first_at: minutesAgo(14),
    official_lag_seconds: 24 * 60,
    official_incident_ids: ['aws-s3-1'],
    evidence_count: 5,
    explanation: [{ post_id: 'p-s3-official', contribution: 0.38 }],
    updated_at: minutesAgo(1),
  });

const github = (): Incident =>
  incident('github-api', {
    provider: 'github',
    components: ['API Requests'],
    regions: [],
    title: 'GitHub API Requests: reported problems',
    status: 'suspected',
    severity: 'major',
    confidence: 0.48,
    rank: 0.6,
    first_seen_at: minutesAgo(4.2),
    last_signal_at: minutesAgo(1),
    evidence_count: 3,
    updated_at: minutesAgo(1),
  });

const githubEvidence = (): EvidenceSeed[] => [
  {
    id: 'p-gh-1',
    tier: 'public',
    source_kind: 'twitter',
    author: '@jk_builds',
    url: 'https://x.com/jk_builds/status/1893000000000000002',
    text: 'GitHub API returning 502s for anyone else? Our "Sign in with GitHub" is broken.',
    published_at: minutesAgo(4),
    trust: 0.35,
    probability: 0.93,
    contribution: 0.18,
  },
  {
    id: 'p-gh-2',
    tier: 'first-party',
    source_kind: 'first-party',
    author: 'Support ticket #48213',
    url: null,
    text: 'Customer cannot sign in: the GitHub OAuth callback times out after 30 s.',
    published_at: minutesAgo(3),
    trust: 0.6,
    probability: 0.88,
    contribution: 0.16,
  },
  {
    id: 'p-gh-3',
    tier: 'public',
    source_kind: 'mastodon',
    author: '@ana@fosstodon.org',
    url: 'https://fosstodon.org/@ana/113000000000000002',
    text: 'api.github.com very slow right now, timeouts on /user',
    published_at: minutesAgo(2),
    trust: 0.32,
    probability: 0.9,
    contribution: 0.1,
  },
];

const slack = (): Incident =>
  incident('slack-messaging', {
    provider: 'slack',
    components: ['Messaging'],
    regions: [],
    title: 'Slack Messaging: Messages failing to send',
    status: 'resolved',
    severity: 'major',
    confidence: 0.99,
    rank: 0.2,
    first_seen_at: minutesAgo(190),
    last_signal_at: minutesAgo(121),
    corroborated_at: minutesAgo(186),
    confirmed_at: minutesAgo(181),
    resolved_at: minutesAgo(120),
    official_first_at: minutesAgo(181),
    official_lag_seconds: 9 * 60,
    evidence_count: 2,
    updated_at: minutesAgo(120),
  });

const slackEvidence = (): EvidenceSeed[] => [
  {
    id: 'p-slack-1',
    tier: 'official',
    source_kind: 'slack-status',
    author: 'Slack Status',
    url: 'https://slack-status.com/2025-01/abc',
    title: 'Messages failing to send',
    text: "We've resolved the issue and messages are sending normally again.",
    published_at: minutesAgo(120),
    trust: 1,
    probability: 1,
    contribution: 0.4,
  },
  {
    id: 'p-slack-2',
    tier: 'official',
    source_kind: 'slack-status',
    author: 'Slack Status',
    url: 'https://slack-status.com/2025-01/abc',
    title: 'Messages failing to send',
    text: "We're investigating reports of messages failing to send for some users.",
    published_at: minutesAgo(181),
    trust: 1,
    probability: 1,
    contribution: 0.3,
  },
];

describe('the page (headless Chromium against the real app)', () => {
  let rt: Rt;
  let app: App;
  let browser: Browser;

  beforeAll(async () => {
    rt = await testRuntime({ patch: (c) => ({ ...c, server: { ...c.server, auth: { anonymous_read: true } } }) });
    await watchedPages(rt.ctx, ['aws', 'github', 'slack']); // their "silent for" clocks run
    [app, browser] = await Promise.all([servePage(rt.ctx, { rateLimits: roomy }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await rt?.cleanup();
  });

  async function newPage(opts: BrowserContextOptions = {}): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await browser.newContext({ ...CONTEXT, ...opts });
    await instrument(ctx);
    const page = await ctx.newPage();
    return { ctx, page };
  }

  it('serves the page with a strict CSP and the security headers, and the two action routes', async () => {
    const res = await fetch(`${app.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    for (const d of [
      "script-src 'self'",
      "style-src 'self'",
      "connect-src 'self'",
      "img-src 'self' data:",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ])
      expect(csp).toContain(d);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i); // no inline script
    expect(html).not.toMatch(/\son[a-z]+\s*=/i); // no inline handler
    expect(html).not.toMatch(/\sstyle\s*=/i); // no inline style
    // Every module of the page (main.js imports the others) and every stylesheet.
    const files = readdirSync(new URL('../../public/', import.meta.url), { recursive: true, encoding: 'utf8' });
    const modules = files.filter((f) => f.endsWith('.js'));
    expect(modules).toContain('main.js');
    for (const m of modules) {
      const js = await fetch(`${app.url}/${m}`);
      expect(js.headers.get('content-type')).toMatch(/javascript/);
      expect(js.headers.get('content-security-policy')).toBe(csp);
      expect(await js.text()).not.toMatch(/\.innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    }
    // The sources page (an admin's) links the same sheets plus its own.
    const sourcesHtml = await (await fetch(`${app.url}/sources.html`)).text();
    const linked = (h: string) => [...h.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]!);
    const sheets = [...new Set([...linked(html), ...linked(sourcesHtml)])];
    expect(sheets.toSorted()).toEqual(files.filter((f) => f.endsWith('.css')).toSorted()); // each one linked
    for (const sheet of sheets) {
      const css = await fetch(`${app.url}/${sheet}`);
      expect(css.status).toBe(200);
      expect(css.headers.get('content-type')).toMatch(/text\/css/);
      expect(css.headers.get('content-security-policy')).toBe(csp);
    }

    const inc = incident('hdr', { status: 'suspected' });
    await saveIncident(rt.ctx.db, inc);
    await addEvent(rt.ctx.db, { incident_id: 'hdr', at: minutesAgo(5), type: 'opened', status: 'suspected', summary: 'Opened as suspected', post_id: null });
    const notice = await fetch(`${app.url}/api/v1/incidents/hdr/notice`);
    expect(notice.status).toBe(200);
    expect(await notice.json()).toEqual({
      status: 'suspected',
      text: expect.stringMatching(/^We are seeing reports of problems with Amazon Web Services S3 in us-east-1\./),
    });
    const md = await fetch(`${app.url}/api/v1/incidents/hdr/timeline.md`);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(await md.text()).toContain('Opened as suspected');
    expect((await fetch(`${app.url}/api/v1/incidents/nope/notice`)).status).toBe(404);
    await rt.ctx.db.query("DELETE FROM incident_events WHERE incident_id = 'hdr'");
    await rt.ctx.db.query("DELETE FROM incidents WHERE id = 'hdr'");
  });

  it('updates the feed live when an incident arrives over SSE, clocks tick, and the populated feed is saved as a screenshot', async () => {
    // Before the page opens: a suspected incident and one resolved two hours ago.
    const gh = github();
    await saveIncident(rt.ctx.db, gh);
    await attach(rt.ctx, gh, githubEvidence());
    await addEvent(rt.ctx.db, {
      incident_id: gh.id,
      at: gh.first_seen_at,
      type: 'opened',
      status: 'suspected',
      summary: 'Opened as suspected (twitter, public)',
      post_id: null,
    });
    const sl = slack();
    await saveIncident(rt.ctx.db, sl);
    await attach(rt.ctx, sl, slackEvidence());
    await addEvent(rt.ctx.db, {
      incident_id: sl.id,
      at: sl.resolved_at!,
      type: 'resolved',
      status: 'resolved',
      summary: 'Resolved by the status page',
      post_id: null,
    });

    const { ctx, page } = await newPage();
    try {
      await page.goto(`${app.url}/`);
      await page.waitForSelector('#live[data-state="live"]');
      await page.waitForSelector('#feed .card[data-id="github-api"]');
      await page.waitForSelector('#recent-list .card[data-id="slack-messaging"]');
      expect(await page.locator('#feed .card').count()).toBe(1);
      await page.evaluate(() => ((window as Probe).__noReload = true));

      // The silence clock runs every second while the status page is silent.
      const clock = page.locator('.card[data-id="github-api"] .clock');
      const before = await clock.textContent();
      await page.waitForFunction((t) => document.querySelector('.card[data-id="github-api"] .clock')?.textContent !== t, before);
      expect(before).toMatch(/^4 min \d\d s$/);

      // The S3 incident arrives: its history is stored, then the latest event is published.
      const inc = s3();
      await saveIncident(rt.ctx.db, { ...inc, status: 'suspected' });
      await attach(rt.ctx, inc, s3Evidence());
      await addEvent(rt.ctx.db, {
        incident_id: inc.id,
        at: inc.first_seen_at,
        type: 'opened',
        status: 'suspected',
        summary: 'Opened as suspected (bluesky, public)',
        post_id: null,
      });
      await addEvent(rt.ctx.db, {
        incident_id: inc.id,
        at: inc.corroborated_at!,
        type: 'changed',
        status: 'corroborated',
        summary: 'Corroborated by 4 independent sources',
        post_id: null,
      });
      await addEvent(rt.ctx.db, {
        incident_id: inc.id,
        at: inc.official_first_at!,
        type: 'changed',
        status: 'confirmed',
        summary: "The provider's status page spoke, 24m after we first saw the problem",
        post_id: null,
      });
      await publish(rt.ctx, inc, 'changed', 'Confirmed by the status page (aws-health, official)', inc.confirmed_at!);

      const card = page.locator('#feed .card[data-id="aws-s3-use1"]');
      await card.waitFor();
      expect(await page.evaluate(() => (window as Probe).__noReload)).toBe(true); // no reload
      // Ranked first, with what support staff need at a glance.
      expect(await page.locator('#feed .card').first().getAttribute('data-id')).toBe('aws-s3-use1');
      await expect.poll(() => card.locator('.badge').textContent()).toBe('Confirmed');
      expect(await card.locator('.card-link').textContent()).toBe('Amazon Web Services · S3');
      expect(await card.locator('.silence').textContent()).toBe('Official after 24 min');
      expect(await card.locator('.affects').textContent()).toBe('Affects our File uploads, Report exports');
      expect(await card.locator('.conf-num').textContent()).toBe('97%');
      await card.locator('.ev-top-item').nth(2).waitFor();
      expect(await card.locator('.ev-top-item').count()).toBe(3);
      expect(await card.locator('.ev-top-item .src-link').first().getAttribute('href')).toBe('https://health.aws.amazon.com/health/status');
      expect(await card.locator('.ev-top-item .src-link').first().getAttribute('rel')).toBe('noopener noreferrer');
      expect((await page.locator('#announcer').textContent()) ?? '').toContain('Amazon Web Services');

      // Evidence loaded everywhere, the arrival flash over. (The README's screenshot is the live
      // demo's end state: test/page/live-demo.test.ts.)
      await page.locator('.card[data-id="github-api"] .ev-top-item').nth(2).waitFor();
      await page.locator('.card[data-id="slack-messaging"] .ev-top-item').first().waitFor();
      await page.waitForTimeout(1700);
      await page.screenshot({ path: screenshotPath('feed'), fullPage: true });

      // The incident view, and the same page on a phone.
      await card.locator('.card-link').click();
      await page.locator('#d-evidence .ev-item').nth(4).waitFor();
      await page.waitForFunction(() => (document.getElementById('d-notice')?.textContent ?? '').length > 0);
      await page.screenshot({ path: screenshotPath('incident'), fullPage: false });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: screenshotPath('incident-phone') });
      await page.keyboard.press('Escape');
      await page.screenshot({ path: screenshotPath('feed-phone'), fullPage: true });
      expect(await page.evaluate(() => (window as Probe).__csp)).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('copies the customer notice, worded "reports of" while suspected and "<Provider> has confirmed" once confirmed; exports the timeline after resolution', async () => {
    const inc = incident('aws-lambda', {
      components: ['Lambda'],
      regions: ['eu-west-1'],
      title: 'Amazon Web Services Lambda (eu-west-1): reported problems',
      rank: 0.3,
      evidence_count: 1,
    });
    await saveIncident(rt.ctx.db, inc);
    await attach(rt.ctx, inc, [
      {
        id: 'p-lambda-1',
        tier: 'public',
        source_kind: 'twitter',
        author: '@fn_fan',
        url: 'https://x.com/fn_fan/status/1',
        text: 'Lambda invocations in eu-west-1 timing out',
        published_at: minutesAgo(5),
        trust: 0.4,
        probability: 0.9,
        contribution: 0.2,
      },
    ]);
    await publish(rt.ctx, inc, 'opened', 'Opened as suspected (twitter, public)', inc.first_seen_at);

    const { ctx, page } = await newPage();
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    try {
      await page.goto(`${app.url}/#/incidents/aws-lambda`);
      await page.waitForSelector('#live[data-state="live"]');
      await page.waitForFunction(() => (document.getElementById('d-notice')?.textContent ?? '').startsWith('We are seeing'));
      await page.getByRole('button', { name: /Copy customer notice/ }).click();
      await expect.poll(() => page.locator('#d-action-status').textContent()).toBe('Copied');
      const suspected = await clipboard();
      // AWS's page is watched here (beforeAll marks it so): the notice may say it has not confirmed.
      expect(suspected).toBe(
        'We are seeing reports of problems with Amazon Web Services Lambda in eu-west-1. This may affect report exports. Amazon Web Services has not confirmed an issue yet. We are investigating and will update you as soon as we know more.',
      );

      // The provider confirms: the open panel follows the live event, and `c` copies the new wording.
      const confirmed: Incident = {
        ...inc,
        status: 'confirmed',
        confirmed_at: minutesAgo(1),
        official_first_at: minutesAgo(1),
        official_lag_seconds: 240,
        updated_at: minutesAgo(0),
      };
      await publish(rt.ctx, confirmed, 'changed', 'Confirmed by the status page (aws-health, official)');
      await page.waitForSelector('#d-badge .badge-confirmed');
      await page.waitForFunction(() => (document.getElementById('d-notice')?.textContent ?? '').includes('has confirmed'));
      expect(await page.locator('#d-export').isHidden()).toBe(true); // only after resolution
      await page.keyboard.press('c');
      await expect.poll(clipboard).toContain('Amazon Web Services has confirmed a problem with Lambda in eu-west-1.');
      expect(await clipboard()).not.toContain('reports of');

      // Resolved: the timeline can be exported as Markdown.
      const resolved: Incident = { ...confirmed, status: 'resolved', resolved_at: new Date().toISOString(), updated_at: new Date().toISOString() };
      await publish(rt.ctx, resolved, 'resolved', 'Resolved by the status page');
      await page.locator('#d-export').waitFor({ state: 'visible' });
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#d-export').click()]);
      expect(download.suggestedFilename()).toBe('aws-lambda-timeline.md');
      const md = readFileSync((await download.path())!, 'utf8');
      expect(md).toContain('## Amazon Web Services Lambda (eu-west-1): reported problems');
      expect(md).toMatch(/### Timeline \(UTC\)[\s\S]*Opened as suspected[\s\S]*Confirmed by the status page[\s\S]*Resolved by the status page/);
      await page.keyboard.press('c');
      await expect.poll(clipboard).toContain('reports that the problem with Lambda in eu-west-1 has been resolved');
    } finally {
      await ctx.close();
    }
  });

  it('shows a hostile corpus in post texts, authors, titles and URLs as text, and runs none of it', async () => {
    const payloads = [
      '<img src=x onerror="window.__xss=1">',
      '<script>window.__xss=1</script>',
      '"><svg onload=window.__xss=1>',
      '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
      '<a href="javascript:alert(1)">click me</a>',
      "'';!--\"<XSS>=&{()}",
      "{{constructor.constructor('window.__xss=1')()}}",
      '<style>body{display:none}</style>',
      '<details open ontoggle=alert(1)>',
    ];
    const urls = [
      'javascript:window.__xss=1',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(document.domain)',
      'data:text/html,<script>window.__xss=1</script>',
      'vbscript:msgbox(1)',
      '//evil.example/x',
      'https://example.com/ok?q="><script>window.__xss=1</script>',
      'http://example.org/fine',
      'java\tscript:alert(1)',
    ];
    const inc = incident('xss', {
      provider: 'aws',
      components: ['S3'],
      regions: ['<svg onload=alert(1)>'],
      title: 'Amazon Web Services S3: <img src=x onerror=alert(1)>',
      rank: 0.1,
      evidence_count: payloads.length,
    });
    await saveIncident(rt.ctx.db, inc);
    await attach(
      rt.ctx,
      inc,
      payloads.map((p, i) => ({
        id: `p-xss-${i}`,
        tier: i === 0 ? '<b>official</b>' : 'public',
        source_kind: 'twitter' as const,
        author: payloads[(i + 1) % payloads.length]!,
        url: urls[i]!,
        title: payloads[(i + 2) % payloads.length]!,
        text: p,
        published_at: minutesAgo(3),
        trust: 0.3,
        probability: 0.9,
        contribution: 0.5 - i * 0.01,
      })),
    );
    await publish(rt.ctx, inc, 'opened', 'Opened as suspected');

    const { ctx, page } = await newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      await page.goto(`${app.url}/?provider=aws`);
      const card = page.locator('.card[data-id="xss"]');
      await card.locator('.ev-top-item').nth(2).waitFor();
      await page.waitForSelector('#live[data-state="live"]');
      // A live event whose summary is hostile too.
      await publish(rt.ctx, { ...inc, updated_at: new Date().toISOString() }, 'changed', '<img src=x onerror=alert(1)> changed');
      await expect.poll(() => page.locator('#announcer').textContent()).toContain('<img src=x onerror=alert(1)> changed');
      await card.locator('.ev-top-item').nth(2).waitFor();
      await card.locator('.card-link').focus();
      await page.keyboard.press('Enter');
      await page
        .locator('#d-evidence .ev-item')
        .nth(payloads.length - 1)
        .waitFor();
      await page.waitForTimeout(300); // let any smuggled handler fire

      expect(await page.evaluate(() => (window as Probe).__xss)).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(await page.evaluate(() => (window as Probe).__csp)).toEqual([]); // nothing even tried to run
      // No element came from the data: no img, script, svg, iframe, style, details in the content.
      expect(await page.locator('#main :is(img, script, svg, iframe, style, details, object, embed)').count()).toBe(0);
      // The hostile text is there, as text, in the card and in the incident view.
      for (const p of payloads) expect(await page.locator('#d-evidence .ev-text', { hasText: p }).count()).toBe(1);
      expect(await page.locator('#d-evidence .ev-author', { hasText: payloads[1]! }).count()).toBe(1);
      expect(await page.locator('#d-evidence .ev-title', { hasText: payloads[3]! }).count()).toBe(1);
      expect(await page.locator('#detail-title').textContent()).toBe('Amazon Web Services S3: <img src=x onerror=alert(1)>');
      expect(await card.locator('.card-text').textContent()).toBe('<img src=x onerror=alert(1)>');
      expect(await card.locator('.chip').textContent()).toBe('<svg onload=alert(1)>');
      expect(await page.locator('#d-timeline .tl-summary', { hasText: '<img src=x onerror=alert(1)> changed' }).count()).toBe(1);
      // Links only for http(s); everything else is plain text.
      const hrefs = await page.locator('#main a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      expect(hrefs.length).toBeGreaterThan(0);
      for (const h of hrefs) expect(h).toMatch(/^(https?:\/\/|#\/incidents\/)/);
      expect(await page.locator('#d-evidence a.src-link').count()).toBe(2);
      // The store keeps only web links (a javascript:, data: or protocol-relative url is stored as
      // null), so none reaches the page even as text; the page's own check stays as a second guard.
      expect(await page.locator('#d-evidence .url-text').count()).toBe(0);
      for (const rel of await page.locator('#main a.src-link').evaluateAll((as) => as.map((a) => a.getAttribute('rel'))))
        expect(rel).toBe('noopener noreferrer');
      await page.screenshot({ path: screenshotPath('xss'), fullPage: true });
    } finally {
      await ctx.close();
    }
  });

  it('works from the keyboard: / focuses the filter, j/k and arrows move, Enter opens, Esc closes', async () => {
    const { ctx, page } = await newPage();
    try {
      await page.goto(`${app.url}/`);
      await page.waitForSelector('#feed .card[data-id="aws-s3-use1"]');
      const ids = await page.locator('.card').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-id')));
      expect(ids.length).toBeGreaterThanOrEqual(3);
      const focused = () => page.evaluate(() => document.activeElement?.closest('.card')?.getAttribute('data-id') ?? document.activeElement?.id ?? null);

      await page.keyboard.press('j');
      expect(await focused()).toBe(ids[0]);
      await page.keyboard.press('j');
      expect(await focused()).toBe(ids[1]);
      await page.keyboard.press('k');
      expect(await focused()).toBe(ids[0]);
      await page.keyboard.press('ArrowDown');
      expect(await focused()).toBe(ids[1]);

      await page.keyboard.press('Enter');
      await page.locator('#detail').waitFor({ state: 'visible' });
      expect(await page.evaluate(() => location.hash)).toBe(`#/incidents/${ids[1]}`);
      expect(await focused()).toBe('detail-title');
      await page.waitForFunction(() => document.getElementById('detail-title')?.textContent !== 'Loading…');

      await page.keyboard.press('Escape');
      await page.locator('#detail').waitFor({ state: 'hidden' });
      expect(await page.evaluate(() => location.hash)).toBe('');
      expect(await focused()).toBe(ids[1]); // back where it was

      await page.keyboard.press('/');
      expect(await focused()).toBe('f-provider');
      // Filters are in the URL, and the feed follows them.
      await page.keyboard.press('Escape');
      await page.locator('#f-affects').check();
      await page.waitForFunction(() => new URLSearchParams(location.search).get('affects_us') === '1');
      await page.locator('#f-status').selectOption('confirmed');
      await page.waitForFunction(() => document.querySelectorAll('#feed .card').length === 1);
      expect(await page.evaluate(() => location.search)).toBe('?status=confirmed&affects_us=1');
      expect(await page.locator('#feed .card').getAttribute('data-id')).toBe('aws-s3-use1');
      await page.reload();
      await page.waitForSelector('#feed .card[data-id="aws-s3-use1"]');
      expect(await page.locator('#f-status').inputValue()).toBe('confirmed');
      expect(await page.locator('#f-affects').isChecked()).toBe(true);
    } finally {
      await ctx.close();
    }
  });

  it('asks for a reader key when the API answers 401, and uses it (Bearer, and ?access_token= for the stream)', async () => {
    const locked = await servePage(rt.ctx, { auth: { anonymousRead: false }, rateLimits: roomy });
    const key = (await createKey(rt.ctx.db, 'page test', 'reader', new Date().toISOString())).key;
    const { ctx, page } = await newPage({ viewport: { width: 800, height: 600 } });
    try {
      await page.goto(`${locked.url}/`);
      await page.locator('#auth').waitFor({ state: 'visible' });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('auth-key');
      expect(await page.locator('#main').isHidden()).toBe(true);
      await page.screenshot({ path: screenshotPath('key-form') });

      await page.locator('#auth-key').fill('or_not_a_real_key');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#auth-error').textContent()).toContain('refused');
      await page.locator('#auth').waitFor({ state: 'visible' });

      await page.locator('#auth-key').fill(key);
      await page.keyboard.press('Enter');
      await page.waitForSelector('#feed .card[data-id="aws-s3-use1"]');
      await page.waitForSelector('#live[data-state="live"]');
      expect(await page.evaluate(() => sessionStorage.getItem('outage-radar.key'))).toBe(key);
      expect(await page.locator('#auth').isHidden()).toBe(true);
    } finally {
      await ctx.close();
      await locked.close();
    }
  });
});
