import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptDelivery, deliveryOptions } from '../../src/outputs/webhooks/attempt.js';
import { filtersSchema } from '../../src/outputs/webhooks/schemas.js';
import { generateSecret } from '../../src/outputs/webhooks/signing.js';
import { createSubscription } from '../../src/outputs/webhooks/subscriptions.js';
import { attemptsOf } from '../../src/store/webhook-deliveries-repo.js';
import { testRuntime, VirtualClock } from '../helpers/runtime.js';
import { startReceiver, T0, type Receiver } from './helpers.js';

// A slow receiver: the clock moves 15 s while it answers (a timeout's length), as a real one
// would. The retry's time must count from the end of that attempt, not from its start: a log
// that says "next attempt at" a time already past when the row is written misleads whoever reads it.
describe('webhook attempt timing', () => {
  const clock = new VirtualClock(T0);
  let rt: Awaited<ReturnType<typeof testRuntime>>;
  let rx: Receiver;
  beforeAll(async () => {
    rt = await testRuntime({ allowPrivate: ['127.0.0.1/32'], clock });
    rx = await startReceiver((_n, _req, res) => {
      clock.advance(15_000);
      res.writeHead(500).end('slow and broken');
    });
  });
  afterAll(async () => {
    await rx?.close();
    await rt?.cleanup();
  });

  /** A generic subscription to a receiver, created at T0. */
  const subscriptionTo = (origin: string) =>
    createSubscription(
      rt.ctx.db,
      { url: `${origin}/`, format: 'generic', secret: generateSecret(), description: null, filters: filtersSchema.parse({}), enabled: true },
      new Date(T0).toISOString(),
    );
  /** A stored test message for the subscription, created at T0. */
  const testMessage = (webhookId: string, subscriptionId: string) => ({
    webhook_id: webhookId,
    subscription_id: subscriptionId,
    event_seq: null,
    incident_id: null,
    event_type: 'incident.test' as const,
    body: '{"type":"incident.test"}',
    created_at: new Date(T0).toISOString(),
  });

  it('when an attempt takes 15 s and fails, then next_attempt_at is its end plus the delay, and created_at its start', async () => {
    const sub = await subscriptionTo(rx.origin);
    const msg = testMessage('msg_timing_1', sub.id);
    const outcome = await attemptDelivery(rt.ctx, deliveryOptions(rt.ctx, { retrySchedule: [60_000], jitter: 0 }), msg, sub, 1, false);
    expect(outcome).toMatchObject({ kind: 'retry', delayMs: 60_000 });
    const [row] = await attemptsOf(rt.ctx.db, 'msg_timing_1');
    expect(row).toMatchObject({
      status: 'retrying',
      http_status: 500,
      created_at: new Date(T0).toISOString(),
      next_attempt_at: new Date(T0 + 15_000 + 60_000).toISOString(),
    });
  });

  it('when a receiver answers Retry-After as a date while the service runs on a clock years back (a demo), then the wait is measured on the wall clock', async () => {
    // The date is the receiver's wall clock and the retry's timer BullMQ's (wall clock too); measured
    // from the replay clock, "in 2 minutes" read as nine years and parked the message for a day (the cap).
    const later = await startReceiver((_n, _req, res) => {
      res.writeHead(503, { 'retry-after': new Date(Date.now() + 120_000).toUTCString() }).end('busy');
    });
    try {
      const sub = await subscriptionTo(later.origin);
      const msg = testMessage('msg_timing_2', sub.id);
      const outcome = await attemptDelivery(rt.ctx, deliveryOptions(rt.ctx, { retrySchedule: [1_000], jitter: 0 }), msg, sub, 1, false);
      expect(outcome.kind).toBe('retry');
      const delayMs = outcome.kind === 'retry' ? outcome.delayMs : 0;
      // HTTP dates have whole seconds.
      expect(delayMs).toBeGreaterThan(110_000);
      expect(delayMs).toBeLessThanOrEqual(120_000);
    } finally {
      await later.close();
    }
  });
});
