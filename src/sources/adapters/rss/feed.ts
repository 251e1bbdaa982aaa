/**
 * rss-parser's `parseString`, and its loosely typed output narrowed to the fields the adapter
 * reads. rss-parser hands back whatever xml2js made of an element: a string, or an object
 * when the element had attributes or children, so every field is checked here, once.
 */
import Parser from 'rss-parser';
import { ParseError } from '../../adapter.js';
import { checkFeedText, settleWithin } from './guard.js';
import { wrapMixedContent } from './mixed-content.js';

export interface FeedItem {
  guid?: string;
  /** Atom `<id>`. */
  id?: string;
  /** RSS 1.0 `rdf:about`. */
  about?: string;
  link?: string;
  title?: string;
  /** `dc:creator`, else RSS `<author>`. */
  creator?: string;
  /** Atom `<author><name>`, or RSS `<author>` (often "email (Name)"). */
  author?: string;
  /** `content:encoded`, the fullest body when a feed has it. */
  encoded?: string;
  /** RSS `<description>` or Atom `<content>`. */
  content?: string;
  summary?: string;
  /** ISO date rss-parser derived from pubDate / dc:date / Atom published|updated. */
  isoDate?: string;
  pubDate?: string;
  /** Microsoft's status feed: the surface's status word ("Available", "ServiceDegradation"). */
  status?: string;
  /**
   * .NET SyndicationFeed RSS (`xmlns:a10`, the Atom namespace; Azure's status feed is written so):
   * `<a10:link href>` in place of `<link>`, `<a10:author><a10:name>`, and `<a10:updated>`.
   */
  a10Link?: string;
  a10Author?: string;
  a10Updated?: string;
}

export interface Feed {
  title?: string;
  link?: string;
  /** The feed's own address (`atom:link rel=self`): bridges are recognised by it. */
  feedUrl?: string;
  description?: string;
  generator?: string;
  /** Channel-level author (`dc:creator`, `author`, Atom `<author><name>`). */
  author?: string;
  /** lastBuildDate, pubDate or Atom `<updated>`: the fallback date of undated items. */
  date?: string;
  items: FeedItem[];
}

/** Long enough for any real feed, short enough that a stuck parse fails a poll, not a worker. */
const PARSE_DEADLINE_MS = 10_000;

/** Text of an xml2js value: a string, or the text of an element that had attributes. */
function asText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    if (typeof o['_'] === 'string') return o['_'];
    // Atom <author><name>…</name></author> at feed level arrives as { name: [...] }.
    if (Array.isArray(o['name'])) return asText(o['name'][0]);
  }
  return undefined;
}

function field(o: Record<string, unknown>, key: string): string | undefined {
  return asText(o[key]);
}

/**
 * The `href` of the `<a10:link>` that points at the item itself: the one without `rel`, or with
 * `rel="alternate"` (others are enclosures, the feed, related pages).
 */
function a10Link(v: unknown): string | undefined {
  const links = (Array.isArray(v) ? v : [v]).filter((l): l is Record<string, unknown> => typeof l === 'object' && l !== null);
  for (const l of links) {
    const attrs = l['$'];
    if (typeof attrs !== 'object' || attrs === null) continue;
    const { href, rel } = attrs as Record<string, unknown>;
    if (typeof href === 'string' && href.trim() && (rel === undefined || rel === 'alternate')) return href.trim();
  }
  return undefined;
}

/** `<a10:author><a10:name>Jane</a10:name>…</a10:author>` → "Jane". */
function a10Name(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const name = (v as Record<string, unknown>)['a10:name'];
  return asText(Array.isArray(name) ? name[0] : name);
}

function toItem(raw: Record<string, unknown>): FeedItem {
  return {
    guid: field(raw, 'guid'),
    id: field(raw, 'id'),
    about: field(raw, 'rdf:about'),
    link: field(raw, 'link'),
    title: field(raw, 'title'),
    creator: field(raw, 'creator'),
    author: field(raw, 'author'),
    encoded: field(raw, 'content:encoded'),
    content: field(raw, 'content'),
    summary: field(raw, 'summary'),
    isoDate: field(raw, 'isoDate'),
    pubDate: field(raw, 'pubDate'),
    status: field(raw, 'status'),
    a10Link: a10Link(raw['a10:link']),
    a10Author: a10Name(raw['a10:author']),
    a10Updated: field(raw, 'a10:updated'),
  };
}

/** Parses RSS 2.0 / 0.9x, RSS 1.0 (RDF) or Atom. Throws ParseError for anything else. */
export async function parseFeed(doc: string): Promise<Feed> {
  const text = wrapMixedContent(checkFeedText(doc));
  // A fresh parser per document: rss-parser keeps one xml2js parser per instance, and its
  // state after a failed document is not something to share between polls.
  const parser = new Parser({
    defaultRSS: 2, // `<rss>` without a version attribute is read as RSS 2.0
    customFields: {
      feed: ['author', 'generator', 'subtitle', 'pubDate', 'a10:link'],
      item: ['status', ['a10:link', 'a10:link', { keepArray: true }], 'a10:author', 'a10:updated'],
    },
  });
  // rss-parser types its output loosely (`any` fields); it is read as unknown and narrowed.
  let raw: Record<string, unknown>;
  try {
    const parsed: unknown = await settleWithin(parser.parseString(text), PARSE_DEADLINE_MS, 'the feed parser');
    raw = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch (err) {
    if (err instanceof ParseError) throw err;
    const msg = String((err as Error).message ?? err).replace(/\s*\n\s*/g, ', ');
    // rss-parser's own failures on a well-formed but incomplete feed are TypeErrors
    // ("Cannot read properties of undefined"): say what that means instead.
    if (err instanceof TypeError) throw new ParseError(`not a complete feed (no <channel> or an element without its required parts): ${msg}`);
    // rss-parser converts Atom <published>/<updated> without a check: one bad date fails the feed.
    if (err instanceof RangeError) throw new ParseError(`an Atom entry has an unreadable date (${msg})`);
    throw new ParseError(`malformed feed XML: ${msg}`);
  }
  const items = Array.isArray(raw['items']) ? raw['items'] : [];
  return {
    title: field(raw, 'title'),
    link: field(raw, 'link') ?? a10Link(raw['a10:link']),
    feedUrl: field(raw, 'feedUrl'),
    description: field(raw, 'description') ?? field(raw, 'subtitle'),
    generator: field(raw, 'generator'),
    author: field(raw, 'creator') ?? field(raw, 'author'),
    date: field(raw, 'lastBuildDate') ?? field(raw, 'pubDate'),
    items: items.map((i) => toItem(typeof i === 'object' && i !== null ? (i as Record<string, unknown>) : {})),
  };
}
