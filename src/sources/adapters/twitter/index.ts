import type { Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { readXSource, startXBackground } from '../../live/x/reader.js';
import type { ApiPlugin } from '../../plugin.js';
import { DEFAULT_POLL_INTERVAL_MS } from '../../kit/source-config.js';
import { configSchema } from './config.js';
import { parseXDocument } from './response.js';

export { responsePostsOf } from './response.js';

/** X: recent searches and account timelines through the API v2 from a since_id cursor, and the filtered stream. */
export const plugin = {
  kind: 'twitter',
  mode: 'polled',
  fetch: readXSource,
  background: startXBackground,
  defaultInterval: DEFAULT_POLL_INTERVAL_MS,
  configSchema,
  description: 'X API v2 responses (data, includes.users, meta), one document or JSON Lines of them',
  documents: [
    'X API v2 response: search/recent, search/all, users/:id/tweets, tweets, tweets/:id, filtered stream',
    'JSON Lines of X API v2 responses',
    'replay scenario post lines: tweet objects with an inline author',
  ],
  async parse(doc: string, ctx: ParseContext): Promise<Post[]> {
    return parseXDocument(doc, ctx);
  },
} satisfies ApiPlugin<'twitter', typeof configSchema>;
