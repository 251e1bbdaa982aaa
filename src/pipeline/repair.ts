import type { AppContext } from '../app/context.js';
import { unanalyzedPostIds } from '../store/posts-repo.js';
import { pendingCorrelation } from '../store/signals-repo.js';
import { undeliveredEventSeqs } from '../store/incidents-repo.js';
import { fairPriorities } from './fair-share.js';

/** Most posts (or events) one sweep queues per stage; the next sweep takes the rest. */
const SWEEP_LIMIT = 5_000;

/** What one sweep queued, per stage. */
export interface RepairCounts {
  analyze: number;
  correlate: number;
  deliver: number;
}

/**
 * Stored means queued. Every stage commits to the store before it queues the next stage's job;
 * when Redis is down in between (or a job fails every attempt, the database being away), the
 * work would wait forever: a retried job finds its own write done and queues nothing. This sweep
 * queues what the store says is unfinished: posts without a signal (analyze), signals still
 * marked for correlation (correlate), published incident events not yet delivered (deliver).
 * It runs when a pipeline process starts, when its Redis connection comes back, and with the
 * scheduler's periodic work (then only for posts and signals older than `minAgeMs`, so it does
 * not chase work still on its way). Queueing is deduplicated per post and per event while its
 * job is pending, and every stage is idempotent, so a sweep never makes anything happen twice.
 */
export async function queueUnfinished(ctx: AppContext, opts: { minAgeMs?: number } = {}): Promise<RepairCounts> {
  const before = opts.minAgeMs ? new Date(ctx.clock.now() - opts.minAgeMs).toISOString() : undefined;
  const posts = await unanalyzedPostIds(ctx.db, { ingestedBefore: before, limit: SWEEP_LIMIT });
  if (posts.length)
    await ctx.queues.addBulk(
      'analyze',
      posts.map((postId) => ({ postId })),
      fairPriorities(posts.length),
    );
  const signals = await pendingCorrelation(ctx.db, { analyzedBefore: before, limit: SWEEP_LIMIT });
  if (signals.length)
    await ctx.queues.addBulk(
      'correlate',
      signals.map((postId) => ({ postId })),
    );
  // Events carry no wall time of their own (`at` is when the change happened, often earlier):
  // every undelivered one is queued; one whose deliver job is pending is deduplicated.
  const events = await undeliveredEventSeqs(ctx.db, SWEEP_LIMIT);
  if (events.length)
    await ctx.queues.addBulk(
      'deliver',
      events.map((eventSeq) => ({ eventSeq })),
    );
  const counts = { analyze: posts.length, correlate: signals.length, deliver: events.length };
  if (posts.length || signals.length || events.length) ctx.log.info(counts, 'queued stored work that was never finished');
  return counts;
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
    queueUnfinished(ctx).catch((err: Error) => ctx.log.warn({ err: err.message }, 'repair sweep after Redis recovery failed'));
  };
  ctx.redis.on('close', onLoss);
  ctx.redis.on('ready', onReady);
  return () => {
    ctx.redis.off('close', onLoss);
    ctx.redis.off('ready', onReady);
  };
}
