import { randomBytes } from 'node:crypto';
import { Router, type Request } from 'express';
import type { AppContext } from '../../app/context.js';
import { isoAt, wallClock } from '../../core/clock.js';
import { requireProvider } from '../known-provider.js';
import { requireComponent } from '../known-component.js';
import { ApiError, notFound } from '../errors.js';
import { parseBody, parseQuery } from '../validate.js';
import { attemptDelivery, deliveryOptions, type DeliveryOptions } from '../../outputs/webhooks/attempt.js';
import { listAttempts } from '../../store/webhook-deliveries-repo.js';
import { testWebhookEvent } from '../../outputs/webhooks/event.js';
import { defaultPublicBaseUrl } from '../../outputs/webhooks/fan-out.js';
import { renderBody } from '../../outputs/webhooks/formats/index.js';
import { saveMessage } from '../../store/webhook-messages-repo.js';
import { createWebhookBody, deliveriesQuery, patchWebhookBody, subscriptionId, type WebhookFilters } from '../../outputs/webhooks/schemas.js';
import { generateSecret } from '../../outputs/webhooks/signing.js';
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  listSubscriptions,
  updateSubscription,
  rotation,
  type Subscription,
  type SubscriptionChanges,
} from '../../outputs/webhooks/subscriptions.js';
import { checkTarget } from '../../outputs/webhooks/target.js';

export interface WebhookRouteOptions {
  /** Resolver, limits...: tests inject a resolver so no real DNS is asked. */
  delivery?: Partial<DeliveryOptions>;
  /** How receivers reach our API, for links in test messages. */
  publicBaseUrl?: string;
}

/** What the API shows of a subscription: everything but its secrets (the new one is shown once). */
function view(sub: Subscription) {
  const { secret: _secret, previous_secret: _previous, ...rest } = sub;
  return rest;
}

/**
 * The webhook admin API (mounted under /api/v1 behind admin auth):
 * POST /webhooks, GET /webhooks, GET|PATCH|DELETE /webhooks/:id, POST /webhooks/:id/test,
 * GET /webhooks/:id/deliveries. A receiver URL is checked when it is set (scheme, no
 * credentials, every address through the shared policy) and again before every attempt.
 *
 * @example
 * v1.use(webhookRoutes(ctx));
 */
export function webhookRoutes(ctx: AppContext, opts: WebhookRouteOptions = {}): Router {
  const r = Router();
  const delivery = deliveryOptions(ctx, opts.delivery);
  const now = () => isoAt(ctx.clock.now());

  async function load(req: Request): Promise<Subscription> {
    const id = String(req.params.id);
    const sub = subscriptionId.safeParse(id).success ? await getSubscription(ctx.db, id) : null;
    if (!sub) throw notFound(`webhook "${id}"`);
    return sub;
  }

  /** Refuses a receiver our deliveries could not reach: bad host, or an address the policy refuses. */
  async function checkUrl(url: string): Promise<void> {
    const verdict = await checkTarget(url, delivery);
    if (!verdict.ok) throw new ApiError(400, 'invalid_request', `body field "url": ${verdict.reason}`, 'url');
  }

  /** Unknown provider ids or component names would silently match nothing; the catalog says which exist. */
  function checkFilters(filters: WebhookFilters | undefined): void {
    if (!filters) return;
    filters.providers.forEach((p, i) => requireProvider(ctx.config.catalog, p, `body field "filters.providers.${i}"`));
    filters.components.forEach((c, i) => requireComponent(ctx.config.catalog, c, filters.providers, `body field "filters.components.${i}"`));
  }

  r.post('/webhooks', async (req, res) => {
    const body = parseBody(createWebhookBody, req);
    checkFilters(body.filters);
    await checkUrl(body.url);
    const secret = generateSecret();
    const sub = await createSubscription(
      ctx.db,
      { url: body.url, format: body.format, secret, description: body.description ?? null, filters: body.filters, enabled: body.enabled },
      now(),
    );
    // The only response that carries the secret: the receiver needs it to verify signatures.
    res.status(201).json({ webhook: view(sub), secret });
  });

  r.get('/webhooks', async (_req, res) => {
    res.json({ webhooks: (await listSubscriptions(ctx.db)).map(view) });
  });

  r.get('/webhooks/:id', async (req, res) => {
    res.json({ webhook: view(await load(req)) });
  });

  r.patch('/webhooks/:id', async (req, res) => {
    const sub = await load(req);
    const body = parseBody(patchWebhookBody, req);
    // A PATCH changes the filter keys it gives; the others keep their values (the parsed body
    // holds only the keys sent).
    const filters: WebhookFilters | undefined = body.filters ? { ...sub.filters, ...body.filters } : undefined;
    checkFilters(filters);
    if (body.url !== undefined) await checkUrl(body.url);
    const changes: SubscriptionChanges = {
      url: body.url,
      format: body.format,
      description: body.description,
      filters,
      enabled: body.enabled,
      // Re-enabling is the admin saying the receiver is back: the old reason no longer applies.
      ...(body.enabled === true ? { disabled_reason: null } : {}),
      // The old secret keeps signing beside the new one for a day: receivers switch without a gap.
      ...(body.rotate_secret ? rotation(sub, generateSecret(), wallClock.now()) : {}),
    };
    const updated = await updateSubscription(ctx.db, sub.id, changes, now());
    if (!updated) throw notFound(`webhook "${sub.id}"`);
    res.json({ webhook: view(updated), ...(body.rotate_secret ? { secret: updated.secret } : {}) });
  });

  r.delete('/webhooks/:id', async (req, res) => {
    const sub = await load(req);
    await deleteSubscription(ctx.db, sub.id);
    res.status(204).end();
  });

  /**
   * Sends a clearly marked test message now, once, and answers with the logged attempt, so an
   * admin sees at once whether the receiver works. Disabled subscriptions may be tested too:
   * that is how one checks a receiver before re-enabling it.
   */
  r.post('/webhooks/:id/test', async (req, res) => {
    const sub = await load(req);
    const at = now();
    const base = (opts.publicBaseUrl ?? defaultPublicBaseUrl(ctx.config)).replace(/\/+$/, '');
    const message = await saveMessage(ctx.db, {
      webhook_id: `msg_test_${randomBytes(12).toString('hex')}`,
      subscription_id: sub.id,
      event_seq: null,
      incident_id: null,
      event_type: 'incident.test',
      body: renderBody(sub.format, testWebhookEvent(at, `${base}/api/v1/webhooks/${sub.id}`)),
      created_at: at,
    });
    const outcome = await attemptDelivery(ctx, delivery, message, sub, 1, true);
    res.json({ webhook_id: message.webhook_id, delivered: outcome.kind === 'delivered', delivery: outcome.attempt });
  });

  r.get('/webhooks/:id/deliveries', async (req, res) => {
    const sub = await load(req);
    const q = parseQuery(deliveriesQuery, req);
    const page = await listAttempts(ctx.db, sub.id, { limit: q.limit, ...(q.before === undefined ? {} : { before: q.before }) });
    const last = page[page.length - 1];
    res.json({ deliveries: page, next_before: page.length === q.limit && last ? last.id : null });
  });

  return r;
}
