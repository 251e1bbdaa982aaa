import type { Db } from '../../store/db.js';
import {
  insertSubscription,
  selectSubscription,
  selectSubscriptions,
  updateStoredSubscription,
  type StoredSubscription,
  type StoredSubscriptionChanges,
} from '../../store/webhook-subscriptions-repo.js';
import { filtersSchema, type WebhookFilters } from './schemas.js';

export { deleteSubscription, newSubscriptionId } from '../../store/webhook-subscriptions-repo.js';

/**
 * Webhook subscriptions with their filters read: the SQL is in src/store/; here each stored
 * filter set is parsed again, so filters stored by an older version get today's defaults.
 */
export type Subscription = StoredSubscription<WebhookFilters>;

export type NewSubscription = Pick<Subscription, 'url' | 'format' | 'secret' | 'description' | 'filters' | 'enabled'>;

export type SubscriptionChanges = Omit<StoredSubscriptionChanges, 'filters'> & { filters?: WebhookFilters };

function withFilters(s: StoredSubscription): Subscription {
  return { ...s, filters: filtersSchema.parse(s.filters ?? {}) };
}

/**
 * Stores a new subscription.
 *
 * @example
 * const sub = await createSubscription(db, { url, format: 'slack', secret: generateSecret(),
 *   description: null, filters: DEFAULT_FILTERS, enabled: true }, nowIso);
 */
export async function createSubscription(db: Db, s: NewSubscription, nowIso: string): Promise<Subscription> {
  return withFilters(await insertSubscription(db, s, nowIso));
}

export async function getSubscription(db: Db, id: string): Promise<Subscription | null> {
  const s = await selectSubscription(db, id);
  return s ? withFilters(s) : null;
}

export async function listSubscriptions(db: Db, opts: { enabledOnly?: boolean } = {}): Promise<Subscription[]> {
  return (await selectSubscriptions(db, opts)).map(withFilters);
}

/** Applies the given changes; null when there is no such subscription. */
export async function updateSubscription(db: Db, id: string, changes: SubscriptionChanges, nowIso: string): Promise<Subscription | null> {
  const s = await updateStoredSubscription(db, id, changes, nowIso);
  return s ? withFilters(s) : null;
}

/** Stops deliveries because the receiver asked us to (410 Gone), recording why. */
export async function disableSubscription(db: Db, id: string, reason: string, nowIso: string): Promise<void> {
  await updateSubscription(db, id, { enabled: false, disabled_reason: reason }, nowIso);
}

/** How long the secret before a rotation keeps signing beside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 3600_000;

/**
 * The secrets that sign an attempt now: the current one, and for ROTATION_OVERLAP_MS after a
 * rotation the previous one too, so a receiver still holding it keeps verifying (Standard
 * Webhooks: several space-separated signatures, any one that matches will do).
 */
export function signingSecrets(sub: Pick<Subscription, 'secret' | 'previous_secret' | 'previous_secret_until'>, nowMs: number): string[] {
  const overlap = sub.previous_secret && sub.previous_secret_until && Date.parse(sub.previous_secret_until) > nowMs;
  return overlap ? [sub.secret, sub.previous_secret!] : [sub.secret];
}

/** The changes of a rotation at `nowMs`: a new secret, the current one kept signing for the overlap. */
export function rotation(sub: Pick<Subscription, 'secret'>, newSecret: string, nowMs: number): SubscriptionChanges {
  return { secret: newSecret, previous_secret: sub.secret, previous_secret_until: new Date(nowMs + ROTATION_OVERLAP_MS).toISOString() };
}
