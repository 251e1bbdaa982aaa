import { z } from 'zod';
import { duration } from '../../../config/duration.js';
import { sourceBase } from '../../kit/source-config.js';

/** A sources.yaml entry of this kind: a Jetstream ws(s) url and the keywords a post must contain. */
export const configSchema = z
  .object({
    ...sourceBase,
    kind: z.literal('bluesky'),
    url: z.url({ protocol: /^wss?$/ }).describe('The Jetstream WebSocket.'),
    keywords: z.array(z.string()).default([]).describe('Words a post must contain (one of them); empty: every post.'),
    outage_words: z.array(z.string()).default([]).describe('When not empty, a post must also contain one of these.'),
    accounts: z
      .array(z.string().min(3))
      .default([])
      .describe("Accounts (handles or DIDs) whose every post is kept, as the provider's own word (tier provider-account)."),
    silence_timeout: z
      .union([duration, z.literal(false)])
      .optional()
      .describe(
        'Reconnect from the cursor after this long without an event on an open connection (a stalled upstream); false: never. Default 60s, or never when the url names wantedDids.',
      ),
  })
  .strict();

/** One configured `bluesky` source, as its consumer is given it. */
export type BlueskySourceConfig = z.infer<typeof configSchema>;
