import { Router } from 'express';
import { WEBHOOK_QUEUE, webhookOldestWaitingAge, webhookQueueDepth } from '../../outputs/webhooks/queue.js';
import type { AppContext } from '../../app/context.js';
import { OPEN_STATES } from '../../domain/incident.js';
import { openIncidentCounts } from '../../store/incidents-repo.js';
import { pingStore } from '../../store/db.js';

/** /healthz: the process is alive. /readyz: Redis and the store answer (503 otherwise). */
export function healthRoutes(ctx: AppContext): Router {
  const r = Router();
  r.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  r.get('/readyz', async (_req, res) => {
    const checks: Record<string, string> = {};
    await Promise.all([
      ctx.redis
        .ping()
        .then(() => (checks.redis = 'ok'))
        .catch((e: Error) => (checks.redis = `down: ${e.message}`)),
      pingStore(ctx.db)
        .then(() => (checks.store = 'ok'))
        .catch((e: Error) => (checks.store = `down: ${e.message}`)),
    ]);
    const ok = Object.values(checks).every((v) => v === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not_ready', checks });
  });
  r.get('/metrics', async (_req, res) => {
    await refreshGauges(ctx).catch(() => {});
    res.setHeader('content-type', ctx.metrics.registry.contentType);
    res.send(await ctx.metrics.registry.metrics());
  });
  return r;
}

/** Gauges read from Redis and the store at scrape time, so every API node reports the same. */
async function refreshGauges(ctx: AppContext): Promise<void> {
  const now = Date.now(); // job timestamps are wall time (BullMQ's own clock)
  const [depths, ages, webhookDepth, webhookAge, open] = await Promise.all([
    ctx.queues.depths(),
    ctx.queues.oldestWaitingAge(now),
    webhookQueueDepth(ctx),
    webhookOldestWaitingAge(ctx, now),
    openIncidentCounts(ctx.db),
  ]);
  // The webhook queue is a stage of its own here: its retries wait in it, delayed.
  for (const [stage, n] of Object.entries({ ...depths, [WEBHOOK_QUEUE]: webhookDepth })) ctx.metrics.queueDepth.set({ stage }, n);
  for (const [stage, ms] of Object.entries({ ...ages, [WEBHOOK_QUEUE]: webhookAge })) ctx.metrics.queueAge.set({ stage }, ms / 1000);
  ctx.metrics.incidentsOpen.reset();
  for (const s of OPEN_STATES) ctx.metrics.incidentsOpen.set({ status: s }, 0);
  for (const row of open) ctx.metrics.incidentsOpen.set({ status: row.status }, Number(row.n));
}
