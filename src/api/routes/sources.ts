import { Router } from 'express';
import type { AppContext } from '../../app/context.js';
import { listSources, type SourceState } from '../../store/sources-repo.js';
import { notFound } from '../errors.js';
import { openIncidentsOf } from '../../store/incidents-repo.js';
import { incidentSummary } from '../../usecases/incident-view.js';

/**
 * A source is stale when it has not succeeded for three intervals: a status page that stops
 * answering during a spike of complaints is itself evidence.
 */
export function sourceHealth(s: SourceState, nowMs: number) {
  const lastOk = s.last_success_at ? Date.parse(s.last_success_at) : null;
  const staleness_seconds = lastOk === null ? null : Math.max(0, Math.round((nowMs - lastOk) / 1000));
  const stale = lastOk === null ? s.consecutive_failures > 0 : nowMs - lastOk > 3 * s.interval_ms;
  const state = s.paused ? 'paused' : !s.enabled ? 'disabled' : s.consecutive_failures > 0 ? 'failing' : stale ? 'stale' : lastOk ? 'healthy' : 'pending';
  return { ...s, state, stale, staleness_seconds };
}

/** GET /api/v1/sources and GET /api/v1/providers, /providers/:id. */
export function sourceRoutes(ctx: AppContext): Router {
  const r = Router();
  r.get('/sources', async (_req, res) => {
    const now = ctx.clock.now();
    res.json({ sources: (await listSources(ctx.db)).map((s) => sourceHealth(s, now)) });
  });
  r.get('/providers', async (_req, res) => {
    res.json({
      providers: ctx.config.catalog.providers.map((p) => ({ id: p.id, name: p.name, category: p.category, status_page: p.status_page ?? null })),
    });
  });
  r.get('/providers/:id', async (req, res) => {
    const p = ctx.config.catalog.get(req.params.id);
    if (!p) throw notFound(`provider "${req.params.id}"`);
    const now = ctx.clock.now();
    const sources = (await listSources(ctx.db)).filter((s) => s.provider === p.id).map((s) => sourceHealth(s, now));
    const incidents = (await openIncidentsOf(ctx.db, p.id)).map((i) => incidentSummary(ctx, i));
    res.json({ provider: p, sources, open_incidents: incidents });
  });
  return r;
}
