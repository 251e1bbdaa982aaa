import type { AppContext } from '../app/context.js';
import { unanalyzedPostIds } from '../store/posts-repo.js';
import { fairPriorities } from './fair-share.js';

/** Most posts one sweep queues; the next sweep takes the rest. */
const SWEEP_LIMIT = 5_000;

/**
 * Stored means queued. A post is stored before its analyze job is queued; when Redis is down
 * in between (or the job fails every attempt), the post would wait forever. This sweep queues
 * every post that has no signal yet. It runs when a process that analyzes or schedules starts,
 * when its Redis connection comes back, and with the scheduler's periodic work (then only for
 * posts older than `minAgeMs`, so it does not chase posts still on their way). Queueing is
 * deduplicated per post while its job is pending, so a sweep never makes a post run twice at once.
 */
export async function queueUnanalyzed(ctx: AppContext, opts: { minAgeMs?: number } = {}): Promise<number> {
  const ingestedBefore = opts.minAgeMs ? new Date(ctx.clock.now() - opts.minAgeMs).toISOString() : undefined;
  const ids = await unanalyzedPostIds(ctx.db, { ingestedBefore, limit: SWEEP_LIMIT });
  if (!ids.length) return 0;
  await ctx.queues.addBulk(
    'analyze',
    ids.map((postId) => ({ postId })),
    fairPriorities(ids.length),
  );
  ctx.log.info({ posts: ids.length }, 'queued stored posts that were never analyzed');
  return ids.length;
}

/**
 * Runs the sweep each time the Redis connection is ready again after a loss. Returns a function
 * that stops watching.
 */
export function repairOnRedisRecovery(ctx: AppContext): () => void {
  let lost = false;
  const onLoss = () => {
    lost = true;
  };
  const onReady = () => {
    if (!lost) return;
    lost = false;
    queueUnanalyzed(ctx).catch((err: Error) => ctx.log.warn({ err: err.message }, 'repair sweep after Redis recovery failed'));
  };
  ctx.redis.on('close', onLoss);
  ctx.redis.on('ready', onReady);
  return () => {
    ctx.redis.off('close', onLoss);
    ctx.redis.off('ready', onReady);
  };
}
