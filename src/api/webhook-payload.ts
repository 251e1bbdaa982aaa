import { z } from 'zod';
import { INCIDENT_STATES, SEVERITIES } from '../domain/incident.js';
import { OFFICIAL_PAGE_STATES } from '../domain/source.js';
import { WEBHOOK_EVENT_TYPES } from '../domain/webhook.js';
import { affectedFeatureOut } from './schemas.js';

/**
 * The generic format's body (src/outputs/webhooks/event.ts, WebhookEvent), for the OpenAPI
 * document's `webhooks` section. Strict objects: test/webhooks checks real bodies against it, so
 * a field added to the payload without being documented fails there.
 */
const isoTime = z.string().describe('ISO 8601 time');
const features = z.array(affectedFeatureOut);

export const webhookIncidentOut = z
  .strictObject({
    id: z.string().describe('The incident id (`test` for incident.test)'),
    provider: z.string().describe('Catalog id (`example` for incident.test)'),
    provider_name: z.string(),
    title: z.string(),
    status: z.enum(INCIDENT_STATES).describe("The status at this event's time (the incident may have moved on since)"),
    severity: z.enum(SEVERITIES),
    confidence: z.number().describe('In [0, 1]'),
    components: z.array(z.string()),
    regions: z.array(z.string()),
    first_seen_at: isoTime,
    updated_at: isoTime.describe('When the incident last changed, as this message was rendered: never goes back for one incident'),
    official_lag_seconds: z.number().nullable().describe("How long the provider's status page lagged behind us, once it spoke"),
    silent_for_seconds: z.number().nullable().describe('Seconds the status page has stayed silent; null where it is not watched or cannot be read'),
    official_page: z
      .strictObject({
        state: z.enum(OFFICIAL_PAGE_STATES).describe('As GET /api/v1/providers gives it'),
        last_success_at: isoTime.nullable(),
        text: z
          .string()
          .describe('"silent for 8 min", "posted 5 min after we saw it", "not watched", "unreachable", "unreadable (paused)" or "no official post"'),
      })
      .describe("What we can read of the provider's status page"),
    affects: features.describe('Features of ours this touches (impact map): the name the API uses'),
    affected_features: features.describe('The same list as `affects`, under its first name: kept for receivers written against it'),
  })
  .describe('The incident as the message shows it');

export const webhookEventOut = z
  .strictObject({
    type: z.enum(WEBHOOK_EVENT_TYPES).describe('incident.test: sent only by POST /webhooks/{id}/test, about a fake incident of provider `example`'),
    timestamp: isoTime.describe(
      'When the change happened (the event time; in a demo, the replay clock). The webhook-timestamp header is the signing time instead',
    ),
    data: z.strictObject({
      event_seq: z
        .number()
        .int()
        .nullable()
        .describe(
          'The event sequence number (null for incident.test): increasing across all incidents, with gaps. Deliveries may arrive out of order after a retry: ' +
            'keep the highest event_seq applied per incident.id and drop a message with a lower one',
        ),
      summary: z.string().describe('What changed, in one sentence'),
      incident: webhookIncidentOut,
      link: z.string().describe('Where the whole story is read: GET /api/v1/incidents/{id}'),
    }),
  })
  .describe(
    'The body of a generic-format webhook, signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature headers); the same webhook-id on every retry',
  );
