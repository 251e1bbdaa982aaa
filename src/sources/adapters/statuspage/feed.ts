/**
 * A Statuspage `history.atom` / `history.rss`: one post per entry. The incident id is the code
 * in the entry link (…/incidents/{code}) so feed and JSON API give the same ids; status and
 * times come from the updates listed in the entry's content (see feed-content, feed-status).
 */
import type { OfficialIncident, Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { htmlToText, toIso } from '../../text.js';
import { readFeedUpdates, readIncidentIoEntry } from './feed-content.js';
import { entryState } from './feed-status.js';
import { stampToEpoch } from '../../kit/feed-times.js';
import { ensureUniqueIds, parseError, rawIfDifferent, resolveProvider } from '../../kit/official.js';
import { xmlAttr, xmlChild, xmlList, xmlText } from '../../kit/xml.js';

/** One entry or item, reduced to what both feed formats share. */
interface FeedEntry {
  title: string | null;
  link: string | null;
  /** Entry-level id (Atom id, RSS guid), used only when the link names no incident. */
  guid: string | null;
  html: string;
  /** The entry's own date: the later of published/updated in Atom, pubDate in RSS. */
  date: number | null;
}

interface FeedDoc {
  pageUrl: string | null;
  pageName: string | null;
  entries: FeedEntry[];
}

function epoch(v: string | null): number | null {
  const iso = toIso(v);
  return iso ? Date.parse(iso) : null;
}

/** href of the rel="alternate" (or first) link of an Atom element. */
function atomLink(el: unknown): string | null {
  const links = xmlList(el, 'link');
  const alt = links.find((l) => (xmlAttr(l, 'rel') ?? 'alternate') === 'alternate') ?? links[0];
  return alt === undefined ? null : (xmlAttr(alt, 'href') ?? xmlText(alt));
}

function readAtom(feed: unknown): FeedDoc {
  const entries = xmlList(feed, 'entry').map((e): FeedEntry => {
    const dates = [epoch(xmlText(xmlChild(e, 'published'))), epoch(xmlText(xmlChild(e, 'updated')))].filter((t): t is number => t !== null);
    return {
      title: xmlText(xmlChild(e, 'title')),
      link: atomLink(e),
      guid: xmlText(xmlChild(e, 'id')),
      html: xmlText(xmlChild(e, 'content')) ?? xmlText(xmlChild(e, 'summary')) ?? '',
      date: dates.length ? Math.max(...dates) : null,
    };
  });
  const author = xmlChild(feed, 'author');
  return { pageUrl: atomLink(feed), pageName: xmlText(xmlChild(author, 'name')) ?? pageNameFromTitle(xmlText(xmlChild(feed, 'title'))), entries };
}

/** "DigitalOcean Status - Incident History" → "DigitalOcean", as the Atom feed's author says. */
function pageNameFromTitle(title: string | null): string | null {
  if (!title) return null;
  const name = title
    .replace(/\s*-\s*Incident History\s*$/i, '')
    .replace(/\s+Status$/i, '')
    .trim();
  return name || null;
}

function readRss(channel: unknown): FeedDoc {
  const entries = xmlList(channel, 'item').map((i): FeedEntry => ({
    title: xmlText(xmlChild(i, 'title')),
    link: xmlText(xmlChild(i, 'link')),
    guid: xmlText(xmlChild(i, 'guid')),
    html: xmlText(xmlChild(i, 'description')) ?? '',
    date: epoch(xmlText(xmlChild(i, 'pubDate'))),
  }));
  return { pageUrl: xmlText(xmlChild(channel, 'link')), pageName: pageNameFromTitle(xmlText(xmlChild(channel, 'title'))), entries };
}

const INCIDENT_CODE = /\/incidents\/([A-Za-z0-9_-]+)/;

function entryPost(e: FeedEntry, index: number, doc: FeedDoc, provider: string | null, ctx: ParseContext): Post {
  const code = e.link ? (INCIDENT_CODE.exec(e.link)?.[1] ?? null) : null;
  const reference = e.date;
  const updates = readFeedUpdates(e.html).map((u) => ({
    word: u.word,
    at: u.stamp && reference !== null ? stampToEpoch(u.stamp, reference) : null,
  }));
  // incident.io writes only the latest state, as of the entry's date: when the incident started
  // is not in the entry.
  const io = updates.length ? null : readIncidentIoEntry(e.html);
  const state = io ? { ...entryState([{ word: io.word, at: e.date }]), startedAt: null } : entryState(updates);
  const published = state.latestAt ?? e.date;
  if (published === null) throw parseError(ctx, `entry ${index + 1} has no readable date or update time`);
  const publishedIso = new Date(published).toISOString();
  const incident: OfficialIncident | null = code
    ? {
        id: code,
        status: state.status,
        ...rawIfDifferent(state.statusWord, state.status),
        impact: state.maintenance ? 'maintenance' : null,
        components: io?.components ?? [],
        regions: [],
        started_at: state.startedAt === null ? null : new Date(state.startedAt).toISOString(),
        resolved_at: state.resolvedAt === null ? null : new Date(state.resolvedAt).toISOString(),
      }
    : null;
  return {
    id: `statuspage:${code ?? e.guid ?? e.link ?? `entry-${index + 1}`}@${publishedIso}`,
    kind: 'official',
    source_kind: 'statuspage',
    provider,
    author: doc.pageName,
    url: e.link,
    published_at: publishedIso,
    title: e.title === null ? null : htmlToText(e.title) || null,
    text: htmlToText(e.html),
    incident,
  };
}

/** Posts of a parsed Atom or RSS document; `root` is the parser's output. */
export function parseFeed(root: Record<string, unknown>, ctx: ParseContext): Post[] {
  let doc: FeedDoc;
  if (root.feed !== undefined) doc = readAtom(root.feed);
  else if (xmlChild(root.rss, 'channel') !== undefined) doc = readRss(xmlChild(root.rss, 'channel'));
  else throw parseError(ctx, 'XML is neither an Atom feed nor an RSS 2.0 channel, expected a Statuspage history.atom / history.rss');
  const provider = resolveProvider(ctx, { url: doc.pageUrl, name: doc.pageName });
  return ensureUniqueIds(doc.entries.map((e, i) => entryPost(e, i, doc, provider, ctx)));
}
