/**
 * X API v2 documents: a response (`data` as an array or one tweet, `includes.users`, `meta`,
 * `errors`), JSON Lines of responses (a saved filtered stream, several search pages), or the
 * scenario's post lines (a tweet object with its `author` inline). One post per tweet in `data`,
 * in document order; `includes.tweets` are context, not posts. A tweet that cannot be read is
 * left out and reported through `ctx.skipped`, as is a line of JSON Lines that is not JSON (a
 * stream cut off mid-line); a document that is not X's at all is refused.
 */
import type { Post } from '../../../domain/post.js';
import { ParseError, type ParseContext } from '../../adapter.js';
import { arr, isObject, itemsOf, num, obj, str, where, type Json, type JsonObject } from '../../kit/json.js';
import { oncePerTweet } from './items.js';
import { readItem, readJsonLines } from '../../kit/items.js';
import { looksLikeTweet, tweetToPost } from './tweet.js';

const RESPONSE_KEYS = ['data', 'includes', 'meta', 'errors', 'matching_rules'];

function isResponse(o: JsonObject): boolean {
  return RESPONSE_KEYS.some((k) => o[k] !== undefined);
}

/** includes.users by id, so each tweet finds its author. */
function usersById(response: JsonObject): Map<string, JsonObject> {
  const users = new Map<string, JsonObject>();
  for (const u of arr(obj(response['includes'])?.['users']) ?? []) {
    const id = isObject(u) ? str(u['id']) : undefined;
    if (id && isObject(u)) users.set(id, u);
  }
  return users;
}

function responsePosts(response: JsonObject, ctx: ParseContext, at: string): Post[] {
  const data = response['data'];
  // A valid response without data (no results: `meta.result_count: 0`; only `errors`, e.g.
  // every requested tweet deleted) holds no posts; that is not a malformed document.
  if (data === undefined || data === null) return [];
  const tweets: Json[] = Array.isArray(data) ? data : [data];
  const users = usersById(response);
  return tweets.flatMap((t, i) => {
    const here = `${at}data[${i}]: `;
    return readItem(ctx, () => {
      if (!isObject(t) || !looksLikeTweet(t)) throw new ParseError(`${here}not a tweet object (needs id and text)`);
      const authorId = str(t['author_id']);
      return [tweetToPost(t, (authorId ? users.get(authorId) : undefined) ?? obj(t['author']), ctx, here)];
    });
  });
}

/** A problem-details body (`{title, type, status, detail}`), which the API sends on failure. */
function problemOf(o: JsonObject): string | null {
  if (typeof o['title'] !== 'string' || typeof o['type'] !== 'string') return null;
  const status = num(o['status']);
  return `${status ?? ''} ${o['title']}${typeof o['detail'] === 'string' ? `: ${o['detail']}` : ''}`.trim();
}

function valuePosts(value: Json, ctx: ParseContext, at: string): Post[] {
  if (!isObject(value)) throw new ParseError(`${at}expected an X API v2 response or a tweet object, got ${value === null ? 'null' : typeof value}`);
  if (isResponse(value)) return responsePosts(value, ctx, at);
  // A scenario post line: the tweet itself, its author inline as `author`.
  if (looksLikeTweet(value)) return readItem(ctx, () => [tweetToPost(value, obj(value['author']), ctx, at)]);
  const problem = problemOf(value);
  if (problem) throw new ParseError(`${at}an X API error response (${problem}), not tweets`);
  throw new ParseError(`${at}not an X API v2 response (no data, includes, meta or errors) nor a tweet object (id and text)`);
}

/**
 * The posts of one X API v2 response that is already a JSON value (a page from the API client,
 * a filtered-stream message): the same reading as `parse`, without writing it back to text.
 * The value is what the client read with JSON.parse, so it is JSON.
 */
export function responsePostsOf(response: unknown, ctx: ParseContext): Post[] {
  return oncePerTweet(itemsOf(response as Json, '').flatMap((item) => valuePosts(item.value, ctx, item.at)));
}

/** The posts of an X API v2 document (a response, JSON Lines of them, or scenario post lines), in document order. */
export function parseXDocument(doc: string, ctx: ParseContext): Post[] {
  return oncePerTweet(readJsonLines(doc, ctx).flatMap((v) => itemsOf(v.value, where(v)).flatMap((item) => valuePosts(item.value, ctx, item.at))));
}
