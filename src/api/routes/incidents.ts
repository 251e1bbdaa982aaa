import { Router } from 'express';
import { createHash } from 'node:crypto';
import type { AppContext } from '../../app/context.js';
import { feedQuery, noQuery } from '../schemas.js';
import { parseQuery } from '../validate.js';
import { ApiError, notFound } from '../errors.js';
import { requireProvider } from '../known-provider.js';
import { encodeCursor, decodeCursor } from '../cursor.js';
import { feed, feedVersion, getIncident, incidentsToCount, watchItems } from '../../store/incidents-repo.js';
import { currentOfficialPages, incidentDetail, incidentSummary } from '../../usecases/incident-view.js';
import { officialPages } from '../../usecases/provider-coverage.js';
import { affectedFeatures } from '../../impact/affected-features.js';
import { OPEN_STATES, type Incident, type IncidentState } from '../../domain/incident.js';
import { listSources } from '../../store/sources-repo.js';
import { coverageOf } from '../../usecases/coverage.js';
import { countIncidents, CLOSED_WINDOW_HOURS } from '../../usecases/feed-counts.js';

const OPEN: IncidentState[] = [...OPEN_STATES];
const FEED_CACHE_SIZE = 256;

function isCursor(v: unknown): v is { rank: number; id: string } {
  return typeof v === 'object' && v !== null && typeof (v as { rank?: unknown }).rank === 'number' && typeof (v as { id?: unknown }).id === 'string';
}

/** Whether each provider's page can be read changes the incidents' clocks: part of the ETag. */
function pageStates(pages: ReturnType<typeof officialPages>): string {
  return [...pages]
    .map(([p, s]) => `${p}:${s.state}`)
    .sort()
    .join(',');
}

/** GET /api/v1/feed (ranked incidents) and GET /api/v1/incidents/:id (detail). */
export function incidentRoutes(ctx: AppContext): Router {
  const r = Router();
  const feedCache = new Map<string, { version: string; page: Incident[]; next_cursor: string | null }>();

  r.get('/feed', async (req, res) => {
    const q = parseQuery(feedQuery, req);
    const after = q.cursor ? decodeCursor(q.cursor, isCursor) : undefined;
    if (after === null) throw new ApiError(400, 'invalid_request', 'query field "cursor": not a cursor this API gave', 'cursor');
    const now = ctx.clock.now();
    const closedSince = new Date(now - CLOSED_WINDOW_HOURS * 3600_000).toISOString();
    if (q.provider) requireProvider(ctx.config.catalog, q.provider, 'query field "provider"');
    const { catalog } = ctx.config;
    // Component, region and impact filters look inside each incident; the store narrows first.
    // A component or region is matched by any name the catalog knows for it ("Simple Storage Service" finds S3).
    const wanted = (i: Incident) =>
      (!q.component || i.components.some((c) => catalog.sameName(i.provider, 'components', c, q.component!))) &&
      (!q.region || i.regions.some((c) => catalog.sameName(i.provider, 'regions', c, q.region!))) &&
      (!q.affects_us || affectedFeatures(ctx.config.impact, i).length > 0) &&
      // As the store applies it to the list: changed at or after `since`.
      (!q.since || Date.parse(i.updated_at) >= Date.parse(q.since));
    // What the sources can see and how many incidents there are change without an incident
    // changing (a source fails, the 24 h window slides): both are part of the ETag.
    const [version, sources, counted] = await Promise.all([
      feedVersion(ctx.db),
      listSources(ctx.db),
      incidentsToCount(ctx.db, { provider: q.provider, min_confidence: q.min_confidence, closedSince }),
    ]);
    const coverage = coverageOf(sources, now);
    const pages = officialPages(sources, now);
    const counts = countIncidents(counted.filter(wanted), closedSince);
    const { closed_since: _moving, ...tally } = counts; // the window's edge moves every millisecond; what it counts is what matters
    const etag = `"${createHash('sha1')
      .update(`${version}|${JSON.stringify(tally)}|${coverage.status}|${coverage.message}|${pageStates(pages)}|${req.originalUrl}`)
      .digest('base64url')}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'no-cache');
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    // The page of incidents is cached per change of the feed: pollers asking the same question
    // between two changes do not touch the incidents again. Everything that depends on the time
    // (generated_at, the running "silent for" clocks) is computed for each answer: a cached
    // generated_at once made the page's clocks jump back by up to a minute.
    let cached = feedCache.get(req.originalUrl);
    if (!cached || cached.version !== version) {
      const rows = await feed(ctx.db, {
        provider: q.provider,
        statuses: q.status ?? OPEN,
        min_confidence: q.min_confidence,
        since: q.since,
        after: after ?? undefined,
        limit: 1000,
      });
      const picked = rows.filter(wanted);
      const page = picked.slice(0, q.limit);
      const last = page[page.length - 1];
      cached = { version, page, next_cursor: picked.length > q.limit && last ? encodeCursor({ rank: last.rank, id: last.id }) : null };
      if (feedCache.size >= FEED_CACHE_SIZE) feedCache.delete(feedCache.keys().next().value!);
      feedCache.set(req.originalUrl, cached);
    }
    res.json({
      incidents: cached.page.map((i) => incidentSummary(ctx, i, pages)),
      next_cursor: cached.next_cursor,
      generated_at: new Date(now).toISOString(),
      counts,
      coverage,
    });
  });

  // Watch items: one public author's posts, listed apart from incidents (no impact, clock or
  // notice), each with its posts so staff can judge it at a glance.
  r.get('/watch', async (req, res) => {
    parseQuery(noQuery, req);
    const [items, pages] = await Promise.all([watchItems(ctx.db), currentOfficialPages(ctx)]);
    res.setHeader('Cache-Control', 'no-cache');
    res.json({
      watch: await Promise.all(
        items.map(async (w) => {
          const d = await incidentDetail(ctx, w, pages);
          return { ...incidentSummary(ctx, w, pages), posts: d.evidence.slice(0, 5) };
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
