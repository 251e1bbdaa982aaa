import type { BackoffStrategy } from 'bullmq';
import { retryDelayMs, type RetryDelayOptions } from './retry-schedule.js';

/**
 * Thrown by the webhook worker when an attempt failed, carrying the delay the attempt already
 * computed (schedule, jitter, Retry-After) and logged as next_attempt_at, so the timer BullMQ
 * sets is the one the log promises.
 */
export class DeliveryFailedError extends Error {
  override name = 'DeliveryFailedError';
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
  }
}

/**
 * BullMQ's custom backoff for the webhook queue (worker settings.backoffStrategy). Errors that
 * are not a failed attempt (the store down before we could send) follow the plain schedule.
 *
 * @example
 * new Worker('webhook', handler, { settings: { backoffStrategy: webhookBackoff() }, ... });
 */
export function webhookBackoff(opts: Omit<RetryDelayOptions, 'retryAfterMs'> = {}): BackoffStrategy {
  return (attemptsMade, _type, err) => (err instanceof DeliveryFailedError ? err.delayMs : retryDelayMs(attemptsMade, opts));
}
