/**
 * Bluesky Jetstream events, JSON Lines (one event per line, as the WebSocket delivers them and
 * as scenario post files hold them). A single event, or a JSON array of events, is accepted too.
 */
import type { Post } from '../../../domain/post.js';
import { ParseError, type ParseContext } from '../../adapter.js';
import { isObject, itemsOf, readJsonValues, where, type Json } from '../../kit/json.js';
import { eventToPost } from './event.js';

function valuePosts(value: Json, ctx: ParseContext, at: string): Post[] {
  if (!isObject(value)) throw new ParseError(`${at}not a Jetstream event (expected a JSON object)`);
  const post = eventToPost(value, ctx, at);
  return post ? [post] : [];
}

/** The posts of Jetstream events: creates of app.bsky.feed.post, in order; other events give none. */
export function parseJetstream(doc: string, ctx: ParseContext): Post[] {
  return readJsonValues(doc).flatMap((v) => itemsOf(v.value, where(v)).flatMap((item) => valuePosts(item.value, ctx, item.at)));
}
