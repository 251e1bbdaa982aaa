/**
 * One Jetstream event → at most one post. Only the creation of an `app.bsky.feed.post` record
 * is a post; identity and account events, likes, reposts, follows, updates and deletes are
 * not (a delete of a post already stored is the store's business, not the parser's).
 */
import type { Post, PostMeta } from '../../../domain/post.js';
import { ParseError, type ParseContext } from '../../adapter.js';
import { htmlToText, toIso } from '../../text.js';
import { arr, defined, num, obj, str, text, type JsonObject } from '../../kit/json.js';

const POST = 'app.bsky.feed.post';
const KINDS = new Set(['commit', 'identity', 'account']);
// atproto's DID and record-key syntax: both go into ids and URL paths unescaped.
const DID = /^did:[a-z]+:[A-Za-z0-9._:%-]{1,2048}$/;
const RKEY = /^[A-Za-z0-9._:~-]{1,512}$/;

/** Clients set createdAt themselves; one further than this ahead of Jetstream's clock is wrong. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** The quoted post's at:// URI: `app.bsky.embed.record`, or the record of `recordWithMedia`. */
function quotedUri(record: JsonObject): string | undefined {
  const embed = obj(record['embed']);
  if (!embed) return undefined;
  const ref = str(embed['$type'])?.startsWith('app.bsky.embed.recordWithMedia') ? obj(obj(embed['record'])?.['record']) : obj(embed['record']);
  const uri = str(ref?.['uri']);
  // An embedded record may also be a feed generator, a list or a starter pack: not a quote.
  return uri && uri.startsWith('at://') && uri.includes(`/${POST}/`) ? uri : undefined;
}

/** When the post was made: createdAt, unless missing or in the future of the event itself. */
function publishedAt(record: JsonObject, timeUs: number | undefined): string | null {
  const eventMs = timeUs !== undefined ? Math.floor(timeUs / 1000) : undefined;
  const created = toIso(str(record['createdAt']));
  if (created && (eventMs === undefined || Date.parse(created) <= eventMs + MAX_CLOCK_SKEW_MS)) return created;
  return eventMs !== undefined ? toIso(eventMs) : created;
}

export function eventToPost(event: JsonObject, ctx: ParseContext, at: string): Post | null {
  const kind = str(event['kind']);
  const did = text(event['did']);
  if (!kind || !KINDS.has(kind) || !did) {
    throw new ParseError(`${at}not a Jetstream event (needs did and kind commit, identity or account)`);
  }
  if (!DID.test(did)) throw new ParseError(`${at}${JSON.stringify(did.slice(0, 80))} is not a DID`);
  if (kind !== 'commit') return null;
  const commit = obj(event['commit']);
  if (!commit) throw new ParseError(`${at}commit event without a commit object`);
  if (commit['operation'] !== 'create' || commit['collection'] !== POST) return null;
  const rkey = text(commit['rkey']);
  const record = obj(commit['record']);
  if (!rkey || !record) throw new ParseError(`${at}post create without rkey or record`);
  if (!RKEY.test(rkey)) throw new ParseError(`${at}${JSON.stringify(rkey.slice(0, 80))} is not a record key`);
  const published = publishedAt(record, num(event['time_us']));
  if (!published) throw new ParseError(`${at}post has neither a valid createdAt nor time_us`);
  const uri = `at://${did}/${POST}/${rkey}`;
  const quoted = quotedUri(record);
  const meta: PostMeta = defined({
    author_id: did,
    lang: text(arr(record['langs'])?.[0] ?? undefined),
    quote_of: quoted ? `bsky:${quoted}` : undefined,
  });
  return {
    id: `bsky:${uri}`,
    kind: 'social',
    source_kind: 'bluesky',
    provider: ctx.resolveProvider({ handle: did }) ?? ctx.provider ?? null,
    // Jetstream carries the DID only; the handle would need a lookup the parser does not make.
    author: did,
    url: `https://bsky.app/profile/${did}/post/${rkey}`,
    published_at: published,
    title: null,
    text: htmlToText(str(record['text'])),
    incident: null,
    meta,
  };
}
