import { Router } from 'express';
import type { AppContext } from '../../app/context.js';
import { listSources } from '../../store/sources-repo.js';
import { getManagedSource, listManagedSources } from '../../usecases/source-admin.js';
import { notFound } from '../errors.js';
import { noQuery } from '../schemas.js';
import { parseQuery } from '../validate.js';
import { sourceHealth } from '../../usecases/source-health.js';
import { xBudgetView } from '../../usecases/x-budget.js';
import { openIncidentsOf } from '../../store/incidents-repo.js';
import { incidentSummary } from '../../usecases/incident-view.js';
import { getState } from '../../store/kv-repo.js';
import type { ComponentState } from '../../sources/component-state.js';
import { officialPageOf, officialPages, providerCoverage } from '../../usecases/provider-coverage.js';

const SEVERITY: Record<ComponentState['status'], number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};
const OVERALL = ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'] as const;

/** GET /api/v1/sources and GET /api/v1/providers, /providers/:id. */
export function sourceRoutes(ctx: AppContext): Router {
  const r = Router();
  r.get('/sources', async (req, res) => {
    parseQuery(noQuery, req);
    res.json({ sources: await listManagedSources(ctx), x_budget: await xBudgetView(ctx, ctx.clock.now()) });
  });
  r.get('/sources/:id', async (req, res) => {
    const s = await getManagedSource(ctx, req.params.id);
    if (!s) throw notFound(`source "${req.params.id}"`);
    const failed_jobs = await ctx.queues.recentFailures('ingest', (d) => d.sourceId === s.id);
    res.json({ source: s, failed_jobs });
  });
  // The catalog with what we can read of each provider's own status page (coverage).
  r.get('/providers', async (req, res) => {
    parseQuery(noQuery, req);
    const now = ctx.clock.now();
    res.setHeader('Cache-Control', 'no-cache');
    res.json({ ...providerCoverage(ctx.config.catalog.providers, await listSources(ctx.db), now), generated_at: new Date(now).toISOString() });
  });
  r.get('/providers/:id', async (req, res) => {
    const p = ctx.config.catalog.get(req.params.id);
    if (!p) throw notFound(`provider "${req.params.id}"`);
    const now = ctx.clock.now();
    const all = await listSources(ctx.db);
    const pages = officialPages(all, now);
    const sources = all.filter((s) => s.provider === p.id).map((s) => sourceHealth(s, now));
    const incidents = (await openIncidentsOf(ctx.db, p.id)).map((i) => incidentSummary(ctx, i, pages));
    // The official state now: each component as the provider's status page last showed it.
    const components: Array<ComponentState & { source_id: string }> = [];
    for (const s of sources) {
      const states = await getState<ComponentState[]>(ctx.db, `components:${s.id}`);
      for (const c of states ?? []) components.push({ ...c, source_id: s.id });
    }
    const worst = components.reduce((w, c) => Math.max(w, SEVERITY[c.status]), 0);
    res.json({
      provider: p,
      official_page: officialPageOf(pages, p.id),
      official_status: components.length ? OVERALL[worst] : 'unknown',
      components,
      sources,
      open_incidents: incidents,
    });
  });
  return r;
}
