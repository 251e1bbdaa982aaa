import { ParseError, type SourceAdapter } from '../../adapter.js';

// Placeholder until the real adapter lands.
export const adapter: SourceAdapter = {
  kind: 'bluesky',
  description: 'bluesky documents',
  documents: [],
  async parse() {
    throw new ParseError('the bluesky adapter is not implemented yet');
  },
};
