import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../src/config/load.js';
import { catalogSourceId } from '../../src/config/catalog-sources.js';
import type { SourceConfig } from '../../src/config/schema.js';
import { configDir, testCatalog } from '../helpers/catalog.js';
import { socialOff } from '../helpers/loopback-config.js';

/** A copy of config/ with this sources.yaml. */
let dir: string;
function withSources(yaml: string) {
  writeFileSync(join(dir, 'sources.yaml'), yaml);
  return readConfig(dir, {});
}
const byId = (sources: SourceConfig[] | undefined, id: string) => sources?.find((s) => s.id === id);
const urlOf = (s: SourceConfig | undefined) => (s && 'url' in s ? s.url : undefined);
const intervalOf = (s: SourceConfig | undefined) => (s && 'interval' in s ? s.interval : undefined);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'or-catalog-sources-'));
  cpSync(configDir, dir, { recursive: true });
  // The catalog's pages alone: the free social sources (test/config/social-sources.test.ts) come after them.
  socialOff(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the catalog as the default source list', () => {
  const withPage = testCatalog().providers.filter((p) => p.status_page);

  it('when the shipped configuration is read, then every catalog provider with a status page is an official source, 5 min apart while quiet', () => {
    const { config, problems } = readConfig(configDir, {});
    expect(problems).toEqual([]);
    const official = config!.sources.filter((s) => s.trust === 'official');
    expect(withPage.length).toBeGreaterThanOrEqual(150);
    expect(official.map((s) => s.provider).sort()).toEqual(withPage.map((p) => p.id).sort());
    for (const s of official) {
      expect(s.id).toBe(catalogSourceId(s.provider!));
      expect(intervalOf(s)).toBe(300_000);
    }
    expect(config!.polling.busy_interval).toBe(60_000);
  });

  it('when a catalog page is a web page, then the source polls the document its kind reads there', () => {
    const { config } = readConfig(configDir, {});
    // Statuspage: the page's API v2 summary; AWS: the dashboard's own events; GCP, Slack and feeds: as written.
    expect(urlOf(byId(config!.sources, 'github-status'))).toBe('https://www.githubstatus.com/api/v2/summary.json');
    expect(urlOf(byId(config!.sources, 'aws-status'))).toBe('https://health.aws.amazon.com/public/currentevents');
    expect(urlOf(byId(config!.sources, 'gcp-status'))).toBe('https://status.cloud.google.com/incidents.json');
    expect(urlOf(byId(config!.sources, 'slack-status'))).toBe('https://slack-status.com/api/v2.0.0/current');
    expect(urlOf(byId(config!.sources, 'azure-status'))).toBe('https://azure.status.microsoft/en-us/status/feed/');
  });

  it('when sources.yaml has no catalog key, then nothing comes from the catalog (a file written for one purpose keeps its meaning)', () => {
    const { config, problems } = withSources('sources: []\n');
    expect(problems).toEqual([]);
    expect(config!.sources).toEqual([]);
  });

  it('when watch lists providers and exclude leaves some out, then exactly those pages are watched', () => {
    const { config, problems } = withSources('catalog: { watch: [github, stripe, gcp], exclude: [gcp], interval: 2m }\n');
    expect(problems).toEqual([]);
    expect(config!.sources.map((s) => s.id)).toEqual(['github-status', 'stripe-status']);
    expect(intervalOf(config!.sources[0])).toBe(120_000);
  });

  it('when an entry names a catalog source with only the keys it changes, then the rest comes from the catalog', () => {
    const { config, problems } = withSources(
      ['catalog: { watch: all }', 'sources:', '  - { id: github-status, interval: 90s }', '  - { id: stripe-status, enabled: false }', ''].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(byId(config!.sources, 'github-status')).toMatchObject({
      kind: 'statuspage',
      provider: 'github',
      trust: 'official',
      url: 'https://www.githubstatus.com/api/v2/summary.json',
      interval: 90_000,
      enabled: true,
    });
    expect(byId(config!.sources, 'stripe-status')).toMatchObject({ enabled: false, provider: 'stripe' });
    // Each source once.
    const ids = config!.sources.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("when an entry of its own reads a provider's official page, then it replaces the catalog's page for that provider", () => {
    const { config, problems } = withSources(
      [
        'catalog: { watch: all }',
        'sources:',
        '  - { id: aws-rss, kind: aws-health, provider: aws, trust: official, url: "https://status.aws.amazon.com/rss/all.rss" }',
        '  - { id: aws-news, kind: rss, provider: aws, trust: news, url: "https://news.example.com/aws.rss" }',
        '',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(byId(config!.sources, 'aws-status')).toBeUndefined();
    expect(config!.sources.filter((s) => s.provider === 'aws').map((s) => s.id)).toEqual(['aws-rss', 'aws-news']);
  });

  it('when an interval is shorter than a second in either form, then each is refused like the number 0, naming its key', () => {
    const { config, problems } = withSources(
      [
        'catalog: { watch: [github], interval: 0s }',
        'polling: { busy_interval: 1ms }',
        'sources:',
        '  - { id: a, kind: rss, trust: public, url: "https://a.example/feed", interval: 0.5 }',
        '  - { id: b, kind: rss, trust: public, url: "https://b.example/feed", interval: 999ms }',
        '  - { id: c, kind: rss, trust: public, url: "https://c.example/feed", interval: 1s }',
        '',
      ].join('\n'),
    );
    expect(config).toBeUndefined();
    expect(problems.map((p) => `${p.path}: ${p.message}`).sort()).toEqual([
      'catalog.interval: too short: at least 1s (or the number 1)',
      'polling.busy_interval: too short: at least 1s (or the number 1)',
      'sources[0].interval: too short: at least 1s (or the number 1)',
      'sources[1].interval: too short: at least 1s (or the number 1)',
    ]);
  });

  it('when one entry has a bad url, then the same run also names the unknown tier, the duplicate id and the unknown watched provider', () => {
    const { config, problems } = withSources(
      [
        'catalog: { watch: [github, nosuch] }',
        'sources:',
        '  - { id: a, kind: rss, trust: bogus, url: notaurl }',
        '  - { id: a, kind: rss, trust: community, url: "https://x.example/feed" }',
        '',
      ].join('\n'),
    );
    expect(config).toBeUndefined();
    expect(problems.map((p) => `${p.path}: ${p.message}`).sort()).toEqual([
      'catalog.watch[1]: unknown provider "nosuch" (not in providers/)',
      'sources[0].trust: unknown tier "bogus"',
      'sources[0].url: not a URL: "notaurl" (a full address with its scheme, such as https://status.example.com/feed)',
      'sources[1].id: duplicate source id "a"',
    ]);
  });

  it('when the catalog keys are wrong, then each problem names the file and key', () => {
    const { config, problems } = withSources(
      [
        'catalog: { watch: [github, nosuch], exclude: [alsonot], interval: soon }',
        'polling: { busy_interval: -1 }',
        'sources:',
        '  - { id: github-status, url: "not a url" }',
        '  - { id: mine, interval: 2m }',
        '',
      ].join('\n'),
    );
    expect(config).toBeUndefined();
    const file = join(dir, 'sources.yaml');
    const lines = problems.map((p) => `${p.file === file ? 'sources.yaml' : p.file}: ${p.path}: ${p.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'sources.yaml: catalog.interval: a duration such as 60s, 5m or 1h',
        expect.stringMatching(/^sources\.yaml: polling\.busy_interval: /),
        expect.stringMatching(/^sources\.yaml: sources\[0\]\.url: /),
        // Not a catalog source: it needs a kind like any other entry.
        expect.stringMatching(
          /^sources\.yaml: sources\[1\]\.kind: no kind given \(only an entry with a catalog source's id, <provider>-status, may leave it out\)/,
        ),
      ]),
    );
    // With the other keys valid, unknown providers in watch and exclude are named too.
    const again = withSources('catalog: { watch: [github, nosuch, discord], exclude: [alsonot] }\n');
    expect(again.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'catalog.watch[1]: unknown provider "nosuch" (not in providers/)',
      'catalog.exclude[0]: unknown provider "alsonot" (not in providers/)',
    ]);
  });
});
