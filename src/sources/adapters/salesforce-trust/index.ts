import type { Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { ensureUniqueIds, parseError, parseJson, resolveProvider, validate } from '../../kit/official.js';
import type { PolledPlugin } from '../../plugin.js';
import { DEFAULT_POLL_INTERVAL_MS, documentSourceSchema } from '../../kit/source-config.js';
import { incidentPosts, TRUST_PAGE } from './incidents.js';
import { documentSchema } from './schema.js';

const KIND = 'Salesforce Trust incidents';

/** A sources.yaml entry of this kind: the common keys, an http(s) url and an interval. */
const configSchema = documentSourceSchema('salesforce-trust', DEFAULT_POLL_INTERVAL_MS);

/** Salesforce Trust status API v1: `/v1/incidents` and `/v1/incidents/active`. */
export const plugin = {
  kind: 'salesforce-trust',
  mode: 'polled',
  fetch: 'document',
  defaultInterval: DEFAULT_POLL_INTERVAL_MS,
  configSchema,
  description: 'Salesforce Trust status API v1: incidents, incidents/active',
  documents: ['v1/incidents', 'v1/incidents/active'],
  async parse(doc: string, ctx: ParseContext): Promise<Post[]> {
    const value = parseJson(doc, ctx, KIND);
    if (!Array.isArray(value)) throw parseError(ctx, `not a ${KIND} document: expected a JSON array of incidents`);
    const incidents = validate(documentSchema, value, ctx, KIND);
    const provider = resolveProvider(ctx, { url: TRUST_PAGE, name: 'Salesforce' });
    return ensureUniqueIds(incidents.flatMap((inc) => incidentPosts(inc, provider, ctx)));
  },
} satisfies PolledPlugin<'salesforce-trust', typeof configSchema>;
