/**
 * What makes one X document's tweets a list of posts: a tweet that cannot be read is left out
 * and reported, not a reason to lose the tweets around it, and a tweet listed twice is one post.
 */
import type { Post } from '../../../domain/post.js';
import { ParseError, type ParseContext } from '../../adapter.js';

/**
 * The post `read` makes of one item, or none when the item is malformed: its ParseError (which
 * says where the item is) goes to `ctx.skipped`. Any other error is a bug and still throws.
 */
export function readItem(ctx: ParseContext, read: () => Post): Post[] {
  try {
    return [read()];
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    ctx.skipped?.(`left out ${err.message}`);
    return [];
  }
}

/**
 * One post per tweet id, the first in document order. A tweet id names one tweet: the same
 * tweet twice (a stream delivering it again, overlapping search pages saved together) is the
 * same item, and the contract gives an item the same id on every parse, so it is not made a
 * second post with a suffixed id as a repeated status-page update is.
 */
export function oncePerTweet(posts: Post[]): Post[] {
  const seen = new Set<string>();
  return posts.filter((p) => !seen.has(p.id) && Boolean(seen.add(p.id)));
}
