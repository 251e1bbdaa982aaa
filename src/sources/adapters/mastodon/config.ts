import { z } from 'zod';
import { duration } from '../../../config/duration.js';
import { DEFAULT_POLL_INTERVAL_MS, documentSourceSchema } from '../../kit/source-config.js';

/** How far before its cursor a Mastodon poll asks again (15 min; ../../live/mastodon/overlap.ts). */
export const DEFAULT_OVERLAP_MS = 15 * 60_000;

/**
 * A sources.yaml entry of this kind: the common keys, an http(s) url (a tag page, an account
 * page or an API timeline; with `hashtags`, the instance) and an interval.
 */
export const configSchema = documentSourceSchema('mastodon', DEFAULT_POLL_INTERVAL_MS).extend({
  hashtags: z
    .array(z.string().regex(/^[A-Za-z0-9_]+$/, 'a hashtag without #'))
    .default([])
    .describe("Hashtags read on the url's instance, five to a request (Mastodon's any[] takes four more than the path's tag)."),
  // A default, not optional: a key with a default keeps the kind addable at runtime
  // (src/config/runtime-source.ts), where a source has no sources.yaml entry to read it from.
  overlap: z
    .union([duration, z.literal(false)])
    .default(DEFAULT_OVERLAP_MS)
    .describe('Each poll reads again this far before its cursor, for statuses that federate late with an older id; read twice, stored once. false: never.'),
});

/** One configured `mastodon` source, as its reader is given it. */
export type MastodonSourceConfig = z.infer<typeof configSchema>;
