import type { Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { parseJson } from '../../kit/official.js';
import { parseIncidents } from './incidents.js';
import type { DocumentPlugin } from '../../plugin.js';
import { DEFAULT_POLL_INTERVAL_MS, documentSourceSchema } from '../../kit/source-config.js';
import { documentOnHost, hasExtension } from '../../kit/document-url.js';

/** A sources.yaml entry of this kind: the common keys, an http(s) url and an interval. */
const configSchema = documentSourceSchema('gcp-status', DEFAULT_POLL_INTERVAL_MS);

/** Google Cloud status: incidents.json. */
export const plugin = {
  kind: 'gcp-status',
  mode: 'polled',
  fetch: 'document',
  defaultInterval: DEFAULT_POLL_INTERVAL_MS,
  configSchema,
  description: 'Google Cloud status incidents.json',
  documents: ['incidents.json'],
  documentUrl: (page: string) => documentOnHost(page, (path) => hasExtension(path, ['json']), '/incidents.json'),
  async parse(doc: string, ctx: ParseContext): Promise<Post[]> {
    return parseIncidents(parseJson(doc, ctx, 'Google Cloud incidents.json'), ctx);
  },
} satisfies DocumentPlugin<'gcp-status', typeof configSchema>;
