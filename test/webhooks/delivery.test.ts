import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import type { Worker } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookWorker } from '../../workers/webhook.js';
import { startDeliverWorker } from '../../workers/deliver.js';
import { deliverEvent } from '../../src/pipeline/deliver.js';
import { addEvent, saveIncident, type IncidentEvent } from '../../src/store/incidents-repo.js';
import type { Incident } from '../../src/domain/incident.js';
import { attemptsOf } from '../../src/store/webhook-deliveries-repo.js';
import { webhookMessageId } from '../../src/outputs/webhooks/fan-out.js';
import { getMessage } from '../../src/store/webhook-messages-repo.js';
import { closeWebhookQueue, webhookJobId, webhookQueue } from '../../src/outputs/webhooks/queue.js';
import { filtersSchema, type WebhookFilters } from '../../src/outputs/webhooks/schemas.js';
import { generateSecret } from '../../src/outputs/webhooks/signing.js';
import { createSubscription, deleteSubscription, getSubscription, listSubscriptions, type Subscription } from '../../src/outputs/webhooks/subscriptions.js';
import type { WebhookFormat } from '../../src/outputs/webhooks/formats/index.js';
import { checkTarget } from '../../src/outputs/webhooks/target.js';
import { webhookEventOut } from '../../src/api/webhook-payload.js';
import { createAddressPolicy } from '../../src/fetch/address-policy.js';
import { testRuntime, VirtualClock } from '../helpers/runtime.js';
import { s3Incident, startCanary, startReceiver, T0, tableResolver, waitFor, type Canary, type Receiver } from './helpers.js';

// These tests start no pipeline stage; keep boot from loading the stage workers (and whatever
// other stages are mid-change in the tree).

// The real path: incident event → deliver stage (publish + fan-out) → 'webhook' queue on real
// Redis → worker → HTTP receivers on loopback. The schedule is shrunk to 50 ms steps; the
// payload and log times come from a virtual clock parked at T0.
const clock = new VirtualClock(T0);
const STEP = 50;
let rebindCalls = 0;
const resolver = tableResolver({
  'receiver.test': ['127.0.0.1'],
  // First answer (at creation) is the allowed receiver, every later one the canary.
  'rebind.test': () => (rebindCalls++ === 0 ? ['127.0.0.1'] : ['127.0.0.2']),
});

let rt: Awaited<ReturnType<typeof testRuntime>>;
let worker: Worker;
const servers: Array<Receiver | Canary> = [];
let incidentNo = 0;

beforeAll(async () => {
  rt = await testRuntime({ allowPrivate: ['127.0.0.1/32'], clock });
  // The producer connection fails fast (no offline queue), so let it finish connecting first.
  if (rt.ctx.redis.status !== 'ready') await once(rt.ctx.redis, 'ready');
  worker = startWebhookWorker(rt.ctx, { resolver, retrySchedule: Array<number>(7).fill(STEP), jitter: 0, limits: { timeoutMs: 1_000 } });
});

afterEach(async () => {
  for (const s of await listSubscriptions(rt.ctx.db)) await deleteSubscription(rt.ctx.db, s.id);
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  await worker?.close();
  if (rt) {
    await closeWebhookQueue(rt.ctx);
    await rt.cleanup();
  }
});

async function receiver(...args: Parameters<typeof startReceiver>): Promise<Receiver> {
  const r = await startReceiver(...args);
  servers.push(r);
  return r;
}

async function subscribe(url: string, opts: { format?: WebhookFormat; filters?: Partial<WebhookFilters> } = {}): Promise<Subscription> {
  return createSubscription(
    rt.ctx.db,
    { url, format: opts.format ?? 'generic', secret: generateSecret(), description: null, filters: filtersSchema.parse(opts.filters ?? {}), enabled: true },
    new Date(clock.now()).toISOString(),
  );
}

/** Stores the incident and one event about it, then runs the deliver stage's handler on it. */
async function emit(inc: Incident, type: IncidentEvent['type'], status = inc.status): Promise<number> {
  await saveIncident(rt.ctx.db, { ...inc, status });
  const seq = await addEvent(rt.ctx.db, {
    incident_id: inc.id,
    at: new Date(clock.now()).toISOString(),
    type,
    status,
    summary: `${inc.title} (${type})`,
    post_id: null,
  });
  await deliverEvent(rt.ctx, seq);
  return seq;
}

const freshIncident = (over: Partial<Incident> = {}) => s3Incident({ id: `inc-${++incidentNo}`, ...over });

describe('webhook delivery through the queue', () => {
  it('when an incident opens, then the receiver gets a generic body whose signature an independent HMAC verifies', async () => {
    const rx = await receiver();
    const sub = await subscribe(`http://receiver.test:${rx.port}/hooks`);
    const inc = freshIncident();
    const before = Math.floor(Date.now() / 1000);
    const seq = await emit(inc, 'opened');

    await waitFor(async () => rx.received.length >= 1, 'the delivery');
    const req = rx.received[0]!;
    const id = String(req.headers['webhook-id']);
    const ts = String(req.headers['webhook-timestamp']);
    expect(id).toBe(webhookMessageId(sub.id, seq));
    // The signing time is the wall clock's, in seconds, although the service runs on a clock
    // parked years back (a demo's replay): Standard Webhooks receivers refuse a timestamp more
    // than 5 minutes from their own clock. The body's timestamp (below) stays the event's.
    expect(Number(ts)).toBeGreaterThanOrEqual(before);
    expect(Number(ts)).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    expect(Math.abs(Number(ts) - Math.floor(T0 / 1000))).toBeGreaterThan(300);
    const mac = createHmac('sha256', Buffer.from(sub.secret.slice('whsec_'.length), 'base64'))
      .update(`${id}.${ts}.${req.body}`)
      .digest('base64');
    expect(req.headers['webhook-signature']).toBe(`v1,${mac}`);

    const body = JSON.parse(req.body) as { type: string; timestamp: string; data: Record<string, unknown> };
    // Field for field what the OpenAPI document's `webhooks` section says.
    expect(webhookEventOut.safeParse(body).error?.issues ?? []).toEqual([]);
    expect(body.type).toBe('incident.opened');
    expect(body.timestamp).toBe(new Date(T0).toISOString());
    expect(body.data).toMatchObject({
      event_seq: seq,
      link: `http://127.0.0.1:0/api/v1/incidents/${inc.id}`,
      incident: {
        id: inc.id,
        provider: 'aws',
        components: ['S3'],
        regions: ['us-east-1'],
        status: 'suspected',
        confidence: 0.55,
        title: 'S3 errors in us-east-1',
        official_lag_seconds: null,
        // No source reads AWS's status page here: its silence means nothing, and the body says why.
        silent_for_seconds: null,
        official_page: { state: 'not_watched', last_success_at: null, text: 'not watched' },
        // The API's name and the webhook's first one, for receivers written against either.
        affects: [
          { id: 'uploads', name: 'File uploads' },
          { id: 'exports', name: 'Report exports' },
        ],
        affected_features: [
          { id: 'uploads', name: 'File uploads' },
          { id: 'exports', name: 'Report exports' },
        ],
        updated_at: inc.updated_at,
      },
    });
    const log = await waitFor(async () => {
      const a = await attemptsOf(rt.ctx.db, id);
      return a.length === 1 && a;
    }, 'the log row');
    expect(log[0]).toMatchObject({ attempt: 1, status: 'delivered', http_status: 200, event_seq: seq, event_type: 'incident.opened', next_attempt_at: null });
    expect(log[0]!.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it('when the receiver fails once with 500, then it is retried with the same webhook-id and the log shows 2 attempts', async () => {
    const rx = await receiver((n, _req, res) => (n === 0 ? res.writeHead(500).end('boom') : res.writeHead(204).end()));
    const sub = await subscribe(`${rx.origin}/`);
    const seq = await emit(freshIncident(), 'opened');
    const id = webhookMessageId(sub.id, seq);

    const log = await waitFor(async () => {
      const a = await attemptsOf(rt.ctx.db, id);
      return a.length === 2 && a;
    }, 'two attempts');
    expect(log.map((a) => [a.attempt, a.status, a.http_status])).toEqual([
      [1, 'retrying', 500],
      [2, 'delivered', 204],
    ]);
    expect(log[0]).toMatchObject({ error_code: 'http-status', response_excerpt: 'boom', next_attempt_at: new Date(T0 + STEP).toISOString() });
    expect(rx.received.map((r) => r.headers['webhook-id'])).toEqual([id, id]);
    expect(rx.received[0]!.body).toBe(rx.received[1]!.body);

    const counted = (await rt.ctx.metrics.deliveries.get()).values.filter((v) => v.labels.subscription === sub.id);
    expect(Object.fromEntries(counted.map((v) => [v.labels.outcome, v.value]))).toEqual({ 'http-status': 1, delivered: 1 });
    const seconds = (await rt.ctx.metrics.deliverySeconds.get()).values.find((v) => v.labels.subscription === sub.id && v.metricName?.endsWith('_count'));
    expect(seconds?.value).toBe(2);
  });

  it('when the receiver answers 503 with Retry-After: 1, then the next attempt waits a second, not the 50 ms schedule', async () => {
    const rx = await receiver((n, _req, res) => (n === 0 ? res.writeHead(503, { 'retry-after': '1' }).end() : res.writeHead(200).end()));
    const sub = await subscribe(`${rx.origin}/`);
    const seq = await emit(freshIncident(), 'opened');
    const log = await waitFor(
      async () => {
        const a = await attemptsOf(rt.ctx.db, webhookMessageId(sub.id, seq));
        return a.length === 2 && a;
      },
      'the retry after Retry-After',
      5_000,
    );
    expect(log[0]!.next_attempt_at).toBe(new Date(T0 + 1_000).toISOString());
    expect(log[1]!.status).toBe('delivered');
    expect(rx.received[1]!.at - rx.received[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('when the receiver answers 410 Gone, then the subscription is disabled with a reason and nothing more is sent', async () => {
    const rx = await receiver((_n, _req, res) => res.writeHead(410).end());
    const sub = await subscribe(`${rx.origin}/`);
    const inc = freshIncident();
    const seq = await emit(inc, 'opened');
    const log = await waitFor(async () => {
      const a = await attemptsOf(rt.ctx.db, webhookMessageId(sub.id, seq));
      return a.length === 1 && a;
    }, 'the 410 attempt');
    expect(log[0]).toMatchObject({ status: 'gone', http_status: 410, next_attempt_at: null });
    const after = await getSubscription(rt.ctx.db, sub.id);
    expect(after).toMatchObject({ enabled: false });
    expect(after?.disabled_reason).toMatch(/410 Gone/);

    const later = await emit(inc, 'changed', 'corroborated');
    expect(await getMessage(rt.ctx.db, webhookMessageId(sub.id, later))).toBeNull();
    await new Promise((r) => setTimeout(r, 4 * STEP));
    expect(rx.received).toHaveLength(1);
  });

  it('when the name resolved to the receiver at creation but to another address at delivery, then delivery is refused (DNS rebinding)', async () => {
    const rx = await receiver();
    const canary = await startCanary('127.0.0.2', rx.port);
    servers.push(canary);
    const url = `http://rebind.test:${rx.port}/`;
    const policy = createAddressPolicy({ allow: rt.ctx.config.network.allow_private });
    expect(await checkTarget(url, { resolver, policy })).toMatchObject({ ok: true, address: '127.0.0.1' });
    const sub = await subscribe(url);

    const seq = await emit(freshIncident(), 'opened');
    const log = await waitFor(async () => {
      const a = await attemptsOf(rt.ctx.db, webhookMessageId(sub.id, seq));
      return a.length === 8 && a;
    }, 'every attempt refused');
    expect(log.every((a) => a.error_code === 'blocked-address' && a.http_status === null)).toBe(true);
    expect(log[0]!.error).toContain('127.0.0.2 is a loopback address');
    expect(log.map((a) => a.status)).toEqual([...Array<string>(7).fill('retrying'), 'failed']);
    expect(canary.connections).toBe(0);
    expect(rx.connections).toBe(0);
  });

  it("when an incident's opening and resolution reach the deliver stage together, then a subscriber sent the opening is sent the resolution too", async () => {
    // The deliver stage runs jobs in parallel (queue.concurrency.deliver, 4): the resolution's
    // fan-out once looked for an earlier message before the opening's fan-out had stored it, and
    // dropped the resolution for every subscriber: their channel showed the incident open for good.
    const rx = await receiver();
    await subscribe(`${rx.origin}/all`);
    const inc = freshIncident();
    await saveIncident(rt.ctx.db, { ...inc, status: 'resolved' });
    const at = new Date(clock.now()).toISOString();
    const event = (type: IncidentEvent['type'], status: IncidentEvent['status']) =>
      addEvent(rt.ctx.db, { incident_id: inc.id, at, type, status, summary: `${inc.title} (${type})`, post_id: null });
    const seqs = [await event('opened', 'suspected'), await event('resolved', 'resolved')];
    const deliver = startDeliverWorker(rt.ctx);
    try {
      await rt.ctx.queues.addBulk(
        'deliver',
        seqs.map((eventSeq) => ({ eventSeq })),
      );
      await waitFor(async () => rx.received.length >= 2, 'the opening and the resolution');
    } finally {
      await deliver.close();
    }
    expect(rx.received.map((r) => (JSON.parse(r.body) as { type: string }).type).sort()).toEqual(['incident.opened', 'incident.resolved']);
  });

  it('when events fan out, then filters pick subscribers, resolutions reach only those told before, and a re-run queues nothing new', async () => {
    const rx = await receiver();
    const all = await subscribe(`${rx.origin}/all`);
    const confirmedOnly = await subscribe(`${rx.origin}/confirmed`, { filters: { min_status: 'confirmed' } });
    const github = await subscribe(`${rx.origin}/github`, { filters: { providers: ['github'] } });
    const sure = await subscribe(`${rx.origin}/sure`, { filters: { affects_us_only: true, min_confidence: 0.9 } });
    const inc = freshIncident();

    const sent = async (seq: number) => {
      const got: string[] = [];
      for (const [name, sub] of Object.entries({ all, confirmedOnly, github, sure })) {
        if (await getMessage(rt.ctx.db, webhookMessageId(sub.id, seq))) got.push(name);
      }
      return got;
    };
    const opened = await emit(inc, 'opened', 'suspected');
    expect(await sent(opened)).toEqual(['all']);
    const confirmed = await emit({ ...inc, confidence: 0.8 }, 'changed', 'confirmed');
    expect(await sent(confirmed)).toEqual(['all', 'confirmedOnly']);
    const resolved = await emit({ ...inc, confidence: 0.8 }, 'resolved', 'resolved');
    expect(await sent(resolved)).toEqual(['all', 'confirmedOnly']);

    const q = webhookQueue(rt.ctx);
    expect(await q.getJob(webhookJobId(resolved, all.id))).toBeTruthy();
    await deliverEvent(rt.ctx, resolved); // the deliver job retried: same messages, same job ids
    await waitFor(async () => rx.received.length === 5 && rx.received, 'five deliveries');
    await new Promise((r) => setTimeout(r, 4 * STEP));
    expect(rx.received.map((r) => `${r.path} ${(JSON.parse(r.body) as { type: string }).type}`).sort()).toEqual([
      '/all incident.changed',
      '/all incident.opened',
      '/all incident.resolved',
      '/confirmed incident.changed',
      '/confirmed incident.resolved',
    ]);
  });
});
