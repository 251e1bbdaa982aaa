import type { Db } from '../../store/db.js';
import { iso, isoOrNull } from '../../store/rows.js';
import { generateKey, hashKey, looksLikeKey } from './keys.js';
import { isRole, type Role } from './roles.js';

/** A key as lists show it: never the secret, never the hash. */
export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** last_used_at is written at most this often per key, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 60_000;

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

/** Creates a key and returns it with its secret: the only time the secret exists outside the caller. */
export async function createKey(db: Db, name: string, role: Role, nowIso: string): Promise<ApiKey & { key: string }> {
  const k = generateKey();
  const rows = await db.query(`INSERT INTO api_keys (id, name, role, key_hash, created_at) VALUES ($1,$2,$3,$4,$5) RETURNING ${COLUMNS}`, [
    k.id,
    name,
    role,
    k.hash,
    nowIso,
  ]);
  return { ...toKey(rows[0]!), key: k.key };
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

/** The live key a presented secret belongs to, or null (unknown, malformed or revoked). */
export async function findActiveKey(db: Db, presented: string, nowMs: number): Promise<ApiKey | null> {
  if (!looksLikeKey(presented)) return null;
  const rows = await db.query(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`, [hashKey(presented)]);
  if (!rows[0]) return null;
  const key = toKey(rows[0]);
  if (!key.last_used_at || nowMs - Date.parse(key.last_used_at) > TOUCH_EVERY_MS) {
    const at = new Date(nowMs).toISOString();
    await db.query('UPDATE api_keys SET last_used_at = $2 WHERE id = $1', [key.id, at]);
    key.last_used_at = at;
  }
  return key;
}
