import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import type { AppContext } from '../../app/context.js';
import type { Queues } from '../../queue/queues.js';
import { MAX_ATTEMPTS } from './retry-schedule.js';

/**
 * The 'webhook' queue: one job per (incident event, subscription). Its own queue rather than a
 * pipeline stage because its jobs live for up to a day and a half of retries, and a slow
 * receiver must never hold up the live stream on the deliver stage.
 */
export const WEBHOOK_QUEUE = 'webhook';

/** Ids only (docs/decisions.md, "Jobs carry ids, not objects"): the rendered body waits in webhook_messages. */
export interface WebhookJobData {
  webhookId: string;
  subscriptionId: string;
  eventSeq: number;
}

/** Deterministic, so a fan-out that runs twice queues each message once. */
export function webhookJobId(eventSeq: number, subscriptionId: string): string {
  return `webhook.${eventSeq}.${subscriptionId}`;
}

/** The custom backoff type the webhook worker's backoffStrategy answers for. */
export const WEBHOOK_BACKOFF = 'webhook-schedule';

export const WEBHOOK_JOB_OPTIONS: Readonly<JobsOptions> = Object.freeze({
  attempts: MAX_ATTEMPTS,
  backoff: { type: WEBHOOK_BACKOFF },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
});

// One producer per runtime (keyed by its Queues), on the runtime's shared producer connection.
const queues = new WeakMap<Queues, Queue<WebhookJobData>>();

/**
 * The webhook queue of this runtime, with its prefix (created on first use).
 *
 * @example
 * await webhookQueue(ctx).add('webhook', data, { ...WEBHOOK_JOB_OPTIONS, jobId: webhookJobId(seq, subId) });
 */
export function webhookQueue(ctx: AppContext): Queue<WebhookJobData> {
  let q = queues.get(ctx.queues);
  if (!q) {
    q = new Queue<WebhookJobData>(WEBHOOK_QUEUE, { connection: ctx.redis as ConnectionOptions, prefix: ctx.queues.prefix });
    q.on('error', () => {}); // without a listener BullMQ prints stack traces
    queues.set(ctx.queues, q);
  }
  return q;
}

/** Jobs not finished yet (waiting, delayed for a retry, or running). */
export async function webhookQueueDepth(ctx: AppContext): Promise<number> {
  const c = await webhookQueue(ctx).getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  return Object.values(c).reduce((a, b) => a + b, 0);
}

/** Age in ms of the oldest waiting webhook job (0 when none): delayed retries are not waiting. */
export async function webhookOldestWaitingAge(ctx: AppContext, nowMs: number): Promise<number> {
  const jobs = await webhookQueue(ctx).getWaiting(0, 0);
  return jobs[0] ? Math.max(0, nowMs - jobs[0].timestamp) : 0;
}

/** Call at shutdown, before the runtime closes its Redis connection. */
export async function closeWebhookQueue(ctx: AppContext): Promise<void> {
  const q = queues.get(ctx.queues);
  queues.delete(ctx.queues);
  await q?.close();
}
