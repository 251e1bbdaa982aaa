/**
 * Bluesky Jetstream events, JSON Lines (one event per line, as the WebSocket delivers them and
 * as scenario post files hold them). A single event, or a JSON array of events, is accepted too.
 */
import type { Post } from '../../../domain/post.js';
import { ParseError, type ParseContext } from '../../adapter.js';
import { isObject, itemsOf, where, type Json } from '../../kit/json.js';
import { eventToPost } from './event.js';
import { readItems, readJsonLines } from '../../kit/items.js';

function valuePosts(value: Json, ctx: ParseContext, at: string): Post[] {
  if (!isObject(value)) throw new ParseError(`${at}not a Jetstream event (expected a JSON object)`);
  const post = eventToPost(value, ctx, at);
  return post ? [post] : [];
}

/**
 * The posts of Jetstream events: creates of app.bsky.feed.post, in order; other events give none.
 * An event that cannot be read is left out and reported (ctx.skipped), unless nothing in the
 * document is a Jetstream event.
 */
export function parseJetstream(doc: string, ctx: ParseContext): Post[] {
  const items = readJsonLines(doc, ctx).flatMap((v) => itemsOf(v.value, where(v)));
  return readItems(
    ctx,
    items,
    (item) => isObject(item.value) && typeof item.value['did'] === 'string' && typeof item.value['kind'] === 'string',
    (item) => valuePosts(item.value, ctx, item.at),
  );
}
