import type { Db, Row } from './db.js';
import { iso, isoOrNull } from './rows.js';
import type { DeliveryStatus, WebhookEventType } from '../domain/webhook.js';

/** The delivery log: one row per HTTP attempt, what admins read at GET /webhooks/:id/deliveries. */

export interface DeliveryAttempt {
  id: number;
  subscription_id: string;
  event_seq: number | null;
  event_type: WebhookEventType;
  /** The Standard Webhooks message id: the same on every attempt of one message. */
  webhook_id: string;
  /** 1 for the first try. */
  attempt: number;
  status: DeliveryStatus;
  http_status: number | null;
  latency_ms: number | null;
  /** Why it failed, as a code to filter on (timeout, redirect, http-status, blocked-address...). */
  error_code: string | null;
  error: string | null;
  /** The first bytes the receiver answered, for debugging a rejection. */
  response_excerpt: string | null;
  next_attempt_at: string | null;
  created_at: string;
}

export type NewDeliveryAttempt = Omit<DeliveryAttempt, 'id'>;

function toAttempt(r: Row): DeliveryAttempt {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: Number(r.id),
    subscription_id: String(r.subscription_id),
    event_seq: num(r.event_seq),
    event_type: String(r.event_type) as WebhookEventType,
    webhook_id: String(r.webhook_id),
    attempt: Number(r.attempt),
    status: String(r.status) as DeliveryStatus,
    http_status: num(r.http_status),
    latency_ms: num(r.latency_ms),
    error_code: str(r.error_code),
    error: str(r.error),
    response_excerpt: str(r.response_excerpt),
    next_attempt_at: isoOrNull(r.next_attempt_at),
    created_at: iso(r.created_at),
  };
}

export async function recordAttempt(db: Db, a: NewDeliveryAttempt): Promise<DeliveryAttempt> {
  const rows = await db.query(
    `INSERT INTO webhook_deliveries (subscription_id, event_seq, event_type, webhook_id, attempt, status, http_status,
       latency_ms, error_code, error, response_excerpt, next_attempt_at, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING *`,
    [
      a.subscription_id,
      a.event_seq,
      a.event_type,
      a.webhook_id,
      a.attempt,
      a.status,
      a.http_status,
      a.latency_ms,
      a.error_code,
      a.error,
      a.response_excerpt,
      a.next_attempt_at,
      a.created_at,
    ],
  );
  return toAttempt(rows[0]!);
}

/** A subscription's attempts, newest first, keyset-paginated on id. */
export async function listAttempts(db: Db, subscriptionId: string, page: { limit: number; before?: number }): Promise<DeliveryAttempt[]> {
  const rows =
    page.before === undefined
      ? await db.query('SELECT * FROM webhook_deliveries WHERE subscription_id = $1 ORDER BY id DESC LIMIT $2', [subscriptionId, page.limit])
      : await db.query('SELECT * FROM webhook_deliveries WHERE subscription_id = $1 AND id < $3 ORDER BY id DESC LIMIT $2', [
          subscriptionId,
          page.limit,
          page.before,
        ]);
  return rows.map(toAttempt);
}

/** Every attempt of one message, first to last. */
export async function attemptsOf(db: Db, webhookId: string): Promise<DeliveryAttempt[]> {
  return (await db.query('SELECT * FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY attempt, id', [webhookId])).map(toAttempt);
}
