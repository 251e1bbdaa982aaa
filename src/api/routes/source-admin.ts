import { Router, type RequestHandler, type Response } from 'express';
import { isIP } from 'node:net';
import type { AppContext } from '../../app/context.js';
import { wallClock } from '../../core/clock.js';
import { createAddressPolicy } from '../../fetch/address-policy.js';
import { stripBrackets } from '../../fetch/pinned-agent.js';
import type { SourceCommand } from '../../domain/source.js';
import { listAudit } from '../../store/source-overrides-repo.js';
import { addSource, disableSource, resetSource, resumeSource, updateSource, type Actor, type ChangeTime } from '../../usecases/source-admin.js';
import { principalOf } from '../auth/index.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { ApiError } from '../errors.js';
import { addSourceBody, auditQuery, patchSourceBody } from '../source-admin-schemas.js';
import { parseBody, parseQuery } from '../validate.js';

const isSeqCursor = (v: unknown): v is { seq: number } => typeof v === 'object' && v !== null && Number.isSafeInteger((v as { seq?: unknown }).seq);

/**
 * Sources managed while running (admin keys): POST /sources, PATCH /sources/:id,
 * POST /sources/:id/disable|resume|reset and GET /sources/audit. Mounted before the reader
 * routes, each with the admin guard, so /sources/audit is not taken for a source id.
 */
export function sourceAdminRoutes(ctx: AppContext, admin: RequestHandler): Router {
  const r = Router();

  function actor(res: Response): Actor {
    const p = principalOf(res);
    if (p.kind !== 'key') throw new ApiError(401, 'unauthorized', 'an admin API key is required');
    return { key_id: p.key.id, key_name: p.key.name };
  }
  // The audit list is operational time (like key bookkeeping); polls are on the scheduler's clock.
  const time = (): ChangeTime => ({ at: new Date(wallClock.now()).toISOString(), nowIso: new Date(ctx.clock.now()).toISOString() });
  const logged = (res: Response, action: string, id: string) => ctx.log.info({ source: id, action, key: actor(res).key_id }, 'source changed at runtime');

  r.get('/sources/audit', admin, async (req, res) => {
    const q = parseQuery(auditQuery, req);
    const after = q.cursor ? decodeCursor(q.cursor, isSeqCursor) : undefined;
    if (after === null) throw new ApiError(400, 'invalid_request', 'query field "cursor": not a cursor this API gave', 'cursor');
    // One more than the page: a next_cursor only when there is a next page (a full last page gave one that led to nothing).
    const rows = await listAudit(ctx.db, { limit: q.limit + 1, ...(after ? { beforeSeq: after.seq } : {}), ...(q.source ? { sourceId: q.source } : {}) });
    const entries = rows.slice(0, q.limit);
    const last = entries[entries.length - 1];
    res.setHeader('Cache-Control', 'no-store');
    res.json({ entries, next_cursor: rows.length > q.limit && last ? encodeCursor({ seq: last.seq }) : null });
  });

  // The fetcher refuses these addresses at every poll; an address written in the URL is refused
  // here at once, with the reason, instead of as a source that fails forever. A host name is
  // left to the fetcher (DNS may answer otherwise by then, and a test resolves nothing here).
  const policy = createAddressPolicy({ allow: ctx.config.network.allow_private });
  function checkAddress(url: string): void {
    const host = stripBrackets(new URL(url).hostname);
    if (!isIP(host)) return;
    const verdict = policy.check(host);
    if (!verdict.ok) throw new ApiError(400, 'invalid_request', `body field "url": ${verdict.reason} (network.yaml allow_private opens a range)`, 'url');
  }

  r.post('/sources', admin, async (req, res) => {
    const entry = parseBody(addSourceBody, req);
    checkAddress(entry.url);
    const source = await addSource(ctx, actor(res), time(), entry);
    logged(res, 'add', entry.id);
    res.status(201).json({ source });
  });

  r.patch('/sources/:id', admin, async (req, res) => {
    const body = parseBody(patchSourceBody, req);
    const id = String(req.params.id);
    const source = await updateSource(ctx, actor(res), time(), id, { interval_ms: body.interval, trust: body.trust });
    logged(res, 'update', id);
    res.json({ source });
  });

  // One route per command of the domain (the page offers each as a button).
  const actions = { disable: disableSource, resume: resumeSource, reset: resetSource } satisfies Record<SourceCommand, typeof disableSource>;
  for (const [name, run] of Object.entries(actions)) {
    r.post(`/sources/:id/${name}`, admin, async (req, res) => {
      const id = String(req.params.id);
      const source = await run(ctx, actor(res), time(), id);
      logged(res, name, id);
      res.json({ source });
    });
  }

  return r;
}
