import { ParseError, type SourceAdapter } from '../../adapter.js';

// Placeholder until the real adapter lands.
export const adapter: SourceAdapter = {
  kind: 'twitter',
  description: 'twitter documents',
  documents: [],
  async parse() {
    throw new ParseError('the twitter adapter is not implemented yet');
  },
};
