import type { Db } from './db.js';
import { iso, isoOrNull } from './rows.js';
import { isRole, type Role } from '../domain/roles.js';

/**
 * The api_keys table. The key format, its hashing and when a use is worth recording are the
 * API's (src/api/auth/keys.ts); this holds the SQL, and only ever sees a key's hash.
 */

/** A key as lists show it: never the secret, never the hash. */
export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

function toKey(r: Record<string, unknown>): ApiKey {
  const role = r.role;
  if (!isRole(role)) throw new Error(`api key ${String(r.id)} has unknown role ${String(role)}`);
  return {
    id: String(r.id),
    name: String(r.name),
    role,
    created_at: iso(r.created_at),
    last_used_at: isoOrNull(r.last_used_at),
    revoked_at: isoOrNull(r.revoked_at),
  };
}

const COLUMNS = 'id, name, role, created_at, last_used_at, revoked_at';

/** Stores a new key by its id and hash. */
export async function insertKey(db: Db, k: { id: string; hash: string; name: string; role: Role }, nowIso: string): Promise<ApiKey> {
  const rows = await db.query(`INSERT INTO api_keys (id, name, role, key_hash, created_at) VALUES ($1,$2,$3,$4,$5) RETURNING ${COLUMNS}`, [
    k.id,
    k.name,
    k.role,
    k.hash,
    nowIso,
  ]);
  return toKey(rows[0]!);
}

export async function listKeys(db: Db): Promise<ApiKey[]> {
  return (await db.query(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`)).map(toKey);
}

export async function getKey(db: Db, id: string): Promise<ApiKey | null> {
  const rows = await db.query(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1`, [id]);
  return rows[0] ? toKey(rows[0]) : null;
}

/** Revokes a key; null when there is no such key. Revoking twice keeps the first time. */
export async function revokeKey(db: Db, id: string, nowIso: string): Promise<ApiKey | null> {
  const rows = await db.query(`UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING ${COLUMNS}`, [id, nowIso]);
  return rows[0] ? toKey(rows[0]) : null;
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM api_keys WHERE role = 'admin' AND revoked_at IS NULL`);
  return Number(r[0]?.n ?? 0);
}

/** The live (not revoked) key with this hash, or null. */
export async function findActiveKeyByHash(db: Db, keyHash: string): Promise<ApiKey | null> {
  const rows = await db.query(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`, [keyHash]);
  return rows[0] ? toKey(rows[0]) : null;
}

/** Records when a key was last used. */
export async function touchKey(db: Db, id: string, atIso: string): Promise<void> {
  await db.query('UPDATE api_keys SET last_used_at = $2 WHERE id = $1', [id, atIso]);
}

/** Which of these key ids are revoked (or gone): what an open stream must not keep. */
export async function revokedAmong(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.query<{ id: string }>('SELECT id FROM api_keys WHERE id = ANY($1) AND revoked_at IS NULL', [[...ids]]);
  const live = new Set(rows.map((r) => String(r.id)));
  return new Set(ids.filter((id) => !live.has(id)));
}
