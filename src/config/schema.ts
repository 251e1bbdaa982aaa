import { isIP } from 'node:net';
import { z } from 'zod';
import { duration, tierName } from './duration.js';
import { CONFIGURED_PLUGINS, unconfigurableKind } from '../sources/registry.js';

/**
 * Every configuration file's schema, declared once with its documentation and default.
 * README "Configuration" is generated from these descriptions and defaults (npm run docs:config,
 * src/config/docs.ts); environment overrides are declared in env-vars.ts.
 */

export { parseDuration } from './duration.js';

/**
 * What is wrong with a listen address (server.host, HOST), or undefined: an IPv4 or IPv6 address,
 * or a host name. "999.1.1.1" looks like an address but is none (start died on getaddrinfo).
 */
/** A queue prefix, from queue.yaml or QUEUE_PREFIX: it becomes part of every Redis key. */
export const QUEUE_PREFIX_PATTERN = /^[A-Za-z0-9_.:-]+$/;
export const QUEUE_PREFIX_RULE = 'letters, digits and _ . : - only';

export function hostProblem(host: string): string | undefined {
  if (isIP(host)) return undefined;
  // "localhost:8080" or "0.0.0.0:80": the port has a key (and a variable) of its own.
  if (/^[^:]*[^:\d][^:]*:\d+$|^[\d.]+:\d+$/.test(host)) return `not an address or host name: "${host}" (the port goes in PORT or server.port)`;
  if (/^[\d.]+$/.test(host)) return `not an IPv4 address: "${host}"`;
  if (host.includes(':')) return `not an IPv6 address: "${host}"`;
  const label = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
  if (host.length > 253 || !host.split('.').every((l) => label.test(l))) return `not an address or host name: "${host}"`;
  return undefined;
}

export const serverSchema = z
  .object({
    host: z
      .string()
      .refine((h) => hostProblem(h) === undefined, { error: (i) => hostProblem(String(i.input)) })
      .default('127.0.0.1')
      .describe('Address the HTTP server listens on (env HOST).'),
    port: z.number().int().min(0).max(65535).default(8080).describe('HTTP port (env PORT).'),
    trust_proxy: z.boolean().default(false).describe('Trust X-Forwarded-* from a load balancer.'),
    public_url: z
      .url({ protocol: /^https?$/ })
      .nullable()
      .default(null)
      .describe('How others reach this API (links in webhook messages); default http://host:port (env PUBLIC_URL).'),
    request_log: z.boolean().default(true).describe('Log one structured line per request.'),
    auth: z
      .object({
        anonymous_read: z.boolean().default(false).describe('Allow reads of the API and stream without a key (local demo only).'),
      })
      .strict()
      .default({ anonymous_read: false }),
    cors: z
      .object({
        report_origins: z
          .array(z.string().regex(/^https?:\/\/[^/\s?#]+$/, 'an origin such as https://support.example.com (scheme and host, no path)'))
          .default([])
          .describe(
            'Web origins whose pages may send POST /api/v1/reports from a browser (a customer-facing report form with a reporter key); empty: none. No other route answers another origin.',
          ),
      })
      .strict()
      .default({ report_origins: [] }),
  })
  .strict();

export const storageSchema = z
  .object({
    data_dir: z.string().default('./data').describe('Folder for the embedded database and a child Redis (env DATA_DIR).'),
    database_url: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
      .nullable()
      .default(null)
      .describe('PostgreSQL URL; when null the embedded PGlite in data_dir is used (env DATABASE_URL).'),
  })
  .strict();

export const queueSchema = z
  .object({
    redis_url: z
      .string()
      .regex(/^rediss?:\/\//, 'a redis:// URL')
      .nullable()
      .default(null)
      .describe('Redis URL (env REDIS_URL); null: 127.0.0.1:6379, else a child redis-server.'),
    prefix: z.string().regex(QUEUE_PREFIX_PATTERN, QUEUE_PREFIX_RULE).default('outage-radar').describe('Key prefix for queues and locks (env QUEUE_PREFIX).'),
    concurrency: z
      .object({
        ingest: z.number().int().min(1).max(64).default(4).describe('Polls at once.'),
        analyze: z.number().int().min(1).max(64).default(4).describe('Posts scored at once.'),
        correlate: z.number().int().min(1).max(16).default(1).describe('Signals correlated at once.'),
        deliver: z.number().int().min(1).max(64).default(4).describe('Incident changes delivered at once.'),
      })
      .strict()
      .default({ ingest: 4, analyze: 4, correlate: 1, deliver: 4 })
      .describe('Jobs each worker process runs at once, per stage.'),
    max_items_per_poll: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(500)
      .describe('Most items not stored yet that one poll of one source may store (the newest are kept; the source is flagged when cut).'),
  })
  .strict();

export const trustSchema = z
  .object({
    tiers: z.record(tierName, z.number().min(0).max(1)).describe('Weight of each trust tier in [0, 1]; the standard tier names must be present.'),
    authors: z
      .array(
        z
          .object({
            author: z.string().min(1).describe('Author as posts name it (X username, Mastodon acct, feed author).'),
            tier: tierName.optional().describe('The tier of their posts.'),
            weight: z.number().min(0).max(1).optional().describe('A fixed weight in [0, 1] instead.'),
          })
          .strict(),
      )
      .default([])
      .describe('Per-author overrides: a tier, or a fixed weight.'),
  })
  .strict();

export const networkSchema = z
  .object({
    allow_private: z
      .array(z.string().regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, 'a CIDR such as 10.1.2.0/24'))
      .default([])
      .describe(
        'Private or loopback ranges that sources and webhooks may reach (on-premises status pages, receivers). Everything non-public is refused otherwise.',
      ),
    per_host_concurrency: z.number().int().min(1).max(16).default(2).describe('Concurrent requests per host.'),
    max_body_bytes: z
      .number()
      .int()
      .min(1024)
      .default(5 * 1024 * 1024)
      .describe('Cap on a fetched document after decompression.'),
    connect_timeout: duration.default(10_000).describe('Connect timeout per hop.'),
    request_timeout: duration.default(20_000).describe('Whole-request timeout.'),
  })
  .strict();
export type NetworkConfig = z.infer<typeof networkSchema>;

export { socialSchema, type SocialConfig } from './social-schema.js';

/**
 * One sources.yaml entry: the union of the configured plugins' schemas, by kind (the source
 * registry). A kind no plugin claims is refused with the kinds there are.
 */
function kindOf(entry: unknown): unknown {
  return typeof entry === 'object' && entry !== null ? (entry as { kind?: unknown }).kind : undefined;
}

type ConfigSchema = (typeof CONFIGURED_PLUGINS)[number]['configSchema'];
export const sourceSchema = z.discriminatedUnion(
  'kind',
  // The registry has at least one configured plugin; zod wants that said as a non-empty tuple.
  CONFIGURED_PLUGINS.map((p) => p.configSchema) as [ConfigSchema, ...ConfigSchema[]],
  { error: (iss) => (iss.code === 'invalid_union' ? unconfigurableKind(kindOf(iss.input)) : undefined) },
);
export type SourceConfig = z.infer<typeof sourceSchema>;

/** A catalog page's interval while its provider is quiet: 5 minutes, as commercial status aggregators poll. */
export const DEFAULT_CATALOG_INTERVAL_MS = 300_000;

const providerId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a provider id from providers/');

/**
 * Which catalog providers' status pages are watched without a sources.yaml entry of their own
 * (src/config/catalog-sources.ts). Without this key nothing comes from the catalog, so a
 * sources.yaml written for one purpose keeps its meaning; the shipped file says `watch: all`.
 */
export const catalogWatchSchema = z
  .object({
    watch: z
      .union([z.enum(['all', 'none']), z.array(providerId)], {
        // zod's own word for a union that fails is "Invalid input", which named none of the three forms.
        error: (iss) =>
          iss.code === 'invalid_union'
            ? Array.isArray(iss.input)
              ? 'a list of provider ids from providers/ (lower-case, such as github)'
              : `all, none or a list of provider ids, not ${JSON.stringify(iss.input)}`
            : undefined,
      })
      .default('none')
      .describe('all: every provider with a status page; none; or a list of provider ids. Each page is source `<provider>-status`.'),
    exclude: z.array(providerId).default([]).describe('Provider ids whose page is not watched (after watch).'),
    interval: duration.default(DEFAULT_CATALOG_INTERVAL_MS).describe('Time between polls of a catalog page while its provider is quiet.'),
  })
  .strict()
  .default({ watch: 'none', exclude: [], interval: DEFAULT_CATALOG_INTERVAL_MS });
export type CatalogWatchConfig = z.infer<typeof catalogWatchSchema>;

export const pollingSchema = z
  .object({
    busy_interval: duration
      .default(60_000)
      .describe('While a provider has a suspected or open incident or a burst of complaints, its pages are polled at least this often.'),
  })
  .strict()
  .default({ busy_interval: 60_000 });
export type PollingConfig = z.infer<typeof pollingSchema>;

export const sourcesSchema = z
  .object({
    catalog: catalogWatchSchema.describe('Status pages watched from the providers catalog.'),
    polling: pollingSchema.describe('How polling adapts to what is happening.'),
    sources: z
      .array(sourceSchema)
      .default([])
      .describe(
        'What to watch: polled documents and streams. An entry whose id is a catalog source (`<provider>-status`) changes that source and may give only the keys it changes (`enabled: false`, `interval`, `url`).',
      ),
  })
  .strict();

export const impactSchema = z
  .object({
    features: z
      .array(
        z
          .object({
            id: z
              .string()
              .regex(/^[a-z0-9][a-z0-9-]*$/)
              .describe('Unique id of the feature.'),
            name: z.string().min(1).describe('How support staff call the feature ("File uploads").'),
            depends_on: z
              .array(
                z
                  .object({
                    provider: z.string().min(1).describe('Catalog id of the provider.'),
                    components: z.array(z.string()).default([]).describe('Empty: any component of the provider.'),
                    regions: z.array(z.string()).default([]).describe('Empty: any region.'),
                  })
                  .strict(),
              )
              .min(1)
              .describe('Which provider components and regions the feature depends on.'),
          })
          .strict(),
      )
      .default([])
      .describe('Which of our features depend on which provider components.'),
  })
  .strict();

export type ServerConfig = z.infer<typeof serverSchema>;
export type StorageConfig = z.infer<typeof storageSchema>;
export type QueueConfig = z.infer<typeof queueSchema>;
export type TrustConfig = z.infer<typeof trustSchema>;
export type ImpactConfig = z.infer<typeof impactSchema>;
