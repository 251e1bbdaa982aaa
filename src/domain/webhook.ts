/**
 * Webhook words, defined once: the store keeps them and the outputs render and validate them.
 */

/** The request body shapes a subscription may ask for. */
export const WEBHOOK_FORMATS = ['generic', 'slack', 'teams', 'discord'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** What a webhook message is about (Standard Webhooks `type`). */
export const WEBHOOK_EVENT_TYPES = ['incident.opened', 'incident.changed', 'incident.resolved', 'incident.faded', 'incident.test'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * How one delivery attempt ended:
 * - delivered: the receiver answered 2xx
 * - retrying: it failed and another attempt is scheduled at next_attempt_at
 * - failed: it failed and this was the last attempt, or it was given up without an answer
 *   (error_code worker-died: the worker sending it died mid-attempt too often; it may have arrived)
 * - gone: the receiver answered 410; the subscription is now disabled
 * - skipped: nothing was sent because the subscription had been disabled since the message was queued
 */
export const DELIVERY_STATUSES = ['delivered', 'retrying', 'failed', 'gone', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
