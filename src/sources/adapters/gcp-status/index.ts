import { ParseError, type SourceAdapter } from '../../adapter.js';

// Placeholder until the real adapter lands.
export const adapter: SourceAdapter = {
  kind: 'gcp-status',
  description: 'gcp-status documents',
  documents: [],
  async parse() {
    throw new ParseError('the gcp-status adapter is not implemented yet');
  },
};
