/**
 * One X API v2 tweet object (with its author from `includes.users`, when the response had
 * `expansions=author_id`) → one social post.
 */
import type { Post, PostMeta } from '../../../domain/post.js';
import { ParseError, type ParseContext } from '../../adapter.js';
import { entitiesToText, toIso } from '../../text.js';
import { arr, bool, defined, isObject, num, obj, str, text, type JsonObject } from '../../kit/json.js';
import { snowflakeTime } from './snowflake.js';

/** The id as a decimal string. A JSON number is accepted only while it is exact. */
function tweetId(v: JsonObject['id']): string | null {
  if (typeof v === 'string' && /^\d{1,20}$/.test(v)) return v;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return String(v);
  return null;
}

/** True when the object has what every tweet has: an id and a text. */
export function looksLikeTweet(o: JsonObject): boolean {
  return o['id'] !== undefined && typeof o['text'] === 'string';
}

/** `x:<id>` of the retweeted / quoted tweet named in `referenced_tweets`. */
function referenced(tweet: JsonObject, type: 'retweeted' | 'quoted'): string | undefined {
  for (const r of arr(tweet['referenced_tweets']) ?? []) {
    if (!isObject(r) || r['type'] !== type) continue;
    const id = tweetId(r['id'] ?? null);
    if (id) return `x:${id}`;
  }
  return undefined;
}

/**
 * @param user the author's user object (from `includes.users`, or the scenario line's
 *   `author`), or undefined when the response did not expand it.
 * @param at where the tweet is in the document, for error messages ("line 2, item 3: ").
 */
export function tweetToPost(tweet: JsonObject, user: JsonObject | undefined, ctx: ParseContext, at: string): Post {
  const id = tweetId(tweet['id'] ?? null);
  if (!id) throw new ParseError(`${at}tweet id ${JSON.stringify(tweet['id'])} is not a decimal tweet id`);
  const username = text(user?.['username']);
  // Only a real handle goes into a URL path; anything else links by id alone.
  const handle = username && /^\w{1,50}$/.test(username) ? username : undefined;
  // Tweets over 280 characters carry their full text in note_tweet; `text` is cut short.
  const fullText = str(obj(tweet['note_tweet'])?.['text']) ?? str(tweet['text']) ?? '';
  const meta: PostMeta = defined({
    author_id: str(tweet['author_id']) ?? str(user?.['id']),
    author_followers: num(obj(user?.['public_metrics'])?.['followers_count']),
    author_verified: bool(user?.['verified']),
    lang: text(tweet['lang']),
    repost_of: referenced(tweet, 'retweeted'),
    quote_of: referenced(tweet, 'quoted'),
  });
  return {
    id: `x:${id}`,
    kind: 'social',
    source_kind: 'twitter',
    provider: (username ? ctx.resolveProvider({ handle: username }) : null) ?? ctx.provider ?? null,
    author: username ?? null,
    url: handle ? `https://x.com/${handle}/status/${id}` : `https://x.com/i/web/status/${id}`,
    // X always knows the time: created_at when requested, else the id's own timestamp.
    published_at: toIso(str(tweet['created_at'])) ?? snowflakeTime(id)!,
    title: null,
    // Tweet text is plain text in which the API escapes &, < and > as entities: decoded, never
    // stripped as HTML (that ate "<stdin>" and everything between "a<b" and "c>d").
    text: entitiesToText(fullText),
    incident: null,
    meta,
  };
}
