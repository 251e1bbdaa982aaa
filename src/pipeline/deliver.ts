import type { AppContext } from '../app/context.js';
import { getEvent, markDelivered } from '../store/incidents-repo.js';
import { fanOutEvent } from '../outputs/webhooks/fan-out.js';
import { eventsChannel } from '../queue/channels.js';

/**
 * Publishes one incident change to every API node through Redis pub/sub (the live stream fans
 * out from there), then queues it for every webhook subscription that wants it. Consumers
 * dedupe by the event's seq and fan-out derives its message and job ids from it, so a retried
 * job is harmless.
 */
export async function deliverEvent(ctx: AppContext, seq: number): Promise<'published' | 'missing'> {
  const e = await getEvent(ctx.db, seq);
  if (!e) return 'missing';
  await ctx.redis.publish(eventsChannel(ctx.queues.prefix), JSON.stringify(e));
  // Webhooks get their own queue: a slow receiver's retries never hold up this stage.
  await fanOutEvent(ctx, e);
  // Until this mark the repair sweep queues the event again (its correlate job may never have
  // queued it, Redis being away): a second run publishes and fans out the same ids, harmlessly.
  await markDelivered(ctx.db, seq);
  return 'published';
}
