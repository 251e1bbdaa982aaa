import type { AppContext } from '../app/context.js';
import { getEvent } from '../store/incidents-repo.js';

export const eventsChannel = (prefix: string) => `${prefix}:incident-events`;

/**
 * Publishes one incident change to every API node through Redis pub/sub (the live stream fans
 * out from there). Consumers dedupe by the event's seq, so a retried job is harmless.
 */
export async function deliverEvent(ctx: AppContext, seq: number): Promise<'published' | 'missing'> {
  const e = await getEvent(ctx.db, seq);
  if (!e) return 'missing';
  await ctx.redis.publish(eventsChannel(ctx.queues.prefix), JSON.stringify(e));
  return 'published';
}
