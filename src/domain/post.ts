/**
 * A Post is one normalized item from a source: an official status update, a social post,
 * a news item, or a report sent to our own API. Its shape is the `parse` output of
 * docs/contracts/cli.md, plus optional metadata the pipeline uses but `parse` does not print.
 */
import { httpUrl } from './web-link.js';

export const POST_KINDS = ['official', 'social', 'news', 'report'] as const;
export type PostKind = (typeof POST_KINDS)[number];

/**
 * The kind of source a post came from: one of the source registry's kinds
 * (src/sources/registry.ts `SOURCE_KINDS`, the `--kind` values of `parse` plus `first-party`).
 * The domain does not list them, so adding a kind touches no domain file.
 */
export type SourceKind = string;

export const INCIDENT_STATUSES = [
  'investigating',
  'identified',
  'monitoring',
  'resolved',
  'postmortem',
  'scheduled',
  'in_progress',
  'verifying',
  'completed',
] as const;
export type OfficialStatus = (typeof INCIDENT_STATUSES)[number];

/** What an official update says of an incident's impact (Statuspage's words). */
export const IMPACTS = ['none', 'minor', 'major', 'critical', 'maintenance'] as const;
export type Impact = (typeof IMPACTS)[number];

/** What an official document says about one provider incident at the time of one update. */
export interface OfficialIncident {
  /** The provider's own incident id, as a string. */
  id: string;
  status: OfficialStatus;
  /** The provider's own word when it differs from `status`. */
  status_raw?: string;
  impact: Impact | null;
  /** Component names as the provider spells them. */
  components: string[];
  /** Region names as the provider spells them; [] when none. */
  regions: string[];
  started_at: string | null;
  resolved_at: string | null;
}

/** Optional facts about the post that `parse` does not print but later stages use. */
export interface PostMeta {
  /** Platform-level author id (X user id, Mastodon account id, Bluesky DID). */
  author_id?: string;
  author_followers?: number;
  author_verified?: boolean;
  /** BCP-47 language tag when the platform gives one. */
  lang?: string;
  /** Stable id of the original post when this one is a repost or a quote. */
  repost_of?: string;
  quote_of?: string;
}

export interface Post {
  /** Stable: the same on every parse of the same item. */
  id: string;
  kind: PostKind;
  source_kind: SourceKind;
  /** Catalog id, or null when unknown. */
  provider: string | null;
  author: string | null;
  url: string | null;
  /** ISO-8601 in UTC with milliseconds, e.g. 2022-11-25T15:50:00.000Z. */
  published_at: string;
  title: string | null;
  /** Plain text: HTML removed, entities decoded until stable, whitespace folded. */
  text: string;
  incident: OfficialIncident | null;
  meta?: PostMeta;
}

/** The keys `parse` prints, in the order it prints them (a url that is no web link as null, as the store keeps it). */
export function toParseOutput(p: Post): Omit<Post, 'meta'> {
  return {
    id: p.id,
    kind: p.kind,
    source_kind: p.source_kind,
    provider: p.provider,
    author: p.author,
    url: httpUrl(p.url),
    published_at: p.published_at,
    title: p.title,
    text: p.text,
    incident: p.incident,
  };
}
