/**
 * The free social sources are on in the shipped configuration, with no key, built from the
 * providers catalog: Bluesky's filter names every provider, Mastodon reads every catalog
 * hashtag, and X spends its budget through the watch source only when there is a key. Nothing
 * here connects anywhere: the sources are read as configuration.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/load.js';
import { catalogTerms, sampleInterval, socialSources } from '../../src/config/social-sources.js';
import { socialSchema, type SourceConfig } from '../../src/config/schema.js';
import { hashtagTimelines } from '../../src/sources/live/mastodon/poller.js';
import { configDir, testCatalog } from '../helpers/catalog.js';

const kindOf = <K extends SourceConfig['kind']>(sources: SourceConfig[], id: string, kind: K) => {
  const s = sources.find((x) => x.id === id);
  expect(s?.kind).toBe(kind);
  return s as Extract<SourceConfig, { kind: K }>;
};

describe('the social sources on by default', () => {
  it('when the shipped configuration loads without a key, then Bluesky and Mastodon are on and X is not', () => {
    const { config, problems } = readConfig(configDir, {});
    expect(problems).toEqual([]);
    const social = config!.sources.filter((s) => ['bluesky', 'mastodon', 'twitter'].includes(s.kind));
    expect(social.map((s) => s.id)).toEqual(['bluesky-catalog', 'mastodon-catalog-hashtags']);
    const bsky = kindOf(config!.sources, 'bluesky-catalog', 'bluesky');
    expect(bsky).toMatchObject({ enabled: true, trust: 'public', url: 'wss://jetstream2.us-east.bsky.network/subscribe' });
    expect(bsky.outage_words).toEqual(expect.arrayContaining(['down', 'outage', 'not working', 'cloudflaredown']));
    const masto = kindOf(config!.sources, 'mastodon-catalog-hashtags', 'mastodon');
    expect(masto).toMatchObject({ enabled: true, url: 'https://mastodon.social', interval: 300_000 });
  });

  it("when the catalog names providers, then Bluesky's keywords hold every name, alias and hashtag, and Mastodon every hashtag, five to a request", () => {
    const catalog = testCatalog();
    const sources = socialSources(socialSchema.parse({}), catalog, { xBearerToken: null });
    const keywords = new Set(kindOf(sources, 'bluesky-catalog', 'bluesky').keywords.map((k) => k.toLowerCase()));
    for (const p of catalog.providers) for (const t of [p.name, ...p.aliases, ...p.hashtags]) expect(keywords.has(t.trim().toLowerCase()), t).toBe(true);
    expect(catalogTerms(catalog).length).toBe(keywords.size);
    const hashtags = kindOf(sources, 'mastodon-catalog-hashtags', 'mastodon').hashtags;
    const fromCatalog = new Set(catalog.providers.flatMap((p) => p.hashtags.map((h) => h.toLowerCase())));
    expect(new Set(hashtags)).toEqual(new Set(['outage', ...fromCatalog]));
    const groups = hashtagTimelines('https://mastodon.social', hashtags);
    expect(groups).toHaveLength(Math.ceil(hashtags.length / 5));
    expect(groups[0]!.url.toString()).toBe(
      `https://mastodon.social/api/v1/timelines/tag/${hashtags[0]}?${hashtags
        .slice(1, 5)
        .map((h) => `any%5B%5D=${h}`)
        .join('&')}`,
    );
  });

  it('when the catalog lists Bluesky and Mastodon accounts, then Bluesky watches them and each Mastodon account is its own provider-account source', () => {
    const base = testCatalog();
    const catalog = {
      providers: base.providers.map((p) =>
        p.id === 'github' ? { ...p, accounts: { ...p.accounts, bluesky: ['githubstatus.bsky.social'], mastodon: ['githubstatus@mastodon.social'] } } : p,
      ),
    };
    const sources = socialSources(socialSchema.parse({}), catalog, { xBearerToken: null });
    expect(kindOf(sources, 'bluesky-catalog', 'bluesky').accounts).toEqual(['githubstatus.bsky.social']);
    expect(kindOf(sources, 'mastodon-github-1', 'mastodon')).toMatchObject({
      provider: 'github',
      trust: 'provider-account',
      url: 'https://mastodon.social/@githubstatus',
      hashtags: [],
    });
  });

  it('when X_BEARER_TOKEN is set, then the X watch samples sparsely at a pace set by the budget and reads incidents every 2 minutes', () => {
    const { config } = readConfig(configDir, { X_BEARER_TOKEN: 'token' });
    const x = kindOf(config!.sources, 'x-watch', 'twitter');
    expect(x).toMatchObject({ incident_queries: true, interval: 120_000, sample_every: sampleInterval(10_000, 0.2), max_providers: 5 });
    expect(x.query).toMatch(/-is:retweet/);
    // 20% of 10,000 reads is 200 samples of 10 a month: one every 3.6 hours.
    expect(sampleInterval(10_000, 0.2)).toBe(216 * 60_000);
    expect(sampleInterval(10_000, 0)).toBeNull();
  });

  it('when sources.yaml uses a default id or social.yaml turns a platform off, then that wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'or-social-'));
    try {
      cpSync(configDir, dir, { recursive: true });
      writeFileSync(
        join(dir, 'sources.yaml'),
        'sources:\n  - { id: bluesky-catalog, kind: bluesky, trust: public, url: "wss://jetstream1.us-west.bsky.network/subscribe", enabled: false }\n',
      );
      writeFileSync(join(dir, 'social.yaml'), 'mastodon:\n  enabled: false\n');
      const { config, problems } = readConfig(dir, {});
      expect(problems).toEqual([]);
      const social = config!.sources.filter((s) => ['bluesky', 'mastodon'].includes(s.kind));
      expect(social).toEqual([expect.objectContaining({ id: 'bluesky-catalog', enabled: false, keywords: [] })]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when social.yaml names a tier trust.yaml does not have, then the problem names the file and key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'or-social-'));
    try {
      cpSync(configDir, dir, { recursive: true });
      writeFileSync(join(dir, 'social.yaml'), 'bluesky:\n  trust: gossip\n');
      const { problems } = readConfig(dir, {});
      expect(problems).toEqual([{ file: join(dir, 'social.yaml'), path: 'bluesky.trust', message: 'unknown tier "gossip"' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
