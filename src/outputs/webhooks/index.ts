/** Webhook outputs: what the rest of the app wires (routes live in src/api/routes/webhooks.ts). */
export { attemptDelivery, attemptMessage, deliveryOptions } from './attempt.js';
export type { AttemptOutcome, DeliveryOptions } from './attempt.js';
export { defaultPublicBaseUrl, fanOutEvent, webhookMessageId } from './fan-out.js';
export type { FanOutOptions } from './fan-out.js';
export { closeWebhookQueue, WEBHOOK_QUEUE, webhookQueue, webhookQueueDepth } from './queue.js';
export type { WebhookJobData } from './queue.js';
export { DEFAULT_RETRY_SCHEDULE_MS, MAX_ATTEMPTS, retryDelayMs } from './retry-schedule.js';
export { generateSecret, sign, signatureHeaders, verifySignature } from './signing.js';
