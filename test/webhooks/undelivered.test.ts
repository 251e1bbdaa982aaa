import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from 'bullmq';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { webhookRoutes } from '../../src/api/routes/webhooks.js';
import { errorMiddleware } from '../../src/api/errors.js';
import { deliverEvent } from '../../src/pipeline/deliver.js';
import { addEvent, saveIncident } from '../../src/store/incidents-repo.js';
import type { DeliveryAttempt } from '../../src/store/webhook-deliveries-repo.js';
import { webhookMessageId } from '../../src/outputs/webhooks/fan-out.js';
import { closeWebhookQueue, webhookJobId, webhookQueue } from '../../src/outputs/webhooks/queue.js';
import { startWebhookWorker, type WebhookWorkerOptions } from '../../workers/webhook.js';
import { projectRoot } from '../helpers/catalog.js';
import { exited } from '../helpers/cli.js';
import { testRuntime, TEST_REDIS_URL, VirtualClock } from '../helpers/runtime.js';
import { s3Incident, startReceiver, T0, tableResolver, waitFor, type Receiver } from './helpers.js';

// "Did subscriber X get event Y?": every way a queued message can end without reaching its
// receiver must leave a row in the delivery log the admin API shows. Real path: deliver stage →
// 'webhook' queue on real Redis → worker → receivers on loopback; the admin API through a real
// express app on 127.0.0.1.
const clock = new VirtualClock(T0);
const resolver = tableResolver({ 'receiver.test': ['127.0.0.1'] });
const FAST: WebhookWorkerOptions = { resolver, jitter: 0, limits: { timeoutMs: 2_000 }, stalledIntervalMs: 300, lockDurationMs: 800 };

let rt: Awaited<ReturnType<typeof testRuntime>>;
let server: Server;
let base: string;
let incidentNo = 0;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  rt = await testRuntime({ allowPrivate: ['127.0.0.1/32'], clock });
  if (rt.ctx.redis.status !== 'ready') await once(rt.ctx.redis, 'ready');
  const app = express();
  app.use(express.json({ limit: '64kb' }));
  app.use('/api/v1', webhookRoutes(rt.ctx, { delivery: { resolver } }));
  app.use(errorMiddleware(rt.ctx.log));
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  if (rt) {
    await closeWebhookQueue(rt.ctx);
    await rt.cleanup();
  }
});

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function receiver(...args: Parameters<typeof startReceiver>): Promise<Receiver> {
  const r = await startReceiver(...args);
  cleanups.push(() => r.close());
  return r;
}

function worker(opts: Partial<WebhookWorkerOptions>): Worker {
  const w = startWebhookWorker(rt.ctx, { ...FAST, ...opts });
  cleanups.push(() => w.close());
  return w;
}

async function subscribe(rx: Receiver): Promise<string> {
  const created = await api<{ webhook: { id: string } }>('POST', '/webhooks', { url: `http://receiver.test:${rx.port}/hooks`, format: 'generic' });
  cleanups.push(() => fetch(`${base}/webhooks/${created.webhook.id}`, { method: 'DELETE' }));
  return created.webhook.id;
}

/** An incident opens and the deliver stage queues its message. */
async function emitOpened(): Promise<number> {
  const inc = s3Incident({ id: `inc-undelivered-${++incidentNo}` });
  await saveIncident(rt.ctx.db, inc);
  const seq = await addEvent(rt.ctx.db, {
    incident_id: inc.id,
    at: new Date(T0).toISOString(),
    type: 'opened',
    status: inc.status,
    summary: inc.title,
    post_id: null,
  });
  await deliverEvent(rt.ctx, seq);
  return seq;
}

/** What the admin reads: GET /webhooks/{id}/deliveries, oldest first, for one message. */
async function logOf(subId: string, webhookId: string): Promise<DeliveryAttempt[]> {
  const page = await api<{ deliveries: DeliveryAttempt[] }>('GET', `/webhooks/${subId}/deliveries?limit=100`);
  return page.deliveries.filter((d) => d.webhook_id === webhookId).reverse();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a queued webhook message that is never delivered', () => {
  it('when the admin disables the subscription while a retry waits, then the retry sends nothing and the log says it was skipped, once', async () => {
    const rx = await receiver((_n, _req, res) => res.writeHead(500).end('down'));
    const subId = await subscribe(rx);
    worker({ retrySchedule: Array<number>(7).fill(600) });
    const seq = await emitOpened();
    const id = webhookMessageId(subId, seq);
    await waitFor(async () => (await logOf(subId, id)).length === 1, 'the first, failed attempt');

    await api('PATCH', `/webhooks/${subId}`, { enabled: false });
    const log = await waitFor(async () => {
      const l = await logOf(subId, id);
      return l.length === 2 && l;
    }, 'a row for the retry that was not sent');
    expect(log.map((a) => [a.attempt, a.status])).toEqual([
      [1, 'retrying'],
      [2, 'skipped'],
    ]);
    expect(log[1]).toMatchObject({ http_status: null, error_code: 'subscription-disabled', next_attempt_at: null });
    expect(log[1]!.error).toMatch(/^subscription disabled/);
    // No retry storm: the job is finished, nothing more is sent or logged.
    await sleep(4 * 600);
    expect(rx.received).toHaveLength(1);
    expect(await logOf(subId, id)).toHaveLength(2);
    expect(await webhookQueue(rt.ctx).getJobState(webhookJobId(seq, subId))).toBe('completed');
  });

  it('when the worker dies mid-send twice, then a healthy worker still delivers the message under the same webhook-id', async () => {
    // The first two requests are never answered (their worker dies waiting); later ones are.
    const rx = await receiver((n, _req, res) => n >= 2 && res.writeHead(204).end());
    const subId = await subscribe(rx);
    const seq = await emitOpened();
    const id = webhookMessageId(subId, seq);
    await dieMidSend(rx, 2);
    worker({});
    const log = await waitFor(async () => {
      const l = await logOf(subId, id);
      return l.length > 0 && l;
    }, 'the delivery after two deaths');
    expect(log.map((a) => [a.attempt, a.status, a.http_status])).toEqual([[1, 'delivered', 204]]);
    expect(rx.received[2]!.headers['webhook-id']).toBe(id);
  });

  it('when every worker that takes the message dies mid-send until BullMQ gives up on it, then the log shows it failed and why', async () => {
    // The receiver takes each request and never answers: the worker dies while it waits.
    const rx = await receiver(() => {});
    const subId = await subscribe(rx);
    const seq = await emitOpened();
    const id = webhookMessageId(subId, seq);
    // maxStalledCount is 2: a job found stalled a third time is failed.
    await dieMidSend(rx, 3);
    // A healthy worker finds the stalled job and BullMQ fails it without running it.
    worker({});
    const log = await waitFor(async () => {
      const l = await logOf(subId, id);
      return l.length > 0 && l;
    }, 'a row for the message given up');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ attempt: 1, status: 'failed', error_code: 'worker-died', http_status: null, next_attempt_at: null });
    expect(log[0]!.error).toMatch(/stopped mid-attempt.*may have got it/);
    expect(await webhookQueue(rt.ctx).getJobState(webhookJobId(seq, subId))).toBe('failed');
    expect(rx.received).toHaveLength(3);
  });
});

/** `deaths` worker processes in turn take the queued message and are SIGKILLed while its request is in flight. */
async function dieMidSend(rx: Receiver, deaths: number): Promise<void> {
  for (let death = 1; death <= deaths; death++) {
    const dying = dyingWorker(rt.prefix, `${rx.origin}/hooks`);
    await waitFor(async () => rx.received.length === death, `request ${death} in flight`, 15_000);
    dying.kill('SIGKILL');
    await exited(dying, 10_000);
  }
}

/**
 * Another webhook worker process, as BullMQ sees one: same queue, prefix and stall settings as
 * FAST (maxStalledCount 2 as in production). It starts sending the message and is killed before
 * the answer, as a crash or an OOM kill would end it.
 */
function dyingWorker(prefix: string, target: string): ChildProcess {
  // Plain BullMQ rather than our worker: it dies before our code would record anything, and
  // what it leaves behind (an active job whose lock runs out) is BullMQ's alone.
  const script = `
    import { Worker } from 'bullmq';
    const url = new URL(process.env.REDIS_URL);
    new Worker('webhook', async () => {
      await fetch(process.env.TARGET, { method: 'POST', body: '{}' });
      await new Promise(() => {});
    }, {
      connection: { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null },
      prefix: process.env.PREFIX, stalledInterval: ${FAST.stalledIntervalMs}, lockDuration: ${FAST.lockDurationMs}, maxStalledCount: 2,
    });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: projectRoot,
    env: { ...process.env, REDIS_URL: TEST_REDIS_URL, PREFIX: prefix, TARGET: target },
    stdio: 'ignore',
  });
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return child;
}
