import type { Post } from '../domain/post.js';
import { MAX_PRIORITY } from '../queue/queues.js';

/**
 * Fair shares of a stage's workers between sources, built on BullMQ priorities (its "groups"
 * are a paid feature). Each batch a source enqueues numbers its jobs 1, 2, 3, … as priorities;
 * BullMQ runs lower numbers first and equal numbers in arrival order. So a quiet source's three
 * new posts (priorities 1-3) run before the 4th post of a source that just queued 40,000:
 * every poll gets the same early slots, and one flooding source cannot starve the others.
 */
export function fairPriorities(count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.min(MAX_PRIORITY, i + 1));
}

/**
 * At most `cap` items of one poll, the newest first (what is happening now matters more than a
 * feed's back catalogue), and how many were left out.
 */
export function capItems(posts: Post[], cap: number): { kept: Post[]; dropped: number } {
  if (posts.length <= cap) return { kept: posts, dropped: 0 };
  const newestFirst = posts
    .map((p, i) => ({ p, i, t: Date.parse(p.published_at) || 0 }))
    .sort((a, b) => b.t - a.t || a.i - b.i)
    .slice(0, cap)
    .sort((a, b) => a.i - b.i) // back into document order
    .map((x) => x.p);
  return { kept: newestFirst, dropped: posts.length - cap };
}
