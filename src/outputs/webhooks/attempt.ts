import type { AppContext } from '../../app/context.js';
import { isoAt, wallClock } from '../../core/clock.js';
import { createAddressPolicy, type AddressPolicy } from '../../fetch/address-policy.js';
import { parseRetryAfter } from '../../fetch/response-handler.js';
import { systemResolver, type Resolver } from '../../fetch/resolver.js';
import type { DeliveryStatus } from '../../domain/webhook.js';
import { recordAttempt, type DeliveryAttempt } from '../../store/webhook-deliveries-repo.js';
import { postOnce, type PostLimits } from './deliver-one.js';
import { getMessage, type WebhookMessage } from '../../store/webhook-messages-repo.js';
import { retryDelayMs } from './retry-schedule.js';
import { signatureHeaders } from './signing.js';
import { disableSubscription, getSubscription, signingSecrets, type Subscription } from './subscriptions.js';

/** Everything an attempt needs besides the context; tests shrink the limits and the schedule. */
export interface DeliveryOptions {
  resolver: Resolver;
  policy: AddressPolicy;
  limits?: Partial<PostLimits>;
  /** Delays between attempts (default: retry-schedule.ts). */
  retrySchedule?: readonly number[];
  jitter?: number;
  random?: () => number;
  userAgent?: string;
}

/**
 * The production options from the context: the system resolver and the shared address policy,
 * opened only for the ranges an operator listed in network.allow_private.
 *
 * @example
 * const options = deliveryOptions(ctx, { resolver: fakeResolver, retrySchedule: [10, 10] });
 */
export function deliveryOptions(ctx: AppContext, overrides: Partial<DeliveryOptions> = {}): DeliveryOptions {
  return {
    resolver: systemResolver,
    policy: createAddressPolicy({ allow: ctx.config.network.allow_private }),
    ...overrides,
  };
}

export type AttemptOutcome =
  | { kind: 'delivered' | 'gone' | 'failed'; attempt: DeliveryAttempt }
  | { kind: 'retry'; attempt: DeliveryAttempt; delayMs: number }
  | { kind: 'skipped'; reason: string };

/**
 * One logged attempt of one message: sign with this attempt's timestamp (the webhook-id stays
 * the message's), send, record the row, count the metrics, and say what happens next.
 * A 410 disables the subscription on the spot. `final` is true when no retry would follow.
 *
 * @example
 * const outcome = await attemptDelivery(ctx, deliveryOptions(ctx), message, subscription, 1, false);
 * if (outcome.kind === 'retry') console.log(`next try in ${outcome.delayMs} ms`);
 */
export async function attemptDelivery(
  ctx: AppContext,
  opts: DeliveryOptions,
  msg: WebhookMessage,
  sub: Subscription,
  attempt: number,
  final: boolean,
): Promise<Exclude<AttemptOutcome, { kind: 'skipped' }>> {
  const sentAt = ctx.clock.now();
  // webhook-timestamp is when we sign, on the wall clock whatever clock the service runs on:
  // receivers refuse a timestamp outside a few minutes of their own clock (Standard Webhooks),
  // and a demo's replay clock is years behind. The body's times stay the event's own.
  const signedAt = wallClock.now();
  const headers = signatureHeaders(signingSecrets(sub, signedAt), msg.webhook_id, Math.floor(signedAt / 1000), msg.body);
  const r = await postOnce(sub.url, msg.body, headers, opts);
  // The retry's delay runs from the end of this attempt (a timeout takes 15 s), not its start.
  const endedAt = ctx.clock.now();

  ctx.metrics.deliveries.inc({ subscription: sub.id, outcome: r.ok ? 'delivered' : (r.code ?? 'error') });
  ctx.metrics.deliverySeconds.observe({ subscription: sub.id }, r.latencyMs / 1000);

  let status: DeliveryStatus;
  let delayMs: number | null = null;
  if (r.ok) status = 'delivered';
  else if (r.code === 'gone') status = 'gone';
  else if (final) status = 'failed';
  else {
    status = 'retrying';
    // A Retry-After date is on the receiver's wall clock and the retry's timer is BullMQ's (wall
    // clock too): measured from the injected clock, a demo's replay years back, it read as years.
    const retryAfterMs = parseRetryAfter(r.retryAfter, wallClock.now());
    delayMs = retryDelayMs(attempt, {
      ...(opts.retrySchedule ? { schedule: opts.retrySchedule } : {}),
      ...(opts.jitter !== undefined ? { jitter: opts.jitter } : {}),
      ...(opts.random ? { random: opts.random } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }

  const row = await recordAttempt(ctx.db, {
    subscription_id: sub.id,
    event_seq: msg.event_seq,
    event_type: msg.event_type,
    webhook_id: msg.webhook_id,
    attempt,
    status,
    http_status: r.status,
    latency_ms: r.latencyMs,
    error_code: r.code ?? null,
    error: r.error ?? null,
    response_excerpt: r.excerpt,
    // The log's times are the injected clock's; the timer itself is BullMQ's (wall clock).
    next_attempt_at: delayMs === null ? null : isoAt(endedAt + delayMs),
    created_at: isoAt(sentAt),
  });

  const logged = { subscription: sub.id, webhook_id: msg.webhook_id, attempt, status, http_status: r.status, error: r.error };
  if (status === 'gone') {
    await disableSubscription(ctx.db, sub.id, `receiver answered 410 Gone at ${isoAt(sentAt)}`, isoAt(ctx.clock.now()));
    ctx.log.warn(logged, 'webhook receiver is gone; subscription disabled');
  } else if (status !== 'delivered') {
    ctx.log.warn({ ...logged, next_attempt_at: row.next_attempt_at }, 'webhook attempt failed');
  }

  if (status === 'retrying') return { kind: 'retry', attempt: row, delayMs: delayMs ?? 0 };
  return { kind: status, attempt: row };
}

/**
 * The queued path: loads the message and its subscription, and skips (without sending) when
 * either is gone or the subscription was disabled meanwhile, e.g. by a 410 on another message or
 * an admin's PATCH. A skip for a disabled subscription is a 'skipped' row in its delivery log:
 * otherwise the admin asking "did this message reach them?" would find no trace of it. A
 * deleted subscription takes its log with it (ON DELETE CASCADE), so that skip is only logged.
 */
export async function attemptMessage(ctx: AppContext, opts: DeliveryOptions, webhookId: string, attempt: number, final: boolean): Promise<AttemptOutcome> {
  const msg = await getMessage(ctx.db, webhookId);
  if (!msg) return skipped(ctx, webhookId, 'message not found (subscription deleted?)');
  const sub = await getSubscription(ctx.db, msg.subscription_id);
  if (!sub) return skipped(ctx, webhookId, 'subscription deleted');
  if (!sub.enabled) {
    const reason = `subscription disabled${sub.disabled_reason ? `: ${sub.disabled_reason}` : ''}; not sent`;
    await recordUnsent(ctx, msg, attempt, 'skipped', 'subscription-disabled', reason);
    return skipped(ctx, webhookId, reason);
  }
  return attemptDelivery(ctx, opts, msg, sub, attempt, final);
}

function skipped(ctx: AppContext, webhookId: string, reason: string): AttemptOutcome {
  ctx.log.info({ webhook_id: webhookId, reason }, 'webhook message skipped');
  return { kind: 'skipped', reason };
}

/**
 * A delivery-log row for an attempt that sent nothing: skipped (the subscription is disabled) or
 * failed before or while sending in a way the attempt itself could not record (the worker died
 * mid-send, see workers/webhook.ts).
 */
export async function recordUnsent(
  ctx: AppContext,
  msg: WebhookMessage,
  attempt: number,
  status: Extract<DeliveryStatus, 'skipped' | 'failed'>,
  errorCode: string,
  error: string,
): Promise<DeliveryAttempt> {
  return recordAttempt(ctx.db, {
    subscription_id: msg.subscription_id,
    event_seq: msg.event_seq,
    event_type: msg.event_type,
    webhook_id: msg.webhook_id,
    attempt,
    status,
    http_status: null,
    latency_ms: null,
    error_code: errorCode,
    error,
    response_excerpt: null,
    next_attempt_at: null,
    created_at: isoAt(ctx.clock.now()),
  });
}
