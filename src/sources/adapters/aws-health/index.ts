import { ParseError, type SourceAdapter } from '../../adapter.js';

// Placeholder until the real adapter lands.
export const adapter: SourceAdapter = {
  kind: 'aws-health',
  description: 'aws-health documents',
  documents: [],
  async parse() {
    throw new ParseError('the aws-health adapter is not implemented yet');
  },
};
