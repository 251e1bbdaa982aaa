import { z } from 'zod';
import { sourceBase } from '../../kit/source-config.js';

/** A sources.yaml entry of this kind: a Jetstream ws(s) url and the keywords a post must contain. */
export const configSchema = z
  .object({
    ...sourceBase,
    kind: z.literal('bluesky'),
    url: z.url({ protocol: /^wss?$/ }).describe('The Jetstream WebSocket.'),
    keywords: z.array(z.string()).default([]).describe('Words a post must contain; empty: every post.'),
  })
  .strict();

/** One configured `bluesky` source, as its consumer is given it. */
export type BlueskySourceConfig = z.infer<typeof configSchema>;
