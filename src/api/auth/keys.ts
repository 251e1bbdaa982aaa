import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../store/db.js';
import { findActiveKeyByHash, insertKey, touchKey, type ApiKey } from '../../store/api-keys-repo.js';
import type { Role } from '../../domain/roles.js';

/**
 * API key format: `ork_<10 hex>_<secret>`. The part before the second underscore is the key's
 * id: public, it names the key in lists, logs and `revoke`. The secret is 256 random bits.
 * Only SHA-256 of the whole key is stored: with that much entropy a slow password hash buys
 * nothing, and looking keys up by hash means our code never compares secrets byte by byte
 * (nothing to time).
 */
const KEY_RE = /^(ork_[0-9a-f]{10})_[A-Za-z0-9_-]{43}$/;
export const KEY_ID_RE = /^ork_[0-9a-f]{10}$/;

/** last_used_at is written at most this often per key, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 60_000;

export interface NewKey {
  id: string;
  key: string;
  hash: string;
}

export function generateKey(): NewKey {
  const id = `ork_${randomBytes(5).toString('hex')}`;
  const key = `${id}_${randomBytes(32).toString('base64url')}`;
  return { id, key, hash: hashKey(key) };
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** True when the string could be a key: garbage is refused without a store round trip. */
export function looksLikeKey(s: string): boolean {
  return KEY_RE.test(s);
}

/** Creates a key and returns it with its secret: the only time the secret exists outside the caller. */
export async function createKey(db: Db, name: string, role: Role, nowIso: string): Promise<ApiKey & { key: string }> {
  const k = generateKey();
  return { ...(await insertKey(db, { id: k.id, hash: k.hash, name, role }, nowIso)), key: k.key };
}

/** The live key a presented secret belongs to, or null (unknown, malformed or revoked). */
export async function findActiveKey(db: Db, presented: string, nowMs: number): Promise<ApiKey | null> {
  if (!looksLikeKey(presented)) return null;
  const key = await findActiveKeyByHash(db, hashKey(presented));
  if (!key) return null;
  if (!key.last_used_at || nowMs - Date.parse(key.last_used_at) > TOUCH_EVERY_MS) {
    const at = new Date(nowMs).toISOString();
    await touchKey(db, key.id, at);
    key.last_used_at = at;
  }
  return key;
}
