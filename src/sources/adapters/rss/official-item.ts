/**
 * A status feed read as the provider's own page (its source is trusted `official`): each item
 * whose words say where an incident stands becomes an official update, with the facts a
 * Statuspage update carries (status, the provider's word, maintenance, when it started and
 * ended), so the correlator confirms and ends incidents on it as it does for Statuspage. Items
 * that say nothing readable stay as they were: plain posts the classifier judges.
 */
import { createHash } from 'node:crypto';
import type { OfficialIncident, Post } from '../../../domain/post.js';
import { ENDED, rawIfDifferent } from '../../kit/official.js';
import { htmlToText } from '../../text.js';
import { declaredOffsetMinutes } from '../../kit/feed-times.js';
import type { FeedItem } from './feed.js';
import { body, type FeedFacts } from './item.js';
import { readStatus, type StatusReading } from './read-status.js';

const short = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 12);

/**
 * The provider's incident the item speaks of. A feed that writes one item per update puts the
 * status word in the title ("RESOLVED: API errors"), and the rest of the title names the
 * incident across its items; otherwise an item is one incident updated in place (status.io,
 * Statuspage history, Azure), named by its guid, else its link, else its title.
 */
function incidentId(item: FeedItem, facts: FeedFacts, r: StatusReading, title: string): string {
  if (r.titleWithoutWord) return r.titleWithoutWord;
  const guid = (item.guid ?? item.id ?? item.about)?.trim();
  if (guid) return guid;
  const link = item.link?.trim();
  if (link && !facts.sharedLinks.has(link)) return link;
  return title;
}

const iso = (t: number): string => new Date(t).toISOString();

/** The post with its official facts, or the post unchanged when the item says nothing readable. */
export function withOfficialFacts(post: Post, item: FeedItem, facts: FeedFacts): Post {
  const title = htmlToText(item.title);
  const itemDate = Date.parse(post.published_at);
  const r = readStatus({
    title,
    html: body(item) ?? '',
    link: item.link ?? null,
    status: item.status ?? null,
    date: Number.isFinite(itemDate) ? itemDate : null,
    dateOffset: declaredOffsetMinutes(item.pubDate),
  });
  // The page speaking, even when what it says is left to the classifier (cli.md: a status feed
  // configured as official gives official posts).
  if (!r) return { ...post, kind: 'official' };
  const published = r.latestAt ?? itemDate;
  const ended = ENDED.has(r.status);
  const incident: OfficialIncident = {
    id: incidentId(item, facts, r, title),
    status: r.status,
    ...rawIfDifferent(r.word, r.status),
    impact: r.impact,
    components: [],
    regions: [],
    started_at: r.startedAt === null ? null : iso(r.startedAt),
    resolved_at: ended ? iso(r.resolvedAt ?? published) : null,
  };
  return {
    ...post,
    // An item updated in place keeps its guid: each version it shows is a new update of the
    // incident, so the id says which version (the feed's date, the word and the text).
    id: `${post.id}:${short([item.pubDate ?? item.isoDate ?? '', r.word, title, post.text].join('\n'))}`,
    kind: 'official',
    published_at: iso(published),
    incident,
  };
}
