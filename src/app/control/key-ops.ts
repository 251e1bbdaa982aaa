import { z } from 'zod';
import type { Db } from '../../store/db.js';
import { listKeys, revokeKey, type ApiKey } from '../../store/api-keys-repo.js';
import { ROLES } from '../../domain/roles.js';
import { createKey, KEY_ID_RE } from '../../api/auth/keys.js';

/**
 * What `outage-radar api-key` asks of the store, as data: run here on a store this process
 * opened, or sent over the control socket to the process that owns the embedded store.
 */
export const keyOp = z.discriminatedUnion('op', [
  z.object({ op: z.literal('api-key.create'), name: z.string().trim().min(1).max(100), role: z.enum(ROLES) }),
  z.object({ op: z.literal('api-key.list') }),
  z.object({ op: z.literal('api-key.revoke'), id: z.string().regex(KEY_ID_RE) }),
]);
export type KeyOp = z.infer<typeof keyOp>;

export type KeyOpResult =
  { op: 'api-key.create'; key: ApiKey & { key: string } } | { op: 'api-key.list'; keys: ApiKey[] } | { op: 'api-key.revoke'; key: ApiKey | null };

export async function runKeyOp(db: Db, op: KeyOp, nowIso: string): Promise<KeyOpResult> {
  switch (op.op) {
    case 'api-key.create':
      return { op: op.op, key: await createKey(db, op.name, op.role, nowIso) };
    case 'api-key.list':
      return { op: op.op, keys: await listKeys(db) };
    case 'api-key.revoke':
      return { op: op.op, key: await revokeKey(db, op.id, nowIso) };
  }
}
