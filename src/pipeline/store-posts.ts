/**
 * Storing posts, for every source kind: documents, live polls, streams, first-party reports and
 * replay all store through here, so a post's kind and provider are shaped one way and every
 * stored post without a signal is queued for analysis.
 */
import type { AppContext } from '../app/context.js';
import type { Post, PostKind } from '../domain/post.js';
import type { PostSink, PostSinkSource } from '../sources/live/result.js';
import { insertPosts, unanalyzed } from '../store/posts-repo.js';
import { fairPriorities } from './fair-share.js';

/** In the running pipeline a post's kind follows its source's trust tier (cli.md, parse rules). */
function kindForTier(tier: string, parsed: PostKind): PostKind {
  if (tier === 'official') return 'official';
  if (tier === 'news') return 'news';
  if (tier === 'first-party') return 'report';
  if (parsed === 'official') return 'official';
  return tier === 'community' || tier === 'public' || tier === 'unknown' || tier === 'staff' || tier === 'provider-account' ? 'social' : parsed;
}

/**
 * Stores posts once and queues for analysis every one of them that has no signal yet, not only
 * the new ones: a crash between storing and queueing is healed by the next poll.
 */
export async function storeAndQueue(ctx: AppContext, source: PostSinkSource, posts: Post[], atIso: string): Promise<number> {
  const shaped = posts.map((p) => ({ ...p, kind: kindForTier(source.tier, p.kind), provider: p.provider ?? source.provider }));
  const fresh = await insertPosts(ctx.db, source.id, source.tier, shaped, atIso);
  const pending = await unanalyzed(
    ctx.db,
    shaped.map((p) => p.id),
  );
  await ctx.queues.addBulk(
    'analyze',
    pending.map((postId) => ({ postId })),
    fairPriorities(pending.length),
  );
  if (fresh.length) ctx.metrics.postsIngested.inc({ source: source.id }, fresh.length);
  return fresh.length;
}

/** The sink the streams are given: storeAndQueue on this context. */
export function postSink(ctx: AppContext): PostSink {
  return (source, posts, atIso) => storeAndQueue(ctx, source, posts, atIso);
}
