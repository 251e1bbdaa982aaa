import type { Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { ensureUniqueIds, isRecord, parseError, parseJson, resolveProvider, validate } from '../../kit/official.js';
import type { PolledPlugin } from '../../plugin.js';
import { DEFAULT_POLL_INTERVAL_MS, documentSourceSchema } from '../../kit/source-config.js';
import { ALGOLIA_PAGE, clusterPosts } from './incidents.js';
import { documentSchema } from './schema.js';

const KIND = 'Monitoring API (Algolia) incidents';

/** A sources.yaml entry of this kind: the common keys, an http(s) url and an interval. */
const configSchema = documentSourceSchema('algolia-status', DEFAULT_POLL_INTERVAL_MS);

/** Algolia's own status API (the Monitoring API at status.algolia.com): incidents per cluster. */
export const plugin = {
  kind: 'algolia-status',
  mode: 'polled',
  fetch: 'document',
  defaultInterval: DEFAULT_POLL_INTERVAL_MS,
  configSchema,
  description: 'Algolia status (Monitoring API): incidents per cluster',
  documents: ['1/incidents', '1/incidents/{clusters}'],
  async parse(doc: string, ctx: ParseContext): Promise<Post[]> {
    const value = parseJson(doc, ctx, KIND);
    if (!isRecord(value) || !isRecord(value.incidents))
      throw parseError(ctx, `not a ${KIND} document: expected an object with an "incidents" object keyed by cluster`);
    const parsed = validate(documentSchema, value, ctx, KIND);
    const provider = resolveProvider(ctx, { url: ALGOLIA_PAGE, name: 'Algolia' });
    return ensureUniqueIds(Object.entries(parsed.incidents).flatMap(([cluster, entries]) => clusterPosts(cluster, entries, provider, ctx)));
  },
} satisfies PolledPlugin<'algolia-status', typeof configSchema>;
