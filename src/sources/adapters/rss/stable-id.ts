/**
 * Stable ids for feed items, in miniflux's order (internal/reader/rss/adapter.go): a hash of the
 * GUID (Atom id, RSS 1.0 rdf:about), else of the link, else of title + content. Hashing keeps
 * ids short and free of characters that would need escaping in URLs and keys.
 */
import { createHash } from 'node:crypto';
import type { Feed, FeedItem } from './feed.js';

const hash = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 32);

/**
 * A GUID that is a URI (a URL, `tag:`, `urn:`) is unique on its own; a bare one ("12345") is
 * unique only within its feed, so it is qualified with the feed's link (or title), or two
 * feeds numbering their items alike would collide in the store.
 */
function scopedGuid(guid: string, feed: Feed): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(guid)) return guid;
  return `${feed.link ?? feed.title ?? ''}\n${guid}`;
}

/** Links that more than one item of the feed uses (status feeds often link every item to the page). */
export function sharedLinks(feed: Feed): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const item of feed.items) {
    const link = item.link?.trim();
    if (!link) continue;
    if (seen.has(link)) shared.add(link);
    seen.add(link);
  }
  return shared;
}

export function itemId(item: FeedItem, feed: Feed, shared: Set<string>): string {
  const guid = (item.guid ?? item.id ?? item.about)?.trim();
  if (guid) return 'rss:' + hash(scopedGuid(guid, feed));
  const link = item.link?.trim();
  // A link shared by several items identifies none of them: they would all get one id and
  // the store would keep only the first.
  if (link && !shared.has(link)) return 'rss:' + hash(link);
  return 'rss:' + hash(`${link ?? ''}\n${item.title ?? ''}\n${item.encoded ?? item.content ?? item.summary ?? ''}`);
}
