import type { Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { htmlToText } from '../../text.js';
import { ensureUniqueIds, parseError, resolveProvider } from '../../kit/official.js';
import { parseXml, xmlChild, xmlList, xmlText } from '../../kit/xml.js';
import type { DocumentPlugin } from '../../plugin.js';
import { DEFAULT_POLL_INTERVAL_MS, documentSourceSchema } from '../../kit/source-config.js';
import { documentOnHost } from '../../kit/document-url.js';
import { atomLink, entryPost, readEntry } from './entries.js';

/** A sources.yaml entry of this kind: the common keys, an http(s) url and an interval. */
const configSchema = documentSourceSchema('hund', DEFAULT_POLL_INTERVAL_MS);

/** "Bitwarden Status" → "Bitwarden". */
function pageName(title: string | null): string | null {
  const t = htmlToText(title)
    .replace(/\s+Status$/i, '')
    .trim();
  return t || null;
}

/**
 * Hund.io status pages: the public Atom state feed every page serves at `/state_feed/feed`
 * (Hund's JSON API v1 needs the owner's key). One post per issue entry, its label in our words.
 */
export const plugin = {
  kind: 'hund',
  mode: 'polled',
  fetch: 'document',
  defaultInterval: DEFAULT_POLL_INTERVAL_MS,
  configSchema,
  description: 'Hund.io status pages: the public Atom state feed, one post per issue ([Label] title → status)',
  documents: ['state_feed/feed (Atom)'],
  // The catalog names a Hund page by its address; its feed is /state_feed/feed on that host.
  documentUrl: (page: string) => documentOnHost(page, (path) => path.includes('/state_feed/'), '/state_feed/feed'),
  async parse(doc: string, ctx: ParseContext): Promise<Post[]> {
    const root = parseXml(doc, ctx);
    const feed = root.feed;
    if (feed === undefined || typeof feed !== 'object') throw parseError(ctx, 'not a Hund state feed: expected an Atom <feed> (the page’s /state_feed/feed)');
    const author = pageName(xmlText(xmlChild(feed, 'title')));
    const provider = resolveProvider(ctx, { url: atomLink(feed), name: author });
    const entries = xmlList(feed, 'entry').map((e, i) => readEntry(e, i, ctx));
    return ensureUniqueIds(entries.map((e, i) => entryPost(e, i, author, provider, ctx)));
  },
} satisfies DocumentPlugin<'hund', typeof configSchema>;
