import type { AppContext } from '../app/context.js';
import { getPost } from '../store/posts-repo.js';
import { insertSignal } from '../store/signals-repo.js';
import { getState } from '../store/kv-repo.js';
import { authorKey, type Reputation } from '../analyze/trust/index.js';
import { CONFIRMING_TIERS } from '../domain/incident.js';
import type { Analyzer } from './analyzer.js';

export const reputationKey = (author: string) => `reputation:${authorKey(author)}`;

/**
 * Stage 2, analyze: one job per post. Stores the signal once and passes to correlation the posts
 * that can matter to an incident: outages, any official update, any provider-account post
 * (it can confirm or resolve).
 */
export async function analyzePost(ctx: AppContext, analyzer: Analyzer, postId: string): Promise<'analyzed' | 'missing'> {
  const post = await getPost(ctx.db, postId);
  if (!post) return 'missing';
  const rep = post.author ? await getState<Reputation>(ctx.db, reputationKey(post.author)) : null;
  const s = analyzer.analyze(post, rep);
  // Weak evidence goes on too: it counts toward its provider's burst (pipeline/correlate.ts).
  const relevant = s.outage || s.weak || post.incident !== null || (CONFIRMING_TIERS.has(post.tier) && s.providers.length > 0);
  const toCorrelate = relevant && s.providers.length > 0;
  // Marked pending in the same write: if the correlate job below is never queued or never
  // finishes, the repair sweep finds the post by the mark (a stored signal is not re-analyzed).
  await insertSignal(ctx.db, { post_id: post.id, ...s, correlate_pending: toCorrelate }, new Date(ctx.clock.now()).toISOString());
  if (toCorrelate) await ctx.queues.add('correlate', { postId });
  return 'analyzed';
}
