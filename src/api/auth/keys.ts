import { createHash, randomBytes } from 'node:crypto';

/**
 * API key format: `ork_<10 hex>_<secret>`. The part before the second underscore is the key's
 * id: public, it names the key in lists, logs and `revoke`. The secret is 256 random bits.
 * Only SHA-256 of the whole key is stored: with that much entropy a slow password hash buys
 * nothing, and looking keys up by hash means our code never compares secrets byte by byte
 * (nothing to time).
 */
const KEY_RE = /^(ork_[0-9a-f]{10})_[A-Za-z0-9_-]{43}$/;
export const KEY_ID_RE = /^ork_[0-9a-f]{10}$/;

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
