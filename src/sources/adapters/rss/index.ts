/**
 * Any RSS 2.0, RSS 1.0 (RDF) or Atom feed: news sites, Reddit, status feeds without their own
 * adapter (Azure, Microsoft 365, status.io pages), Facebook pages through RSS bridges. One news
 * post per item, in feed order; from a source trusted `official` (the provider's status page),
 * an item whose words say where an incident stands is an official update (official-item.ts).
 */
import type { Post } from '../../../domain/post.js';
import { readAtOf, type ParseContext } from '../../adapter.js';
import { htmlToText, toIso } from '../../text.js';
import { detectBridge, isFacebookPage, pageName } from './bridges.js';
import { parseFeed, type Feed } from './feed.js';
import { itemToPost, personName, type FeedFacts } from './item.js';
import { withOfficialFacts } from './official-item.js';
import { sharedLinks } from './stable-id.js';
import type { DocumentPlugin } from '../../plugin.js';
import { DEFAULT_POLL_INTERVAL_MS, documentSourceSchema } from '../../kit/source-config.js';

function feedFacts(feed: Feed, ctx: ParseContext): FeedFacts {
  const bridge = detectBridge(feed);
  const title = htmlToText(feed.title) || null;
  // A Facebook page's feed is the page speaking: its name is the author of every item.
  const page = title && (bridge || isFacebookPage(feed)) ? pageName(title) || null : null;
  const channelAuthor = page ?? personName(feed.author) ?? title;
  const provider = ctx.resolveProvider({ url: feed.link ?? null, name: page ?? title }) ?? ctx.provider ?? null;
  // An undated item gets the feed's date, else the time it was read (miniflux does the same):
  // the id stays stable either way, only the time is approximate.
  const feedDate = feed.date?.trim() ? toIso(feed.date.trim()) : null;
  const warn = ctx.skipped?.bind(ctx);
  if (feed.date?.trim() && !feedDate) warn?.(`the feed's date ${JSON.stringify(feed.date.trim().slice(0, 60))} cannot be read`);
  const fallbackDate = feedDate ?? readAtOf(ctx);
  const fallbackWhat = feedDate ? "the feed's date" : 'when the document was read';
  return { feed, bridge, channelAuthor, provider, fallbackDate, fallbackWhat, warn, sharedLinks: sharedLinks(feed) };
}

/** A sources.yaml entry of this kind: the common keys, an http(s) url and an interval. */
const configSchema = documentSourceSchema('rss', DEFAULT_POLL_INTERVAL_MS);

export const plugin = {
  kind: 'rss',
  mode: 'polled',
  fetch: 'document',
  defaultInterval: DEFAULT_POLL_INTERVAL_MS,
  configSchema,
  description: 'RSS 2.0, RSS 1.0 (RDF) and Atom feeds: news, Reddit, status feeds, Facebook pages via RSS bridges',
  documents: ['RSS 2.0 / 0.9x feed', 'RSS 1.0 (RDF) feed', 'Atom feed', 'Facebook page through RSSHub /facebook/page/:id, FetchRSS or RSS.app'],
  async parse(doc: string, ctx: ParseContext): Promise<Post[]> {
    const feed = await parseFeed(doc);
    const facts = feedFacts(feed, ctx);
    // A feed from the provider's own status page speaks of its incidents in its own words.
    if (ctx.official) return feed.items.map((item, i) => withOfficialFacts(itemToPost(item, facts, i), item, facts));
    return feed.items.map((item, i) => itemToPost(item, facts, i));
  },
} satisfies DocumentPlugin<'rss', typeof configSchema>;
