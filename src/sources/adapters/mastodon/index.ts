import type { Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { readMastodonSource } from '../../live/mastodon/poller.js';
import type { ApiPlugin } from '../../plugin.js';
import { DEFAULT_POLL_INTERVAL_MS } from '../../kit/source-config.js';
import { configSchema } from './config.js';
import { parseStatuses } from './parse.js';

/** Mastodon: hashtag and account timelines read through the API with since_id. */
export const plugin = {
  kind: 'mastodon',
  mode: 'polled',
  fetch: readMastodonSource,
  defaultInterval: DEFAULT_POLL_INTERVAL_MS,
  configSchema,
  description: 'Mastodon statuses: an /api/v1/timelines/... array, single statuses, or JSON Lines of them',
  documents: ['statuses array (/api/v1/timelines/public, /tag/:tag, /accounts/:id/statuses)', 'a single status', 'JSON Lines of statuses'],
  async parse(doc: string, ctx: ParseContext): Promise<Post[]> {
    return parseStatuses(doc, ctx);
  },
} satisfies ApiPlugin<'mastodon', typeof configSchema>;
