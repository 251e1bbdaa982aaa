import { randomBytes } from 'node:crypto';
import type { Db, Row } from '../../store/db.js';
import { iso, json } from '../../store/rows.js';
import type { WebhookFormat } from './formats/index.js';
import { filtersSchema, type WebhookFilters } from './schemas.js';

/** A webhook subscription as stored, secret included: only the signer and create/rotate see it. */
export interface Subscription {
  id: string;
  url: string;
  format: WebhookFormat;
  /** `whsec_` + base64 key. Kept in clear because every attempt must sign with it. */
  secret: string;
  description: string | null;
  filters: WebhookFilters;
  enabled: boolean;
  /** Why delivery stopped by itself (410 Gone), so an admin can tell it from a manual disable. */
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}

export type NewSubscription = Pick<Subscription, 'url' | 'format' | 'secret' | 'description' | 'filters' | 'enabled'>;

export type SubscriptionChanges = Partial<Pick<Subscription, 'url' | 'format' | 'secret' | 'description' | 'filters' | 'enabled' | 'disabled_reason'>>;

/** `wh_` + 24 hex digits: unguessable, and safe inside a BullMQ job id (no `:`). */
export function newSubscriptionId(): string {
  return `wh_${randomBytes(12).toString('hex')}`;
}

function toSubscription(r: Row): Subscription {
  return {
    id: String(r.id),
    url: String(r.url),
    format: String(r.format) as WebhookFormat,
    secret: String(r.secret),
    description: r.description === null || r.description === undefined ? null : String(r.description),
    // Parsed again so filters stored by an older version get today's defaults.
    filters: filtersSchema.parse(json<unknown>(r.filters) ?? {}),
    enabled: Boolean(r.enabled),
    disabled_reason: r.disabled_reason === null || r.disabled_reason === undefined ? null : String(r.disabled_reason),
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  };
}

/**
 * Stores a new subscription.
 *
 * @example
 * const sub = await createSubscription(db, { url, format: 'slack', secret: generateSecret(),
 *   description: null, filters: DEFAULT_FILTERS, enabled: true }, nowIso);
 */
export async function createSubscription(db: Db, s: NewSubscription, nowIso: string): Promise<Subscription> {
  const rows = await db.query(
    `INSERT INTO webhook_subscriptions (id, url, format, secret, description, filters, enabled, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8) RETURNING *`,
    [newSubscriptionId(), s.url, s.format, s.secret, s.description, JSON.stringify(s.filters), s.enabled, nowIso],
  );
  return toSubscription(rows[0]!);
}

export async function getSubscription(db: Db, id: string): Promise<Subscription | null> {
  const rows = await db.query('SELECT * FROM webhook_subscriptions WHERE id = $1', [id]);
  return rows[0] ? toSubscription(rows[0]) : null;
}

export async function listSubscriptions(db: Db, opts: { enabledOnly?: boolean } = {}): Promise<Subscription[]> {
  const where = opts.enabledOnly ? 'WHERE enabled' : '';
  return (await db.query(`SELECT * FROM webhook_subscriptions ${where} ORDER BY created_at, id`)).map(toSubscription);
}

// Column names go into the SQL text, so they come from this list, never from the caller's keys.
const CHANGEABLE = ['url', 'format', 'secret', 'description', 'filters', 'enabled', 'disabled_reason'] as const satisfies ReadonlyArray<
  keyof SubscriptionChanges
>;

/** Applies the given changes; null when there is no such subscription. */
export async function updateSubscription(db: Db, id: string, changes: SubscriptionChanges, nowIso: string): Promise<Subscription | null> {
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

/** Stops deliveries because the receiver asked us to (410 Gone), recording why. */
export async function disableSubscription(db: Db, id: string, reason: string, nowIso: string): Promise<void> {
  await updateSubscription(db, id, { enabled: false, disabled_reason: reason }, nowIso);
}

/** Deletes the subscription with its messages and delivery log; false when it did not exist. */
export async function deleteSubscription(db: Db, id: string): Promise<boolean> {
  return (await db.query('DELETE FROM webhook_subscriptions WHERE id = $1 RETURNING id', [id])).length > 0;
}
