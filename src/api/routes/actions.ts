import { Router } from 'express';
import type { AppContext } from '../../app/context.js';
import { ApiError, notFound } from '../errors.js';
import { isWatchItem } from '../../domain/incident.js';
import { eventsOf, getIncident } from '../../store/incidents-repo.js';
import { affectedFeatures } from '../../impact/affected-features.js';
import { customerNotice, providerScope, timelineMarkdown, type ProviderUpdate } from '../../correlate/notice.js';
import { asEvidenceFor } from '../../correlate/own-voice.js';
import { evidenceSignalsOf } from '../../store/evidence-repo.js';
import { endedByWithdrawal } from '../../correlate/timeline.js';
import { currentOfficialPages, incidentDetail } from '../../usecases/incident-view.js';
import { officialPageOf } from '../../usecases/provider-coverage.js';
import { speaksFor } from '../../usecases/speaks-for.js';

/** A file name part from an incident id: letters, digits, dot, dash and underscore only. */
function fileSafe(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80) || 'incident';
}

/**
 * What support staff do with an incident: GET /api/v1/incidents/:id/notice (the text to paste
 * to customers, worded by status so it claims no more than the evidence) and
 * GET /api/v1/incidents/:id/timeline.md (the write-up, as Markdown).
 */
export function actionRoutes(ctx: AppContext): Router {
  const r = Router();

  r.get('/incidents/:id/notice', async (req, res) => {
    const inc = await getIncident(ctx.db, req.params.id);
    if (!inc) throw notFound(`incident "${req.params.id}"`);
    if (isWatchItem(inc))
      throw new ApiError(409, 'watch_item', `"${inc.id}" is a watch item (one public author); there is no customer notice until it opens as an incident`);
    const providerName = ctx.config.catalog.get(inc.provider)?.name ?? inc.provider;
    const page = officialPageOf(await currentOfficialPages(ctx), inc.provider).state;
    const withdrawn = inc.status === 'resolved' && endedByWithdrawal(await eventsOf(ctx.db, inc.id));
    // The provider confirms or resolves what its own posts named, not what people's posts added.
    const evidence = (await evidenceSignalsOf(ctx.db, inc.id)).map((s) => asEvidenceFor(s, inc.provider, speaksFor(ctx, s)));
    const scope = providerScope(evidence);
    // A feature the provider's own scope touches is affected; one only the reports touch may be.
    const all = affectedFeatures(ctx.config.impact, inc).map((f) => f.name);
    const confirmed = scope ? new Set(affectedFeatures(ctx.config.impact, { provider: inc.provider, ...scope }).map((f) => f.name)) : new Set(all);
    const features = all.filter((f) => confirmed.has(f));
    const reported = all.filter((f) => !confirmed.has(f));
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: inc.status, text: customerNotice(inc, providerName, features, page, withdrawn, scope, reported) });
  });

  r.get('/incidents/:id/timeline.md', async (req, res) => {
    const inc = await getIncident(ctx.db, req.params.id);
    if (!inc) throw notFound(`incident "${req.params.id}"`);
    // One read of the pages serves the detail and the write-up's "status page never spoke" word.
    const pages = await currentOfficialPages(ctx);
    const detail = await incidentDetail(ctx, inc, pages);
    const page = officialPageOf(pages, inc.provider).state;
    // The provider's own updates (incidentDetail leaves out another provider's account).
    const updates: ProviderUpdate[] = detail.official_updates.map((u) => ({
      at: u.published_at,
      who: u.author_label,
      status: u.official?.status ?? null,
      text: u.text,
    }));
    res.setHeader('Content-Type', 'text/markdown; charset=utf-8');
    res.setHeader('Content-Disposition', `inline; filename="${fileSafe(inc.id)}-timeline.md"`);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(timelineMarkdown(inc, detail.timeline, page, updates));
  });

  return r;
}
