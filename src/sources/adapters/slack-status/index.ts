import { ParseError, type SourceAdapter } from '../../adapter.js';

// Placeholder until the real adapter lands.
export const adapter: SourceAdapter = {
  kind: 'slack-status',
  description: 'slack-status documents',
  documents: [],
  async parse() {
    throw new ParseError('the slack-status adapter is not implemented yet');
  },
};
