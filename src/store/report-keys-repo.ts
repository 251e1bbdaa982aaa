import type { Db } from './db.js';

/** How long a client's Idempotency-Key names the same report (as Stripe and the IETF draft do). */
export const IDEMPOTENCY_WINDOW_MS = 24 * 3600_000;

export interface ReportKey {
  post_id: string;
  body_hash: string;
}

/** The report an Idempotency-Key named within the window, or null. */
export async function findReportKey(db: Db, scope: string, key: string, nowMs: number): Promise<ReportKey | null> {
  const since = new Date(nowMs - IDEMPOTENCY_WINDOW_MS).toISOString();
  const rows = await db.query<{ post_id: string; body_hash: string }>(
    'SELECT post_id, body_hash FROM report_keys WHERE scope = $1 AND key = $2 AND created_at > $3',
    [scope, key, since],
  );
  return rows[0] ? { post_id: rows[0].post_id, body_hash: rows[0].body_hash } : null;
}

/**
 * Remembers which report a key named, unless another request got there first; returns the
 * winner. Keys older than the window are forgotten on the way.
 */
export async function claimReportKey(db: Db, scope: string, key: string, value: ReportKey, nowMs: number): Promise<ReportKey> {
  const nowIso = new Date(nowMs).toISOString();
  await db.query('DELETE FROM report_keys WHERE created_at <= $1', [new Date(nowMs - IDEMPOTENCY_WINDOW_MS).toISOString()]);
  await db.query('INSERT INTO report_keys (scope, key, post_id, body_hash, created_at) VALUES ($1,$2,$3,$4,$5) ON CONFLICT (scope, key) DO NOTHING', [
    scope,
    key,
    value.post_id,
    value.body_hash,
    nowIso,
  ]);
  return (await findReportKey(db, scope, key, nowMs)) ?? value;
}
