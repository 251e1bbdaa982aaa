/**
 * A Hund state feed (`/state_feed/feed`, Atom) as posts: one per entry. Each entry is an issue of
 * the page, its link `…/issues/{id}`, its title the issue's label in brackets and its title
 * ("[Investigating] Login failures"), `published` when the issue was opened, `updated` its last
 * change and `content` the latest text (HTML). The incident id is the issue id of the link (else
 * the entry id's last segment); the post id adds `updated`, so a relabelled issue is a new post.
 * An "Information" bulletin is a plain official post without an incident (Hund counts it
 * resolved at once, with no duration); an unknown label keeps the issue open and its word in
 * `status_raw`.
 */
import type { OfficialIncident, Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { htmlToText, toIso } from '../../text.js';
import { ENDED, parseError, rawIfDifferent } from '../../kit/official.js';
import { xmlAttr, xmlChild, xmlList, xmlText } from '../../kit/xml.js';
import { isInformation, labelMeaning } from './labels.js';

export interface HundEntry {
  /** The entry id's last segment (`tag:host,2005:State::FeedNotifier::Entry/{id}`). */
  entryId: string;
  issueId: string;
  link: string | null;
  label: string | null;
  title: string;
  html: string;
  published: string | null;
  updated: string | null;
}

/** href of the rel="alternate" (or first) link of an Atom element. */
export function atomLink(el: unknown): string | null {
  const links = xmlList(el, 'link');
  const alt = links.find((l) => (xmlAttr(l, 'rel') ?? 'alternate') === 'alternate') ?? links[0];
  return alt === undefined ? null : (xmlAttr(alt, 'href') ?? xmlText(alt));
}

const ISSUE = /\/issues\/([A-Za-z0-9_-]+)/;
const LABELLED = /^\s*\[([^\]]+)\]\s*(.*)$/s;
const MAINTENANCE = /maintenance|wartung/i;

function lastSegment(id: string): string {
  const tail = id.split('/').pop() ?? id;
  return tail.trim() || id.trim();
}

export function readEntry(e: unknown, index: number, ctx: ParseContext): HundEntry {
  const rawId = xmlText(xmlChild(e, 'id'))?.trim() || null;
  const link = atomLink(e);
  const fromLink = link ? (ISSUE.exec(link)?.[1] ?? null) : null;
  if (!rawId && !fromLink) throw parseError(ctx, `not a Hund state feed: entry ${index + 1} has neither an <id> nor an …/issues/{id} link`);
  const entryId = rawId ? lastSegment(rawId) : fromLink!;
  const rawTitle = htmlToText(xmlText(xmlChild(e, 'title')));
  const m = LABELLED.exec(rawTitle);
  return {
    entryId,
    issueId: fromLink ?? entryId,
    link,
    label: m ? m[1]!.trim() : null,
    title: (m ? m[2]!.trim() : rawTitle) || rawTitle,
    html: xmlText(xmlChild(e, 'content')) ?? xmlText(xmlChild(e, 'summary')) ?? '',
    published: toIso(xmlText(xmlChild(e, 'published'))),
    updated: toIso(xmlText(xmlChild(e, 'updated'))),
  };
}

function incidentOf(e: HundEntry, at: string): OfficialIncident | null {
  if (e.label && isInformation(e.label)) return null;
  const meaning = e.label ? labelMeaning(e.label, MAINTENANCE.test(e.title)) : null;
  const status = meaning?.status ?? 'investigating';
  const ended = ENDED.has(status);
  return {
    id: e.issueId,
    status,
    // Hund's own word when it is not ours ("Assessed", "Ended", a page's own label).
    ...rawIfDifferent(e.label, status),
    impact: meaning?.impact ?? null,
    components: [],
    regions: [],
    started_at: e.published,
    resolved_at: ended ? at : null,
  };
}

export function entryPost(e: HundEntry, index: number, author: string | null, provider: string | null, ctx: ParseContext): Post {
  const at = e.updated ?? e.published;
  if (!at) throw parseError(ctx, `not a Hund state feed: entry ${index + 1} (${e.entryId}) has no <updated> or <published> time`);
  return {
    id: `hund:${e.entryId}@${at}`,
    kind: 'official',
    source_kind: 'hund',
    provider,
    author,
    url: e.link,
    published_at: at,
    title: e.title || null,
    text: htmlToText(e.html) || e.title,
    incident: incidentOf(e, at),
  };
}
