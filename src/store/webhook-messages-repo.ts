import type { Db, Row } from './db.js';
import { iso } from './rows.js';
import type { WebhookEventType } from '../domain/webhook.js';

/**
 * A rendered message for one subscription. Stored once, at fan-out, so that every retry sends
 * the same bytes under the same webhook_id, however the incident changes meanwhile.
 */
export interface WebhookMessage {
  webhook_id: string;
  subscription_id: string;
  event_seq: number | null;
  incident_id: string | null;
  event_type: WebhookEventType;
  body: string;
  created_at: string;
}

function toMessage(r: Row): WebhookMessage {
  return {
    webhook_id: String(r.webhook_id),
    subscription_id: String(r.subscription_id),
    event_seq: r.event_seq === null || r.event_seq === undefined ? null : Number(r.event_seq),
    incident_id: r.incident_id === null || r.incident_id === undefined ? null : String(r.incident_id),
    event_type: String(r.event_type) as WebhookEventType,
    body: String(r.body),
    created_at: iso(r.created_at),
  };
}

/** Stores the message unless it exists (fan-out may run twice); returns the stored one. */
export async function saveMessage(db: Db, m: WebhookMessage): Promise<WebhookMessage> {
  await db.query(
    `INSERT INTO webhook_messages (webhook_id, subscription_id, event_seq, incident_id, event_type, body, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (webhook_id) DO NOTHING`,
    [m.webhook_id, m.subscription_id, m.event_seq, m.incident_id, m.event_type, m.body, m.created_at],
  );
  return (await getMessage(db, m.webhook_id)) ?? m;
}

export async function getMessage(db: Db, webhookId: string): Promise<WebhookMessage | null> {
  const rows = await db.query('SELECT * FROM webhook_messages WHERE webhook_id = $1', [webhookId]);
  return rows[0] ? toMessage(rows[0]) : null;
}

/** Subscriptions that were sent a message about this incident for an event before `beforeSeq`. */
export async function subscriptionsSentEarlier(db: Db, incidentId: string, beforeSeq: number): Promise<Set<string>> {
  const rows = await db.query<{ subscription_id: string }>('SELECT DISTINCT subscription_id FROM webhook_messages WHERE incident_id = $1 AND event_seq < $2', [
    incidentId,
    beforeSeq,
  ]);
  return new Set(rows.map((r) => String(r.subscription_id)));
}
