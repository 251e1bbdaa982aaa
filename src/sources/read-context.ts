import type { Redis } from 'ioredis';
import type { SocialConfig } from '../config/social-schema.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { Metrics } from '../core/metrics.js';
import type { Db } from '../store/db.js';
import type { ProviderHint } from './adapter.js';

/**
 * What a source's reader is given of the app: the parts of the AppContext it uses, the
 * configuration narrowed to what readers read. The AppContext fits it as it is; it is declared
 * here, not imported, because the configuration's type is built from the source plugins, which
 * hold the readers: importing it would be an import cycle.
 */
export interface ReadContext {
  db: Db;
  /** Locks that keep one consumer per stream across processes. */
  redis: Redis;
  queues: { readonly prefix: string };
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  config: ReaderConfig;
}

export interface ReaderConfig {
  catalog: CatalogView;
  /** Every configured source (ids and kinds; a reader finds its own entry among them). */
  sources: ReadonlyArray<{ readonly id: string; readonly kind: string; readonly enabled: boolean }>;
  social: SocialConfig;
  secrets: { xBearerToken: string | null; xApiBaseUrl: string | null };
  network: { request_timeout: number; max_body_bytes: number };
  /** The impact map's providers come first where a plan limits how many can be named. */
  impact: { features: ReadonlyArray<{ depends_on: ReadonlyArray<{ provider: string }> }> };
}

/** The providers catalog as readers see it (src/config/catalog.ts is the one implementation). */
export interface CatalogView {
  readonly providers: readonly CatalogProvider[];
  resolve(hint: ProviderHint): string | null;
}

/** What readers know of a catalog provider: how it is named, and where it speaks. */
export interface CatalogProvider {
  id: string;
  name: string;
  aliases: readonly string[];
  accounts: { x: readonly string[]; bluesky: readonly string[]; mastodon: readonly string[] };
  hashtags: readonly string[];
}
