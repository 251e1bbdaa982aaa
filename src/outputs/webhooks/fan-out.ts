import { createHash } from 'node:crypto';
import type { AppContext } from '../../app/context.js';
import type { AppConfig } from '../../config/load.js';
import { isoAt } from '../../core/clock.js';
import { affectedFeatures } from '../../impact/affected-features.js';
import { eventsNotFannedOutBefore, getIncident, isFannedOut, markFannedOut, type IncidentEvent } from '../../store/incidents-repo.js';
import { currentOfficialPages } from '../../usecases/incident-view.js';
import { incidentLink, incidentWebhookEvent } from './event.js';
import { closesIncident, wantsEvent } from './filters.js';
import { renderBody } from './formats/index.js';
import { saveMessage, subscriptionsSentEarlier } from '../../store/webhook-messages-repo.js';
import { WEBHOOK_JOB_OPTIONS, WEBHOOK_QUEUE, webhookJobId, webhookQueue, type WebhookJobData } from './queue.js';
import { listSubscriptions } from './subscriptions.js';

export interface FanOutOptions {
  /** How receivers reach our API, for the link in each message (default: the listen address). */
  publicBaseUrl?: string;
}

/**
 * The Standard Webhooks message id of one event for one subscription. Derived, not random, so
 * a fan-out that runs twice (the deliver job retried) produces the same id, and every retry of
 * the message carries it: receivers dedupe on it. No `.` in it, as the spec asks.
 */
export function webhookMessageId(subscriptionId: string, eventSeq: number): string {
  return `msg_${createHash('sha256').update(`${subscriptionId}/${eventSeq}`).digest('base64url').slice(0, 27)}`;
}

/** Until the config has a public URL: the API's own listen address. */
export function defaultPublicBaseUrl(config: AppConfig): string {
  if (config.server.public_url) return config.server.public_url;
  const host = config.server.host === '0.0.0.0' || config.server.host === '::' ? '127.0.0.1' : config.server.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.server.port}`;
}

/**
 * After the deliver stage published an incident event: renders it once per enabled
 * subscription whose filters want it (filters.ts), stores each message, and queues one
 * 'webhook' job per message, then marks the event fanned out. Idempotent: messages and job ids
 * are derived from (event, subscription), and an event already fanned out is left alone.
 * Returns how many subscriptions were queued for this event.
 *
 * @example
 * await fanOutEvent(ctx, event); // 2
 */
export async function fanOutEvent(ctx: AppContext, event: IncidentEvent, opts: FanOutOptions = {}): Promise<number> {
  if (await isFannedOut(ctx.db, event.seq)) return 0;
  // A resolution goes only to subscriptions sent an earlier message about the incident, and the
  // deliver stage runs events in parallel: the incident's opening may not be fanned out yet. Fan
  // out its earlier events first, in order, so that decision sees every message it is due.
  if (closesIncident(event)) {
    for (const earlier of await eventsNotFannedOutBefore(ctx.db, event.incident_id, event.seq)) await fanOutOne(ctx, earlier, opts);
  }
  return fanOutOne(ctx, event, opts);
}

async function fanOutOne(ctx: AppContext, event: IncidentEvent, opts: FanOutOptions): Promise<number> {
  const queued = await queueMessages(ctx, event, opts);
  await markFannedOut(ctx.db, event.seq, isoAt(ctx.clock.now()));
  return queued;
}

async function queueMessages(ctx: AppContext, event: IncidentEvent, opts: FanOutOptions): Promise<number> {
  const subs = await listSubscriptions(ctx.db, { enabledOnly: true });
  if (!subs.length) return 0;
  const incident = await getIncident(ctx.db, event.incident_id);
  if (!incident) return 0;

  const affectsUs = affectedFeatures(ctx.config.impact, incident).length > 0;
  const sentBefore = await subscriptionsSentEarlier(ctx.db, incident.id, event.seq);
  const link = incidentLink(opts.publicBaseUrl ?? defaultPublicBaseUrl(ctx.config), incident.id);
  // Whether the status page's silence means anything is read now, when the body is rendered once.
  const webhookEvent = incidentWebhookEvent(ctx, event, incident, link, await currentOfficialPages(ctx));
  const createdAt = isoAt(ctx.clock.now());

  const jobs: Array<{ name: string; data: WebhookJobData; opts: typeof WEBHOOK_JOB_OPTIONS & { jobId: string } }> = [];
  const sameComponent = (wanted: string, named: string) => ctx.config.catalog.sameName(incident.provider, 'components', wanted, named);
  for (const sub of subs) {
    if (!wantsEvent(sub.filters, { event, incident, affectsUs, sentBefore: sentBefore.has(sub.id), sameComponent })) continue;
    const webhookId = webhookMessageId(sub.id, event.seq);
    await saveMessage(ctx.db, {
      webhook_id: webhookId,
      subscription_id: sub.id,
      event_seq: event.seq,
      incident_id: incident.id,
      event_type: webhookEvent.type,
      body: renderBody(sub.format, webhookEvent),
      created_at: createdAt,
    });
    jobs.push({
      name: WEBHOOK_QUEUE,
      data: { webhookId, subscriptionId: sub.id, eventSeq: event.seq },
      opts: { ...WEBHOOK_JOB_OPTIONS, jobId: webhookJobId(event.seq, sub.id) },
    });
  }
  if (jobs.length) await webhookQueue(ctx).addBulk(jobs);
  return jobs.length;
}
