import { z } from 'zod';
import { duration, tierName } from '../../config/duration.js';

/**
 * The keys every sources.yaml entry has, whatever its kind; each plugin's configSchema spreads
 * them and adds its own (sources.yaml, README "Configuration").
 */
export const sourceBase = {
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash, underscore')
    .describe('Unique id of the source.'),
  provider: z.string().nullable().default(null).describe('Catalog id the source is about; null for general sources.'),
  trust: tierName.describe('Trust tier of the posts this source yields.'),
  enabled: z.boolean().default(true).describe('false: configured but not read.'),
};

/** How often a polled source is read when it gives no `interval`. */
export const DEFAULT_POLL_INTERVAL_MS = 60_000;

/** The sources.yaml entry of a kind polled as one document at an http(s) url. */
export function documentSourceSchema<K extends string>(kind: K, defaultInterval: number) {
  return z
    .object({
      ...sourceBase,
      kind: z.literal(kind),
      url: z.url({ protocol: /^https?$/ }).describe('The document to poll.'),
      interval: duration.default(defaultInterval).describe('Time between polls.'),
    })
    .strict();
}
