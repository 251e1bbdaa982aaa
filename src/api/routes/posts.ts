import { Router, type RequestHandler } from 'express';
import type { AppContext } from '../../app/context.js';
import { postsQuery, reportBody } from '../schemas.js';
import { parseBody, parseQuery } from '../validate.js';
import { ApiError } from '../errors.js';
import { requireProvider } from '../known-provider.js';
import { searchPosts } from '../../store/posts-repo.js';
import { intakeReport } from '../../usecases/report-intake.js';
import { principalOf } from '../auth/index.js';

/** GET /api/v1/posts: search the stored posts. */
export function postRoutes(ctx: AppContext): Router {
  const r = Router();
  r.get('/posts', async (req, res) => {
    const q = parseQuery(postsQuery, req);
    if (q.provider) requireProvider(ctx.config.catalog, q.provider, 'query field "provider"');
    const before = q.cursor ? Number(Buffer.from(q.cursor, 'base64url').toString()) : undefined;
    if (before !== undefined && !Number.isInteger(before))
      throw new ApiError(400, 'invalid_request', 'query field "cursor": not a cursor this API gave', 'cursor');
    // One more than the page: a next_cursor only when there is a next page, as the feed and the audit list do.
    const rows = await searchPosts(ctx.db, { q: q.q, provider: q.provider, source_id: q.source, limit: q.limit + 1, before_seq: before });
    const posts = rows.slice(0, q.limit);
    const last = posts[posts.length - 1];
    res.json({ posts, next_cursor: rows.length > q.limit && last ? Buffer.from(String(last.seq)).toString('base64url') : null });
  });
  return r;
}

/**
 * POST /api/v1/reports: first-party intake. Mounted before the reader guard with its own: a
 * `reporter` key (a customer-facing widget) may call this and nothing else.
 */
export function reportRoutes(ctx: AppContext, reporterGuard: RequestHandler): Router {
  const r = Router();
  r.post('/reports', reporterGuard, async (req, res) => {
    const body = parseBody(reportBody, req);
    const key = req.get('idempotency-key');
    if (key !== undefined && !/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw new ApiError(400, 'invalid_request', 'header Idempotency-Key: 1 to 255 visible ASCII characters', 'Idempotency-Key');
    }
    const p = principalOf(res);
    const r = await intakeReport(ctx, body, {
      scope: p.kind === 'key' ? `key:${p.key.id}` : 'anonymous',
      idempotencyKey: key,
      // Staff report as first-party; a widget's customers are the public.
      as: p.kind === 'key' && p.key.role === 'reporter' ? 'public' : 'staff',
    });
    // The post as stored (text made storable, names shown visibly), so the client sees what staff see.
    res.status(r.status).json({ id: r.post.id, stored: r.stored, queued: r.queued, post: r.post });
  });
  return r;
}
