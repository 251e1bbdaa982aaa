/**
 * A tweet listed twice in one X document is one post (a tweet that cannot be read is left out
 * and reported: ../../kit/items.ts).
 */
import type { Post } from '../../../domain/post.js';

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
