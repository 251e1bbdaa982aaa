/**
 * Webhook subscriptions, the messages rendered for them, and the delivery log.
 *
 * - webhook_subscriptions: where to send, in which format, signed with which secret, and which
 *   incidents the subscriber wants (filters). A receiver answering 410 Gone is disabled with a
 *   reason rather than deleted, so an admin can see why it went quiet.
 * - webhook_messages: one row per (incident event, subscription), rendered once at fan-out.
 *   Every retry re-sends this exact body under the same webhook_id (Standard Webhooks: the id is
 *   the receiver's idempotency key). It also records which incidents a subscriber was sent,
 *   which decides who hears about a resolution.
 * - webhook_deliveries: one row per HTTP attempt, the log admins read.
 */
export const webhooksMigration = {
  id: 2,
  name: 'webhooks',
  sql: `
CREATE TABLE webhook_subscriptions (
  id text PRIMARY KEY,
  url text NOT NULL,
  format text NOT NULL CHECK (format IN ('generic', 'slack', 'teams', 'discord')),
  secret text NOT NULL,
  description text,
  filters jsonb NOT NULL DEFAULT '{}',
  enabled boolean NOT NULL DEFAULT true,
  disabled_reason text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE webhook_messages (
  webhook_id text PRIMARY KEY,
  subscription_id text NOT NULL REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
  event_seq bigint,
  incident_id text,
  event_type text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX webhook_messages_incident ON webhook_messages (subscription_id, incident_id);

CREATE TABLE webhook_deliveries (
  id bigserial PRIMARY KEY,
  subscription_id text NOT NULL REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
  event_seq bigint,
  event_type text NOT NULL,
  webhook_id text NOT NULL,
  attempt integer NOT NULL,
  status text NOT NULL,
  http_status integer,
  latency_ms integer,
  error_code text,
  error text,
  response_excerpt text,
  next_attempt_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, id DESC);
CREATE INDEX webhook_deliveries_message ON webhook_deliveries (webhook_id, attempt);
`,
};
