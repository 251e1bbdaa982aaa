import type { Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { ensureUniqueIds, isRecord, parseError, parseJson, resolveProvider, validate } from '../../kit/official.js';
import type { DocumentPlugin } from '../../plugin.js';
import { DEFAULT_POLL_INTERVAL_MS, documentSourceSchema } from '../../kit/source-config.js';
import { documentOnHost } from '../../kit/document-url.js';
import { ADYEN_PAGE, incidentPosts, maintenancePost } from './messages.js';
import { COLLECTIONS, documentSchema } from './schema.js';

const KIND = 'status.adyen.com messages';

/** A sources.yaml entry of this kind: the common keys, an http(s) url and an interval. */
const configSchema = documentSourceSchema('adyen-status', DEFAULT_POLL_INTERVAL_MS);

/**
 * status.adyen.com, Adyen's own status page: the JSON its front end loads, the active incident
 * messages (with their status updates) or the maintenance messages. One post per status update.
 */
export const plugin = {
  kind: 'adyen-status',
  mode: 'polled',
  fetch: 'document',
  defaultInterval: DEFAULT_POLL_INTERVAL_MS,
  configSchema,
  description: "Adyen's status page JSON: incident messages with their status updates, maintenance messages",
  documents: ['api/incident-messages/active', 'api/incident-messages', 'api/maintenance-messages/active'],
  // The catalog names the page by its address; its active incidents are /api/incident-messages/active.
  documentUrl: (page: string) => documentOnHost(page, (path) => path.startsWith('/api/'), '/api/incident-messages/active'),
  async parse(doc: string, ctx: ParseContext): Promise<Post[]> {
    const value = parseJson(doc, ctx, KIND);
    if (!isRecord(value) || !COLLECTIONS.some((k) => isRecord(value[k])))
      throw parseError(ctx, `not a ${KIND} document: expected an object with ${COLLECTIONS.join(' or ')} ({items: [...]})`);
    const parsed = validate(documentSchema, value, ctx, KIND);
    const provider = resolveProvider(ctx, { url: ADYEN_PAGE, name: 'Adyen' });
    return ensureUniqueIds([
      ...parsed.incidentMessageCollection.flatMap((inc, i) => incidentPosts(inc, i, provider, ctx)),
      ...parsed.maintenanceMessageCollection.map((m, i) => maintenancePost(m, i, provider, ctx)),
    ]);
  },
} satisfies DocumentPlugin<'adyen-status', typeof configSchema>;
