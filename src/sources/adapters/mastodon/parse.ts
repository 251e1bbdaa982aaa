/**
 * Mastodon statuses: an array from `/api/v1/timelines/...` or a search, a single status, or
 * JSON Lines of statuses (scenario post lines, a saved streaming log). One post per status, in
 * document order.
 */
import type { Post } from '../../../domain/post.js';
import { ParseError, type ParseContext } from '../../adapter.js';
import { isObject, itemsOf, where, type Json } from '../../kit/json.js';
import { looksLikeStatus, statusToPost } from './status.js';
import { readItems, readJsonLines } from '../../kit/items.js';

function valuePosts(value: Json, ctx: ParseContext, at: string): Post[] {
  if (isObject(value) && looksLikeStatus(value)) return [statusToPost(value, ctx, at)];
  // The API answers failures with {"error": "..."}: name it rather than "not a status".
  if (isObject(value) && typeof value['error'] === 'string') {
    throw new ParseError(`${at}a Mastodon API error response ("${value['error']}"), not statuses`);
  }
  throw new ParseError(`${at}not a Mastodon status (needs id, content and account)`);
}

/**
 * The posts of a Mastodon document, one per status, in document order; a status that cannot be
 * read is left out and reported (ctx.skipped), unless nothing in the document is a status.
 */
export function parseStatuses(doc: string, ctx: ParseContext): Post[] {
  const items = readJsonLines(doc, ctx).flatMap((v) => itemsOf(v.value, where(v)));
  return readItems(
    ctx,
    items,
    (item) => isObject(item.value) && looksLikeStatus(item.value),
    (item) => valuePosts(item.value, ctx, item.at),
  );
}
