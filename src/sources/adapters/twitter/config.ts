import { z } from 'zod';
import { duration } from '../../../config/duration.js';
import { DEFAULT_POLL_INTERVAL_MS, sourceBase } from '../../kit/source-config.js';

/** A sources.yaml entry of this kind: a recent-search query or one account's timeline, not both. */
export const configSchema = z
  .object({
    ...sourceBase,
    kind: z.literal('twitter'),
    query: z.string().min(1).optional().describe('An X recent-search query (or user).'),
    user: z
      .string()
      .regex(/^[A-Za-z0-9_]{1,15}$/)
      .optional()
      .describe('An account whose timeline is read (or query).'),
    interval: duration.default(DEFAULT_POLL_INTERVAL_MS).describe('Time between polls.'),
    incident_queries: z
      .boolean()
      .default(false)
      .describe(
        "Read each catalog provider's own query while one of its incidents is suspected or open; `query` is then a sparse sample read while all is quiet.",
      ),
    sample_every: duration.optional().describe('With incident_queries: time between samples while all is quiet (default: interval).'),
    max_providers: z.number().int().min(1).max(20).default(5).describe('With incident_queries: providers read per poll, most recently changed first.'),
  })
  .strict()
  .refine((s) => Boolean(s.query) !== Boolean(s.user), { message: 'a twitter source has either query or user' })
  .refine((s) => !s.incident_queries || Boolean(s.query), { message: 'incident_queries needs a query: the sample read while all is quiet' });

/** One configured `twitter` source, as its reader is given it. */
export type TwitterSourceConfig = z.infer<typeof configSchema>;
