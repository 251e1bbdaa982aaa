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
  })
  .strict()
  .refine((s) => Boolean(s.query) !== Boolean(s.user), { message: 'a twitter source has either query or user' });

/** One configured `twitter` source, as its reader is given it. */
export type TwitterSourceConfig = z.infer<typeof configSchema>;
