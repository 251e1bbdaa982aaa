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
import { declaredOffsetMinutes, stampToEpoch } from '../../kit/feed-times.js';
import { ENDED, ensureUniqueIds, parseError, rawIfDifferent, resolveProvider } from '../../kit/official.js';
import { xmlAttr, xmlChild, xmlList, xmlText } from '../../kit/xml.js';

/** One entry or item, reduced to what both feed formats share. */
interface FeedEntry {
  title: string | null;
  link: string | null;
  /** Entry-level id (Atom id, RSS guid), used only when the link names no incident. */
  guid: string | null;
  html: string;
  /** Atom's <summary> when the entry also has a <content> (incident.io writes the components in either). */
  summary: string | null;
  /** The entry's own date: the later of published/updated in Atom, pubDate in RSS. */
  date: number | null;
  /** The offset (minutes east of UTC) that date is written in: the page's own zone. */
  pageOffset: number | null;
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
    const published = xmlText(xmlChild(e, 'published'));
    const updated = xmlText(xmlChild(e, 'updated'));
    const dates = [epoch(published), epoch(updated)].filter((t): t is number => t !== null);
    const content = xmlText(xmlChild(e, 'content'));
    const summary = xmlText(xmlChild(e, 'summary'));
    return {
      title: xmlText(xmlChild(e, 'title')),
      link: atomLink(e),
      guid: xmlText(xmlChild(e, 'id')),
      html: content ?? summary ?? '',
      summary: content === null ? null : summary,
      date: dates.length ? Math.max(...dates) : null,
      pageOffset: declaredOffsetMinutes(published) ?? declaredOffsetMinutes(updated),
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
  const entries = xmlList(channel, 'item').map((i): FeedEntry => {
    const pubDate = xmlText(xmlChild(i, 'pubDate'));
    return {
      title: xmlText(xmlChild(i, 'title')),
      link: xmlText(xmlChild(i, 'link')),
      guid: xmlText(xmlChild(i, 'guid')),
      html: xmlText(xmlChild(i, 'description')) ?? '',
      summary: null,
      date: epoch(pubDate),
      pageOffset: declaredOffsetMinutes(pubDate),
    };
  });
  return { pageUrl: xmlText(xmlChild(channel, 'link')), pageName: pageNameFromTitle(xmlText(xmlChild(channel, 'title'))), entries };
}

const INCIDENT_CODE = /\/incidents\/([A-Za-z0-9_-]+)/;
/** Statuspage's Atom entry id ("tag:status.example.com,2005:Incident/5566864"). */
const INCIDENT_TAG = /,\d{4}:Incident\/[A-Za-z0-9_-]+$/;

/**
 * Whether an entry is written the way Statuspage (or incident.io) writes one: it names its
 * incident (…/incidents/{code}, Statuspage's tag id), or its content lists updates or states a
 * status. A feed none of whose entries is (an AWS or news RSS given as this kind) is another
 * kind's document, refused whole as the README says; an empty feed is a quiet page.
 */
function isStatuspageEntry(e: FeedEntry): boolean {
  const named = [e.link, e.guid].some((v) => v !== null && (INCIDENT_CODE.test(v) || INCIDENT_TAG.test(v)));
  return named || readFeedUpdates(e.html).length > 0 || readIncidentIoEntry(e.html) !== null;
}

function entryPost(e: FeedEntry, index: number, doc: FeedDoc, provider: string | null, ctx: ParseContext): Post {
  // RSS guids repeat the link; a feed that drops <link> still names the incident there.
  const code = [e.link, e.guid].map((v) => (v ? (INCIDENT_CODE.exec(v)?.[1] ?? null) : null)).find((c) => c !== null) ?? null;
  const reference = e.date;
  // Stamps are in the page's zone, which the entry's own date is written in too.
  const updates = readFeedUpdates(e.html).map((u) => ({
    word: u.word,
    at: u.stamp && reference !== null ? stampToEpoch(u.stamp, reference, e.pageOffset) : null,
  }));
  // incident.io writes only the latest state, as of the entry's date: when the incident started
  // is not in the entry. Its components may be in the summary only.
  const io = updates.length ? null : readIncidentIoEntry(e.html);
  const ioComponents = io && !io.components.length && e.summary ? (readIncidentIoEntry(e.summary)?.components ?? []) : (io?.components ?? []);
  const state = io ? { ...entryState([{ word: io.word, at: e.date }]), startedAt: null } : entryState(updates);
  const published = state.latestAt ?? e.date;
  if (published === null) throw parseError(ctx, `entry ${index + 1} has no readable date or update time`);
  const publishedIso = new Date(published).toISOString();
  // A resolving update printed without a time (trimmed feeds) ended the incident by the entry's date.
  const resolvedAt = state.resolvedAt ?? (ENDED.has(state.status) ? published : null);
  const incident: OfficialIncident | null = code
    ? {
        id: code,
        status: state.status,
        ...rawIfDifferent(state.statusWord, state.status),
        impact: state.maintenance ? 'maintenance' : null,
        components: ioComponents,
        regions: [],
        started_at: state.startedAt === null ? null : new Date(state.startedAt).toISOString(),
        resolved_at: resolvedAt === null ? null : new Date(resolvedAt).toISOString(),
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
  if (doc.entries.length && !doc.entries.some(isStatuspageEntry)) {
    throw parseError(
      ctx,
      `none of the feed's ${doc.entries.length} entries is a Statuspage incident (no …/incidents/{code} link, no update stamps or status), expected a Statuspage history.atom / history.rss`,
    );
  }
  const provider = resolveProvider(ctx, { url: doc.pageUrl, name: doc.pageName });
  return ensureUniqueIds(doc.entries.map((e, i) => entryPost(e, i, doc, provider, ctx)));
}
