import type { Post } from '../../../domain/post.js';
import type { ParseContext, SourceAdapter } from '../../adapter.js';
import { parseJson } from '../../kit/official.js';
import { parseIncidents } from './incidents.js';

/** Google Cloud status: incidents.json. */
export const adapter: SourceAdapter = {
  kind: 'gcp-status',
  description: 'Google Cloud status incidents.json',
  documents: ['incidents.json'],
  async parse(doc: string, ctx: ParseContext): Promise<Post[]> {
    return parseIncidents(parseJson(doc, ctx, 'Google Cloud incidents.json'), ctx);
  },
};
