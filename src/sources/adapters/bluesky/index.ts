/**
 * Bluesky Jetstream events, JSON Lines (one event per line, as the WebSocket delivers them and
 * as scenario post files hold them). A single event, or a JSON array of events, is accepted too.
 */
import type { Post } from '../../../domain/post.js';
import { ParseError, type ParseContext } from '../../adapter.js';
import { isObject, readJsonValues, where, type Json } from '../../kit/json.js';
import { eventToPost } from './event.js';
import { z } from 'zod';
import type { StreamedPlugin } from '../../plugin.js';
import { sourceBase } from '../../kit/source-config.js';

function valuePosts(value: Json, ctx: ParseContext, at: string): Post[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => valuePosts(v, ctx, `${at}item ${i + 1}: `));
  if (!isObject(value)) throw new ParseError(`${at}not a Jetstream event (expected a JSON object)`);
  const post = eventToPost(value, ctx, at);
  return post ? [post] : [];
}

/** A sources.yaml entry of this kind: a Jetstream ws(s) url and the keywords a post must contain. */
const configSchema = z
  .object({
    ...sourceBase,
    kind: z.literal('bluesky'),
    url: z.url({ protocol: /^wss?$/ }).describe('The Jetstream WebSocket.'),
    keywords: z.array(z.string()).default([]).describe('Words a post must contain; empty: every post.'),
  })
  .strict();

export const plugin = {
  kind: 'bluesky',
  mode: 'streamed',
  connect: 'websocket',
  defaultInterval: null,
  configSchema,
  description: 'Bluesky Jetstream events, JSON Lines; creates of app.bsky.feed.post become posts',
  documents: ['Jetstream events, JSON Lines (commit, identity and account events)'],
  async parse(doc: string, ctx: ParseContext): Promise<Post[]> {
    return readJsonValues(doc).flatMap((v) => valuePosts(v.value, ctx, where(v)));
  },
} satisfies StreamedPlugin<'bluesky', typeof configSchema>;
