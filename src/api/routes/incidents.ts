import { Router } from 'express';
import { createHash } from 'node:crypto';
import type { AppContext } from '../../app/context.js';
import { feedQuery } from '../schemas.js';
import { parseQuery } from '../validate.js';
import { ApiError, notFound } from '../errors.js';
import { encodeCursor, decodeCursor } from '../cursor.js';
import { feed, feedVersion, getIncident, watchItems } from '../../store/incidents-repo.js';
import { incidentDetail, incidentSummary } from '../../usecases/incident-view.js';
import { affectedFeatures } from '../../impact/affected-features.js';
import { OPEN_STATES, type IncidentState } from '../../domain/incident.js';

const OPEN: IncidentState[] = [...OPEN_STATES];
const FEED_CACHE_SIZE = 256;

function isCursor(v: unknown): v is { rank: number; id: string } {
  return typeof v === 'object' && v !== null && typeof (v as { rank?: unknown }).rank === 'number' && typeof (v as { id?: unknown }).id === 'string';
}

/** GET /api/v1/feed (ranked incidents) and GET /api/v1/incidents/:id (detail). */
export function incidentRoutes(ctx: AppContext): Router {
  const r = Router();
  const feedCache = new Map<string, { version: string; body: string }>();

  r.get('/feed', async (req, res) => {
    const q = parseQuery(feedQuery, req);
    const after = q.cursor ? decodeCursor(q.cursor, isCursor) : undefined;
    if (after === null) throw new ApiError(400, 'invalid_request', 'query field "cursor": not a cursor this API gave', 'cursor');
    // The feed's ETag changes only when an incident changes, so pollers get 304 between changes.
    const version = await feedVersion(ctx.db);
    const etag = `"${createHash('sha1').update(version + req.originalUrl).digest('base64url')}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'no-cache');
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    // Responses are cached per change of the feed, not per request: pollers asking the same
    // question between two changes get the same bytes without touching the incidents again.
    // The minute is part of the key: the running "silent for" clocks may lag by a minute at most.
    const key = `${version}@${Math.floor(ctx.clock.now() / 60_000)}`;
    const cached = feedCache.get(req.originalUrl);
    if (cached && cached.version === key) {
      res.type('application/json').send(cached.body);
      return;
    }
    // Component, region and impact filters look inside each incident; the store narrows first.
    const rows = await feed(ctx.db, {
      provider: q.provider,
      statuses: q.status ?? OPEN,
      min_confidence: q.min_confidence,
      since: q.since,
      after: after ?? undefined,
      limit: 1000,
    });
    const lc = (s: string) => s.toLowerCase();
    const picked = rows.filter(
      (i) =>
        (!q.component || i.components.some((c) => lc(c) === lc(q.component!))) &&
        (!q.region || i.regions.some((c) => lc(c) === lc(q.region!))) &&
        (!q.affects_us || affectedFeatures(ctx.config.impact, i).length > 0),
    );
    const page = picked.slice(0, q.limit);
    const last = page[page.length - 1];
    const body = JSON.stringify({
      incidents: page.map((i) => incidentSummary(ctx, i)),
      next_cursor: picked.length > q.limit && last ? encodeCursor({ rank: last.rank, id: last.id }) : null,
      generated_at: new Date(ctx.clock.now()).toISOString(),
    });
    if (feedCache.size >= FEED_CACHE_SIZE) feedCache.delete(feedCache.keys().next().value!);
    feedCache.set(req.originalUrl, { version: key, body });
    res.type('application/json').send(body);
  });

  // Watch items: one public author's posts, listed apart from incidents (no impact, clock or
  // notice), each with its posts so staff can judge it at a glance.
  r.get('/watch', async (_req, res) => {
    const items = await watchItems(ctx.db);
    res.setHeader('Cache-Control', 'no-cache');
    res.json({
      watch: await Promise.all(
        items.map(async (w) => {
          const d = await incidentDetail(ctx, w);
          return { ...incidentSummary(ctx, w), posts: d.evidence.slice(0, 5) };
        }),
      ),
      generated_at: new Date(ctx.clock.now()).toISOString(),
    });
  });

  r.get('/incidents/:id', async (req, res) => {
    const inc = await getIncident(ctx.db, req.params.id);
    if (!inc) throw notFound(`incident "${req.params.id}"`);
    res.json(await incidentDetail(ctx, inc));
  });

  return r;
}
