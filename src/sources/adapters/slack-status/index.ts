import type { Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { ensureUniqueIds, isRecord, parseError, parseJson, resolveProvider, validate } from '../../kit/official.js';
import { incidentPosts } from './notes.js';
import { currentSchema, historySchema, type SlackIncident } from './schema.js';
import type { DocumentPlugin } from '../../plugin.js';
import { DEFAULT_POLL_INTERVAL_MS, documentSourceSchema } from '../../kit/source-config.js';
import { documentOnHost } from '../../kit/document-url.js';

const KIND = 'Slack status API v2';

/** The incidents name status.slack.com pages; the catalog knows Slack by name as well. */
function provider(ctx: ParseContext, incidents: SlackIncident[]): string | null {
  return resolveProvider(ctx, { url: incidents.find((i) => i.url)?.url ?? 'https://slack-status.com', name: 'Slack' });
}

/** A sources.yaml entry of this kind: the common keys, an http(s) url and an interval. */
const configSchema = documentSourceSchema('slack-status', DEFAULT_POLL_INTERVAL_MS);

/** Slack status API v2.0.0: `current` and `history`. */
export const plugin = {
  kind: 'slack-status',
  mode: 'polled',
  fetch: 'document',
  defaultInterval: DEFAULT_POLL_INTERVAL_MS,
  configSchema,
  description: 'Slack status API v2.0.0: current and history',
  documents: ['api/v2.0.0/current', 'api/v2.0.0/history'],
  documentUrl: (page: string) => documentOnHost(page, (path) => path.startsWith('/api/'), '/api/v2.0.0/current'),
  async parse(doc: string, ctx: ParseContext): Promise<Post[]> {
    const value = parseJson(doc, ctx, KIND);
    let incidents: SlackIncident[];
    if (Array.isArray(value)) incidents = validate(historySchema, value, ctx, `${KIND} history`);
    else if (isRecord(value) && 'status' in value) incidents = validate(currentSchema, value, ctx, `${KIND} current`).active_incidents;
    else throw parseError(ctx, `not a ${KIND} document: expected the current object (with status) or the history array`);
    const p = provider(ctx, incidents);
    return ensureUniqueIds(incidents.flatMap((inc) => incidentPosts(inc, p, ctx)));
  },
} satisfies DocumentPlugin<'slack-status', typeof configSchema>;
