import type { Catalog } from './catalog.js';
import { sourceSchema, type SourceConfig } from './schema.js';
import type { SocialConfig } from './social-schema.js';

/**
 * The free social sources that are on by default (config/social.yaml), watching what the
 * providers catalog names, and the X watch when there is a key:
 *
 * - `bluesky-catalog`: the Jetstream firehose, keeping posts that name a catalog provider (its
 *   name, an alias or a hashtag) together with an outage word, and every post of the catalog's
 *   Bluesky accounts;
 * - `mastodon-catalog-hashtags`: the catalog's hashtags on one instance, five to a request;
 * - `mastodon-<provider>-<n>`: each Mastodon account of the catalog, as the provider's own word;
 * - `x-watch` (X_BEARER_TOKEN set): a sparse sample while all is quiet, each provider's own query
 *   while one of its incidents is suspected or open (src/sources/live/x/watch.ts).
 *
 * A sources.yaml entry with the same id wins (to change or disable one); `enabled: false` in
 * social.yaml turns a platform off.
 */
export function socialSources(social: SocialConfig, catalog: Pick<Catalog, 'providers'>, secrets: { xBearerToken: string | null }): SourceConfig[] {
  const out: unknown[] = [];
  const { bluesky, mastodon, x } = social;
  if (bluesky.enabled) {
    out.push({
      id: 'bluesky-catalog',
      kind: 'bluesky',
      provider: null,
      trust: bluesky.trust,
      url: bluesky.url,
      keywords: catalogTerms(catalog),
      // A hashtag such as #cloudflaredown names the provider and the outage at once.
      outage_words: unique([...bluesky.outage_words, ...catalog.providers.flatMap((p) => p.hashtags).filter((h) => /(down|outage)$/i.test(h))]),
      accounts: unique(catalog.providers.flatMap((p) => p.accounts.bluesky)),
      // Parsed again below as a sources.yaml entry: handed back in the form it is written in.
      silence_timeout: bluesky.silence_timeout === false ? false : `${bluesky.silence_timeout}ms`,
    });
  }
  if (mastodon.enabled) {
    const hashtags = unique([...mastodon.hashtags, ...catalog.providers.flatMap((p) => p.hashtags)].map((h) => h.toLowerCase()));
    const interval = `${mastodon.interval}ms`;
    const overlap = mastodon.overlap === false ? false : `${mastodon.overlap}ms`;
    if (hashtags.length) {
      out.push({
        id: 'mastodon-catalog-hashtags',
        kind: 'mastodon',
        provider: null,
        trust: mastodon.trust,
        url: mastodon.instance,
        hashtags,
        interval,
        overlap,
      });
    }
    for (const p of catalog.providers) {
      p.accounts.mastodon.forEach((acct, i) => {
        const [user, host] = acct.replace(/^@/, '').split('@');
        out.push({
          id: `mastodon-${p.id}-${i + 1}`,
          kind: 'mastodon',
          provider: p.id,
          trust: 'provider-account',
          url: `https://${host}/@${user}`,
          interval,
          overlap,
        });
      });
    }
  }
  const samplesEvery = sampleInterval(x.monthly_read_budget, x.watch.sample_share);
  if (secrets.xBearerToken && x.watch.enabled && samplesEvery !== null) {
    out.push({
      id: 'x-watch',
      kind: 'twitter',
      provider: null,
      trust: 'public',
      query: x.watch.sample_query,
      incident_queries: true,
      interval: `${x.watch.incident_interval}ms`,
      sample_every: `${samplesEvery}ms`,
      max_providers: x.watch.max_providers,
    });
  }
  // Parsed like sources.yaml entries: each kind's defaults and checks apply.
  return out.map((s) => sourceSchema.parse(s));
}

/** The sources.yaml entries, then the social defaults whose id sources.yaml does not use. */
export function withSocialSources(configured: SourceConfig[], defaults: SourceConfig[]): SourceConfig[] {
  const ids = new Set(configured.map((s) => s.id));
  return [...configured, ...defaults.filter((s) => !ids.has(s.id))];
}

/** Posts per sample: the X API's smallest recent-search page. */
export const SAMPLE_READS = 10;
const MONTH_MS = 30 * 24 * 3_600_000;

/**
 * How often the quiet-time sample runs so that it spends `share` of the monthly budget:
 * 10,000 reads × 0.2 = 2,000 reads, 200 samples of 10, one every 3.6 hours. Null: no sample.
 */
export function sampleInterval(monthlyBudget: number, share: number): number | null {
  const samples = Math.floor((monthlyBudget * share) / SAMPLE_READS);
  if (samples <= 0) return null;
  return Math.ceil(MONTH_MS / samples / 60_000) * 60_000;
}

/** What names a catalog provider in a post: its name, aliases and hashtags, each once. */
export function catalogTerms(catalog: Pick<Catalog, 'providers'>): string[] {
  return unique(catalog.providers.flatMap((p) => [p.name, ...p.aliases, ...p.hashtags]).map((t) => t.trim()));
}

function unique(xs: string[]): string[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = x.toLowerCase();
    if (!x || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
