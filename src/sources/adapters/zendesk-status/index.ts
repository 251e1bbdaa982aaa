import type { Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { ensureUniqueIds, isRecord, parseError, parseJson, resolveProvider, validate } from '../../kit/official.js';
import type { PolledPlugin } from '../../plugin.js';
import { DEFAULT_POLL_INTERVAL_MS, documentSourceSchema } from '../../kit/source-config.js';
import { incidentPosts, ZENDESK_PAGE } from './incidents.js';
import { documentSchema, type ZendeskIncluded } from './schema.js';

const KIND = 'Zendesk status incidents';

/** A sources.yaml entry of this kind: the common keys, an http(s) url and an interval. */
const configSchema = documentSourceSchema('zendesk-status', DEFAULT_POLL_INTERVAL_MS);

/** Zendesk's own status page API (not Statuspage): `/api/ssp/incidents.json`. */
export const plugin = {
  kind: 'zendesk-status',
  mode: 'polled',
  fetch: 'document',
  defaultInterval: DEFAULT_POLL_INTERVAL_MS,
  configSchema,
  description: 'Zendesk status page API: ssp incidents (JSON:API)',
  documents: ['api/ssp/incidents.json'],
  async parse(doc: string, ctx: ParseContext): Promise<Post[]> {
    const value = parseJson(doc, ctx, KIND);
    if (!isRecord(value) || !Array.isArray(value.data))
      throw parseError(ctx, `not a ${KIND} document: expected a JSON:API object with a "data" array of incidents`);
    const parsed = validate(documentSchema, value, ctx, KIND);
    const included = new Map<string, ZendeskIncluded>(parsed.included.map((s) => [s.id, s]));
    const provider = resolveProvider(ctx, { url: ZENDESK_PAGE, name: 'Zendesk' });
    return ensureUniqueIds(parsed.data.flatMap((inc, i) => incidentPosts(inc, i, included, provider, ctx)));
  },
} satisfies PolledPlugin<'zendesk-status', typeof configSchema>;
