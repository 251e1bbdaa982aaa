import type { Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { connectJetstream } from '../../live/bluesky/connect.js';
import type { StreamedPlugin } from '../../plugin.js';
import { configSchema } from './config.js';
import { parseJetstream } from './parse.js';

/** Bluesky through Jetstream: one WebSocket consumer per enabled source, keeping the posts that name its keywords. */
export const plugin = {
  kind: 'bluesky',
  mode: 'streamed',
  connect: connectJetstream,
  defaultInterval: null,
  configSchema,
  description: 'Bluesky Jetstream events, JSON Lines; creates of app.bsky.feed.post become posts',
  documents: ['Jetstream events, JSON Lines (commit, identity and account events)'],
  async parse(doc: string, ctx: ParseContext): Promise<Post[]> {
    return parseJetstream(doc, ctx);
  },
} satisfies StreamedPlugin<'bluesky', typeof configSchema>;
