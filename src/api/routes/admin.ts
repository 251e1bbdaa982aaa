import { Router } from 'express';
import type { Queue } from 'bullmq';
import type { AppContext } from '../../app/context.js';
import { STAGES } from '../../queue/queues.js';
import { WEBHOOK_QUEUE, webhookQueue } from '../../outputs/webhooks/queue.js';
import { queuesQuery } from '../schemas.js';
import { parseQuery } from '../validate.js';

const COUNTED = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

export interface QueueView {
  generated_at: string;
  stages: Array<{
    stage: string;
    counts: Record<(typeof COUNTED)[number], number>;
    failed: Array<{ id: string | null; name: string; data: unknown; error: string; attempts: number; failed_at: string | null }>;
  }>;
}

/**
 * Per queue counts and the latest failed jobs with their error, read from BullMQ: the pipeline
 * stages, then the webhook queue (its retries wait there as delayed jobs for up to a day and a half).
 */
export async function queueView(ctx: AppContext, failedPerStage: number): Promise<QueueView> {
  const all: Array<[string, Queue]> = [
    ...STAGES.map((s) => [s, ctx.queues.byStage[s] as unknown as Queue] as [string, Queue]),
    [WEBHOOK_QUEUE, webhookQueue(ctx)],
  ];
  const stages = await Promise.all(
    all.map(async ([stage, q]) => {
      const [c, failed] = await Promise.all([q.getJobCounts(...COUNTED), failedPerStage > 0 ? q.getFailed(0, failedPerStage - 1) : Promise.resolve([])]);
      return {
        stage,
        counts: { waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0, completed: c.completed ?? 0 },
        failed: failed.map((j) => ({
          id: j.id ?? null,
          name: j.name,
          data: j.data as unknown,
          error: String(j.failedReason ?? '').slice(0, 1000),
          attempts: j.attemptsMade,
          failed_at: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
        })),
      };
    }),
  );
  return { generated_at: new Date().toISOString(), stages };
}

const esc = (v: unknown) => String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A plain table; every value from a job (data, error) is escaped: job errors quote input. */
export function queueViewHtml(v: QueueView): string {
  const counts = v.stages.map((s) => `<tr><th>${esc(s.stage)}</th>${COUNTED.map((k) => `<td>${s.counts[k]}</td>`).join('')}</tr>`).join('\n');
  const failed = v.stages
    .flatMap((s) =>
      s.failed.map(
        (f) =>
          `<tr><td>${esc(s.stage)}</td><td>${esc(f.id ?? '')}</td><td>${esc(f.failed_at ?? '')}</td><td>${f.attempts}</td>` +
          `<td><code>${esc(JSON.stringify(f.data))}</code></td><td>${esc(f.error)}</td></tr>`,
      ),
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>outage-radar queues</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}td code{white-space:pre-wrap}</style>
</head><body>
<h1>Queues</h1><p>Read-only, generated ${esc(v.generated_at)}. JSON: <a href="queues.json">queues.json</a></p>
<table><thead><tr><th>stage</th>${COUNTED.map((k) => `<th>${k}</th>`).join('')}</tr></thead><tbody>
${counts}
</tbody></table>
<h2>Latest failed jobs</h2>
${failed ? `<table><thead><tr><th>stage</th><th>job</th><th>failed at</th><th>attempts</th><th>data</th><th>error</th></tr></thead><tbody>\n${failed}\n</tbody></table>` : '<p>None.</p>'}
</body></html>
`;
}

/** GET /admin/queues (HTML) and /admin/queues.json, mounted at /admin behind the admin guard. */
export function adminRoutes(ctx: AppContext): Router {
  const r = Router();
  r.get('/queues.json', async (req, res) => {
    const q = parseQuery(queuesQuery, req);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await queueView(ctx, q.failed));
  });
  r.get('/queues', async (req, res) => {
    const q = parseQuery(queuesQuery, req);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    res.setHeader('X-Frame-Options', 'DENY'); // older browsers that ignore frame-ancestors
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.type('html').send(queueViewHtml(await queueView(ctx, q.failed)));
  });
  return r;
}
