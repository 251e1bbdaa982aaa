import { ParseError, type SourceAdapter } from '../../adapter.js';

// Placeholder until the real adapter lands.
export const adapter: SourceAdapter = {
  kind: 'mastodon',
  description: 'mastodon documents',
  documents: [],
  async parse() {
    throw new ParseError('the mastodon adapter is not implemented yet');
  },
};
