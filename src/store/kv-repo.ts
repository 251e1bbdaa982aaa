import { jsonParam, type Db } from './db.js';
import { json } from './rows.js';

/** Small pieces of pipeline state (burst baselines, reputations) kept as JSON by key. */
export async function getState<T>(db: Db, key: string): Promise<T | null> {
  const rows = await db.query<{ value: unknown }>('SELECT value FROM kv_state WHERE key = $1', [key]);
  return rows[0] ? json<T>(rows[0].value) : null;
}

export async function putState(db: Db, key: string, value: unknown, nowIso: string): Promise<void> {
  await db.query(
    'INSERT INTO kv_state (key, value, updated_at) VALUES ($1,$2,$3) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at',
    [key, jsonParam(value), nowIso],
  );
}
