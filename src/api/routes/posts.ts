import { Router } from 'express';
import { createHash } from 'node:crypto';
import type { AppContext } from '../../app/context.js';
import { postsQuery, reportBody } from '../schemas.js';
import { parseBody, parseQuery } from '../validate.js';
import { ApiError } from '../errors.js';
import { searchPosts, insertPosts } from '../../store/posts-repo.js';
import { reportToPost } from '../../sources/first-party.js';

/** GET /api/v1/posts (search) and POST /api/v1/reports (first-party intake). */
export function postRoutes(ctx: AppContext): Router {
  const r = Router();
  r.get('/posts', async (req, res) => {
    const q = parseQuery(postsQuery, req);
    const before = q.cursor ? Number(Buffer.from(q.cursor, 'base64url').toString()) : undefined;
    if (before !== undefined && !Number.isInteger(before)) throw new ApiError(400, 'invalid_request', 'query field "cursor": not a cursor this API gave', 'cursor');
    const posts = await searchPosts(ctx.db, { q: q.q, provider: q.provider, source_id: q.source, limit: q.limit, before_seq: before });
    const last = posts[posts.length - 1];
    res.json({ posts, next_cursor: posts.length === q.limit && last ? Buffer.from(String(last.seq)).toString('base64url') : null });
  });
  r.post('/reports', async (req, res) => {
    const body = parseBody(reportBody, req);
    if (!ctx.config.catalog.get(body.provider)) throw new ApiError(400, 'invalid_request', `body field "provider": unknown provider "${body.provider}"`, 'provider');
    const nowIso = new Date(ctx.clock.now()).toISOString();
    const post = reportToPost(body, nowIso, body.id ?? createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 24));
    const fresh = await insertPosts(ctx.db, 'first-party', 'first-party', [post], nowIso);
    if (fresh.length) await ctx.queues.add('analyze', { postId: post.id });
    res.status(fresh.length ? 201 : 200).json({ id: post.id, stored: fresh.length > 0 });
  });
  return r;
}
