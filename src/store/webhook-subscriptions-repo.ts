import { randomBytes } from 'node:crypto';
import type { Db, Row } from './db.js';
import { iso, json } from './rows.js';
import type { WebhookFormat } from '../domain/webhook.js';

/**
 * The webhook_subscriptions table. Filters are stored as JSON and handed back as stored: what
 * they mean, and the defaults a filter stored by an older version gets, are the webhook
 * module's (src/outputs/webhooks/subscriptions.ts).
 */

/** A webhook subscription as stored, secret included: only the signer and create/rotate see it. */
export interface StoredSubscription<F = unknown> {
  id: string;
  url: string;
  format: WebhookFormat;
  /** `whsec_` + base64 key. Kept in clear because every attempt must sign with it. */
  secret: string;
  /** The secret before the last rotation: it signs too, beside `secret`, until previous_secret_until. */
  previous_secret: string | null;
  previous_secret_until: string | null;
  description: string | null;
  filters: F;
  enabled: boolean;
  /** Why delivery stopped by itself (410 Gone), so an admin can tell it from a manual disable. */
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}

export type NewStoredSubscription = Pick<StoredSubscription, 'url' | 'format' | 'secret' | 'description' | 'filters' | 'enabled'>;

export type StoredSubscriptionChanges = Partial<
  Pick<
    StoredSubscription,
    'url' | 'format' | 'secret' | 'previous_secret' | 'previous_secret_until' | 'description' | 'filters' | 'enabled' | 'disabled_reason'
  >
>;

/** `wh_` + 24 hex digits: unguessable, and safe inside a BullMQ job id (no `:`). */
export function newSubscriptionId(): string {
  return `wh_${randomBytes(12).toString('hex')}`;
}

function toSubscription(r: Row): StoredSubscription {
  return {
    id: String(r.id),
    url: String(r.url),
    format: String(r.format) as WebhookFormat,
    secret: String(r.secret),
    previous_secret: r.previous_secret === null || r.previous_secret === undefined ? null : String(r.previous_secret),
    previous_secret_until: r.previous_secret_until === null || r.previous_secret_until === undefined ? null : iso(r.previous_secret_until),
    description: r.description === null || r.description === undefined ? null : String(r.description),
    filters: json<unknown>(r.filters) ?? {},
    enabled: Boolean(r.enabled),
    disabled_reason: r.disabled_reason === null || r.disabled_reason === undefined ? null : String(r.disabled_reason),
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  };
}

export async function insertSubscription(db: Db, s: NewStoredSubscription, nowIso: string): Promise<StoredSubscription> {
  const rows = await db.query(
    `INSERT INTO webhook_subscriptions (id, url, format, secret, description, filters, enabled, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8) RETURNING *`,
    [newSubscriptionId(), s.url, s.format, s.secret, s.description, JSON.stringify(s.filters), s.enabled, nowIso],
  );
  return toSubscription(rows[0]!);
}

export async function selectSubscription(db: Db, id: string): Promise<StoredSubscription | null> {
  const rows = await db.query('SELECT * FROM webhook_subscriptions WHERE id = $1', [id]);
  return rows[0] ? toSubscription(rows[0]) : null;
}

export async function selectSubscriptions(db: Db, opts: { enabledOnly?: boolean } = {}): Promise<StoredSubscription[]> {
  const where = opts.enabledOnly ? 'WHERE enabled' : '';
  return (await db.query(`SELECT * FROM webhook_subscriptions ${where} ORDER BY created_at, id`)).map(toSubscription);
}

// Column names go into the SQL text, so they come from this list, never from the caller's keys.
const CHANGEABLE = [
  'url',
  'format',
  'secret',
  'previous_secret',
  'previous_secret_until',
  'description',
  'filters',
  'enabled',
  'disabled_reason',
] as const satisfies ReadonlyArray<keyof StoredSubscriptionChanges>;

/** Applies the given changes; null when there is no such subscription. */
export async function updateStoredSubscription(db: Db, id: string, changes: StoredSubscriptionChanges, nowIso: string): Promise<StoredSubscription | null> {
  const sets: string[] = [];
  const params: unknown[] = [id, nowIso];
  for (const column of CHANGEABLE) {
    const value = changes[column];
    if (value === undefined) continue;
    params.push(column === 'filters' ? JSON.stringify(value) : value);
    sets.push(`${column} = $${params.length}`);
  }
  const rows = await db.query(`UPDATE webhook_subscriptions SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1 RETURNING *`, params);
  return rows[0] ? toSubscription(rows[0]) : null;
}

/** Deletes the subscription with its messages and delivery log; false when it did not exist. */
export async function deleteSubscription(db: Db, id: string): Promise<boolean> {
  return (await db.query('DELETE FROM webhook_subscriptions WHERE id = $1 RETURNING id', [id])).length > 0;
}
