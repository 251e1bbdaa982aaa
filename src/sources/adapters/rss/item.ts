/**
 * One feed item → one news post. Who wrote it, what it says and when, with the fallbacks
 * feeds need: many items carry no author, some no date, and bridge feeds name the page only
 * in the channel.
 */
import type { Post } from '../../../domain/post.js';
import { htmlToText, toIso } from '../../text.js';
import { stripBoilerplate, type Bridge } from './bridges.js';
import type { Feed, FeedItem } from './feed.js';
import { httpUrl } from '../../../domain/web-link.js';
import { itemId } from './stable-id.js';

/** What every item of one feed shares, worked out once per document. */
export interface FeedFacts {
  feed: Feed;
  bridge: Bridge | null;
  /** The channel as an author: a Facebook page name, the feed's own author, or its title. */
  channelAuthor: string | null;
  /** Catalog id from the channel, else the configured source's provider. */
  provider: string | null;
  /** Date for items that have none. */
  fallbackDate: string;
  /** What fallbackDate is, for the warning about an item whose date cannot be read. */
  fallbackWhat: string;
  /** Told of an item kept with fallbackDate because its own date cannot be read (`ctx.skipped`). */
  warn?(problem: string): void;
  /** Links used by several items, which cannot serve as ids. */
  sharedLinks: Set<string>;
}

/** "noc@example.com (Jane Doe)" → "Jane Doe"; a bare address stays as it is. */
export function personName(raw: string | undefined): string | null {
  if (!raw) return null;
  const plain = htmlToText(raw);
  const named = /^\S+@\S+\s*\((.+)\)$/.exec(plain);
  const name = (named ? named[1]! : plain).trim();
  return name || null;
}

/** The item's fullest body, as the feed wrote it (HTML). */
export function body(item: FeedItem): string | undefined {
  // content:encoded is the full article where a feed has both it and a short description.
  for (const c of [item.encoded, item.content, item.summary]) if (c && c.trim()) return c;
  return undefined;
}

/**
 * The date as written, not rss-parser's isoDate: that reads it in the host's zone, gives up on
 * CEST or JST, and rolls 31 Feb over into March. An undated item takes the feed's date (else the
 * read time) quietly; an item whose written date cannot be read takes it too, with a warning, so
 * that a whole feed dated "now" does not pass unnoticed.
 */
function publishedAt(item: FeedItem, facts: FeedFacts, index: number, title: string | null): string {
  const written = item.pubDate?.trim() || item.a10Updated?.trim();
  const read = written ? toIso(written) : toIso(item.isoDate);
  if (read) return read;
  if (written) {
    const which = `item ${index + 1}${title ? ` (${JSON.stringify(title.slice(0, 60))})` : ''}`;
    facts.warn?.(`${which}: its date ${JSON.stringify(written.slice(0, 60))} cannot be read; it is dated ${facts.fallbackDate} (${facts.fallbackWhat})`);
  }
  return facts.fallbackDate;
}

export function itemToPost(item: FeedItem, facts: FeedFacts, index: number): Post {
  const title = htmlToText(item.title) || null;
  const text = stripBoilerplate(htmlToText(body(item)), facts.bridge) || title || '';
  return {
    id: itemId(item, facts.feed, facts.sharedLinks),
    kind: 'news',
    source_kind: 'rss',
    provider: facts.provider,
    author: personName(item.creator) ?? personName(item.author) ?? personName(item.a10Author) ?? facts.channelAuthor,
    // RSS 2.0 guids are permalinks by default: the link of last resort.
    url: httpUrl(item.link ?? item.a10Link, facts.feed.link) ?? httpUrl(item.guid),
    published_at: publishedAt(item, facts, index, title),
    title,
    text,
    incident: null,
  };
}
