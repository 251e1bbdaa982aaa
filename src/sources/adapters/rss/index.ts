import { ParseError, type SourceAdapter } from '../../adapter.js';

// Placeholder until the real adapter lands.
export const adapter: SourceAdapter = {
  kind: 'rss',
  description: 'rss documents',
  documents: [],
  async parse() {
    throw new ParseError('the rss adapter is not implemented yet');
  },
};
