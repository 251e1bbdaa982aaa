import { Router } from 'express';
import type { AppContext } from '../../app/context.js';
import { wallClock } from '../../core/clock.js';
import { ApiError, notFound } from '../errors.js';
import { keyCreateBody } from '../schemas.js';
import { parseBody } from '../validate.js';
import { countActiveAdmins, getKey, listKeys, revokeKey } from '../../store/api-keys-repo.js';
import { createKey } from './keys.js';

/**
 * POST/GET /keys and DELETE /keys/:id. Mounted behind the admin guard. The secret appears in
 * the creation response only.
 */
export function keyRoutes(ctx: AppContext): Router {
  const r = Router();
  const now = () => new Date(wallClock.now()).toISOString(); // operational time, not ctx.clock

  r.post('/keys', async (req, res) => {
    const body = parseBody(keyCreateBody, req);
    const created = await createKey(ctx.db, body.name, body.role, now());
    ctx.log.info({ key: created.id, role: created.role, name: created.name }, 'api key created');
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(created);
  });

  r.get('/keys', async (_req, res) => {
    res.json({ keys: await listKeys(ctx.db) });
  });

  r.delete('/keys/:id', async (req, res) => {
    const id = req.params.id;
    const existing = await getKey(ctx.db, id);
    if (!existing) throw notFound(`key "${id}"`);
    // Over HTTP, never lock every admin out; the CLI (which needs the store, not a key) can.
    if (existing.role === 'admin' && !existing.revoked_at && (await countActiveAdmins(ctx.db)) <= 1) {
      throw new ApiError(409, 'conflict', 'this is the last admin key; create another admin key first');
    }
    const revoked = await revokeKey(ctx.db, id, now());
    if (!revoked) throw notFound(`key "${id}"`);
    ctx.log.info({ key: id }, 'api key revoked');
    res.json(revoked);
  });

  return r;
}
