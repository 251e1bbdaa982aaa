import { Worker, type ConnectionOptions } from 'bullmq';
import type { AppContext } from '../src/app/context.js';
import { workerConnection } from '../src/queue/connection.js';
import { isFinalFailure, STALLED_TOO_OFTEN } from '../src/queue/final-failure.js';
import { getMessage } from '../src/store/webhook-messages-repo.js';
import { attemptMessage, deliveryOptions, recordUnsent, type DeliveryOptions } from '../src/outputs/webhooks/attempt.js';
import { DeliveryFailedError, webhookBackoff } from '../src/outputs/webhooks/backoff.js';
import { WEBHOOK_QUEUE, type WebhookJobData } from '../src/outputs/webhooks/queue.js';

export interface WebhookWorkerOptions extends Partial<DeliveryOptions> {
  /** Attempts in flight at once (default 8): each mostly waits on a receiver. */
  concurrency?: number;
  /** How soon a job whose worker died is found (default 15 s) and the lock that tells (default 30 s): tests shrink both. */
  stalledIntervalMs?: number;
  lockDurationMs?: number;
}

/**
 * Outputs, webhooks: sends each queued message to its receiver, one logged attempt per job
 * run. A failed attempt throws DeliveryFailedError with the delay it computed, and the custom
 * backoff hands that delay to BullMQ, which re-runs the job then (up to 8 attempts in all).
 *
 * @example
 * const worker = startWebhookWorker(ctx);               // production
 * const fast = startWebhookWorker(ctx, { resolver, retrySchedule: [20, 20], limits: { timeoutMs: 300 } }); // tests
 * await worker.close();
 */
export function startWebhookWorker(ctx: AppContext, opts: WebhookWorkerOptions = {}): Worker<WebhookJobData> {
  const { concurrency = 8, stalledIntervalMs = 15_000, lockDurationMs = 30_000, ...overrides } = opts;
  const delivery = deliveryOptions(ctx, overrides);
  const connection = workerConnection(ctx.redisUrl);
  const worker = new Worker<WebhookJobData>(
    WEBHOOK_QUEUE,
    async (job) => {
      const attempt = job.attemptsMade + 1;
      const final = attempt >= (job.opts.attempts ?? 1);
      const outcome = await attemptMessage(ctx, delivery, job.data.webhookId, attempt, final);
      if (outcome.kind === 'retry') throw new DeliveryFailedError(outcome.attempt.error ?? 'delivery failed', outcome.delayMs);
      if (outcome.kind === 'failed') throw new DeliveryFailedError(outcome.attempt.error ?? 'delivery failed', 0);
      return outcome.kind;
    },
    {
      connection: connection as ConnectionOptions,
      prefix: ctx.queues.prefix,
      concurrency,
      // Retry timers are BullMQ's (wall clock); the attempt computed and logged the delay.
      settings: {
        backoffStrategy: webhookBackoff({
          ...(delivery.retrySchedule ? { schedule: delivery.retrySchedule } : {}),
          ...(delivery.random ? { random: delivery.random } : {}),
          ...(delivery.jitter !== undefined ? { jitter: delivery.jitter } : {}),
        }),
      },
      stalledInterval: stalledIntervalMs,
      lockDuration: lockDurationMs,
      maxStalledCount: 2,
    },
  );
  worker.on('completed', () => ctx.metrics.jobsDone.inc({ stage: 'webhook' }));
  worker.on('failed', (job, err) => {
    // Receivers failing is expected and already in the delivery log; count it, warn once at the end.
    ctx.metrics.jobFailures.inc({ stage: 'webhook' });
    if (job && !isFinalFailure(job, err)) return;
    ctx.log.warn({ stage: 'webhook', job: job?.id, attempts: job?.attemptsMade, err: err.message }, 'webhook gave up');
    // A failed attempt logged its own row. Anything else ended the message without one: the
    // admin asking whether it arrived must find the reason in the delivery log, not nothing.
    if (job && !(err instanceof DeliveryFailedError)) {
      recordGiveUp(ctx, job.data.webhookId, job.attemptsMade, err).catch((e: Error) =>
        ctx.log.error({ stage: 'webhook', job: job.id, err: e.message }, 'recording a given-up webhook failed'),
      );
    }
  });
  worker.on('error', (err) => ctx.log.error({ stage: 'webhook', err: err.message }, 'worker error'));
  const close = worker.close.bind(worker);
  worker.close = async (force?: boolean) => {
    await close(force);
    connection.disconnect();
  };
  return worker;
}

async function recordGiveUp(ctx: AppContext, webhookId: string, attempt: number, err: Error): Promise<void> {
  const msg = await getMessage(ctx.db, webhookId);
  if (!msg) return; // its subscription was deleted, and the log with it
  if (err.message === STALLED_TOO_OFTEN) {
    const reason =
      'the worker sending it stopped mid-attempt (crashed or killed) more often than allowed, so it was given up; ' +
      `the receiver may have got it (${err.message})`;
    await recordUnsent(ctx, msg, attempt, 'failed', 'worker-died', reason);
  } else {
    await recordUnsent(ctx, msg, attempt, 'failed', 'internal', `given up before it could be sent: ${err.message}`);
  }
}
