import { ParseError, type SourceAdapter } from '../../adapter.js';

// Placeholder until the real adapter lands.
export const adapter: SourceAdapter = {
  kind: 'statuspage',
  description: 'statuspage documents',
  documents: [],
  async parse() {
    throw new ParseError('the statuspage adapter is not implemented yet');
  },
};
