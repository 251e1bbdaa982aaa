import { z } from 'zod';
import { duration, tierName } from './duration.js';

/**
 * config/social.yaml: the social platforms. Bluesky and Mastodon need no key and are on by
 * default, watching what the providers catalog names (src/config/social-sources.ts builds
 * their sources); X needs X_BEARER_TOKEN. Apart from schema.ts because the live sources read it
 * (src/sources/read-context.ts) and schema.ts is built from the source plugins, which hold
 * those readers: importing it from there would be a cycle.
 */

/** Words that make a post naming a provider worth keeping (the X stream rules ask for "down OR outage"). */
export const DEFAULT_OUTAGE_WORDS = [
  'down',
  'outage',
  'outages',
  'not working',
  'offline',
  'unavailable',
  'degraded',
  'disruption',
  'not loading',
  "can't connect",
  'cannot connect',
  'error 500',
  '502',
  '503',
  '504',
];

const blueskySchema = z
  .object({
    enabled: z
      .boolean()
      .default(true)
      .describe("Watch Bluesky through Jetstream (no key): posts naming a catalog provider and an outage word, and the catalog's Bluesky accounts."),
    url: z
      .url({ protocol: /^wss?$/ })
      .default('wss://jetstream2.us-east.bsky.network/subscribe')
      .describe('The Jetstream instance (Bluesky runs four public ones).'),
    trust: tierName.default('public').describe('Trust tier of the posts (the catalog accounts’ posts are provider-account).'),
    outage_words: z.array(z.string().min(1)).default(DEFAULT_OUTAGE_WORDS).describe('A post naming a provider is kept only when it also has one of these.'),
    handle_resolver: z
      .url({ protocol: /^https?$/ })
      .default('https://bsky.social')
      .describe("Where the catalog's Bluesky handles are resolved to DIDs (com.atproto.identity.resolveHandle)."),
    silence_timeout: z
      .union([duration, z.literal(false)])
      .default(60_000)
      .describe('Reconnect from the cursor after this long without an event while the connection stays open (a stalled Jetstream); false: never.'),
  })
  .strict();

const mastodonSchema = z
  .object({
    enabled: z
      .boolean()
      .default(true)
      .describe("Poll Mastodon (no key): the catalog's hashtags on one instance, five to a request, and the catalog's Mastodon accounts."),
    instance: z
      .url({ protocol: /^https?$/ })
      .default('https://mastodon.social')
      .describe('The instance whose hashtag timelines are read (it shows what it federates).'),
    trust: tierName.default('public').describe('Trust tier of hashtag posts (the catalog accounts’ posts are provider-account).'),
    hashtags: z
      .array(z.string().regex(/^[A-Za-z0-9_]+$/, 'a hashtag without #'))
      .default(['outage'])
      .describe("Hashtags read besides the catalog's."),
    interval: duration.default(300_000).describe('Time between polls of the hashtags and of each account.'),
    overlap: z
      .union([duration, z.literal(false)])
      .default(15 * 60_000) // DEFAULT_OVERLAP_MS of a sources.yaml entry
      .describe('Each poll reads again this far before its cursor, for statuses that federate late with an older id; false: never.'),
  })
  .strict();

const xWatchSchema = z
  .object({
    enabled: z
      .boolean()
      .default(true)
      .describe("With X_BEARER_TOKEN: a sparse sample while all is quiet, and each provider's own query while one of its incidents is suspected or open."),
    sample_query: z
      .string()
      .min(1)
      .default('("is down" OR outage OR "not working") -is:retweet -is:reply')
      .describe('The recent-search query sampled while no incident is open (10 posts a time).'),
    sample_share: z.number().min(0).max(1).default(0.2).describe('Share of the monthly budget the quiet-time sample may use; it sets how often it runs.'),
    incident_interval: duration
      .default(120_000)
      .describe("Time between reads of a provider's query while its incident is open (stretched when the forecast says the budget would run out)."),
    max_providers: z.number().int().min(1).max(20).default(5).describe('Providers with an open incident read per poll, most recently changed first.'),
  })
  .strict();

const xStreamSchema = z
  .object({
    enabled: z.boolean().default(false).describe('Consume the X filtered stream (rules derived from the catalog).'),
    tier: z.string().default('public').describe('Trust tier of streamed posts.'),
    backfill_minutes: z
      .number()
      .int()
      .min(1)
      .max(5)
      .nullable()
      .default(null)
      .describe(
        'The most minutes X re-sends after a reconnect (plans with backfill; Enterprise in X’s docs). A reconnect asks for its gap rounded up to a minute, within this.',
      ),
    catch_up_posts: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .default(100)
      .describe(
        'The most posts a gap the backfill does not cover (a long disconnection, a restart) is read back with, by recent search with the stream rules over the gap; each is a billed read from the monthly budget. 0: the gap is only reported.',
      ),
  })
  .strict();

const xSchema = z
  .object({
    monthly_read_budget: z
      .number()
      .int()
      .min(0)
      .default(10_000)
      .describe('Posts read from the X API per calendar month, never exceeded (X bills per post read).'),
    page_size: z.number().int().min(10).max(100).default(100).describe('Posts per X API request.'),
    watch: xWatchSchema.default(xWatchSchema.parse({})),
    stream: xStreamSchema.default(xStreamSchema.parse({})),
  })
  .strict();

export const socialSchema = z
  .object({
    bluesky: blueskySchema.default(blueskySchema.parse({})),
    mastodon: mastodonSchema.default(mastodonSchema.parse({})),
    x: xSchema.default(xSchema.parse({})),
  })
  .strict();
export type SocialConfig = z.infer<typeof socialSchema>;
