import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { webhookRoutes } from '../../src/api/routes/webhooks.js';
import { errorMiddleware } from '../../src/api/errors.js';
import { closeWebhookQueue } from '../../src/outputs/webhooks/queue.js';
import { verifySignature } from '../../src/outputs/webhooks/signing.js';
import { webhookEventOut } from '../../src/api/webhook-payload.js';
import { testRuntime } from '../helpers/runtime.js';
import { startCanary, startReceiver, tableResolver, type Canary, type Receiver } from './helpers.js';

// No pipeline stage runs here; keep boot from loading the stage workers.

// The admin API through a real express app on 127.0.0.1, port 0, as the lead mounts it.
let rebindCalls = 0;
const resolver = tableResolver({
  'receiver.test': ['127.0.0.1'],
  'hooks.internal.test': ['127.0.0.2'],
  'rebind.test': () => (rebindCalls++ === 0 ? ['127.0.0.1'] : ['127.0.0.2']),
});

let rt: Awaited<ReturnType<typeof testRuntime>>;
let server: Server;
let base: string;
const servers: Array<Receiver | Canary> = [];

beforeAll(async () => {
  rt = await testRuntime({ allowPrivate: ['127.0.0.1/32'] });
  const app = express();
  app.use(express.json({ limit: '64kb' }));
  app.use('/api/v1', webhookRoutes(rt.ctx, { delivery: { resolver, limits: { timeoutMs: 1_000 } }, publicBaseUrl: 'https://radar.example.com' }));
  app.use(errorMiddleware(rt.ctx.log));
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  if (rt) {
    await closeWebhookQueue(rt.ctx);
    await rt.cleanup();
  }
});

interface Res {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string; field?: string } };
  text: string;
}

async function call(method: string, path: string, body?: unknown): Promise<Res> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? (JSON.parse(text) as Res['body']) : {} };
}

async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  servers.push(r);
  return r;
}

interface WebhookView {
  id: string;
  url: string;
  format: string;
  enabled: boolean;
  disabled_reason: string | null;
  filters: Record<string, unknown>;
}

describe('webhook routes', () => {
  it('when a webhook is created, then the secret is shown once and never again', async () => {
    const rx = await receiver();
    const created = await call('POST', '/webhooks', { url: `http://receiver.test:${rx.port}/in`, format: 'slack', filters: { providers: ['aws'] } });
    expect(created.status).toBe(201);
    const secret = created.body.secret as string;
    expect(secret).toMatch(/^whsec_/);
    const hook = created.body.webhook as WebhookView;
    expect(hook).toMatchObject({
      id: expect.stringMatching(/^wh_[0-9a-f]{24}$/),
      format: 'slack',
      enabled: true,
      disabled_reason: null,
      filters: { providers: ['aws'], components: [], min_status: 'suspected', min_confidence: 0, affects_us_only: false },
    });
    expect(hook).not.toHaveProperty('secret');

    const list = await call('GET', '/webhooks');
    const one = await call('GET', `/webhooks/${hook.id}`);
    expect(list.status).toBe(200);
    expect((list.body.webhooks as WebhookView[]).map((w) => w.id)).toContain(hook.id);
    expect(one.body.webhook).toMatchObject({ id: hook.id });
    for (const r of [list, one]) {
      expect(r.text).not.toContain(secret);
      expect(r.text).not.toContain('"secret"');
    }
  });

  it.each([
    [{ url: 'ftp://receiver.test/x' }, 'url', 'use http or https'],
    [{ url: 'http://admin:hunter2@receiver.test/x' }, 'url', 'user name or password'],
    [{ url: 'not a url' }, 'url', 'not a valid URL'],
    [{}, 'url', ''],
    [{ url: 'http://receiver.test/x', format: 'irc' }, 'format', ''],
    [{ url: 'http://receiver.test/x', filters: { min_confidence: 2 } }, 'filters.min_confidence', ''],
    [{ url: 'http://receiver.test/x', filters: { min_status: 'resolved' } }, 'filters.min_status', ''],
    [{ url: 'http://receiver.test/x', filters: { providers: ['aws', 'no-such-provider'] } }, 'filters.providers.1', 'unknown provider'],
    [{ url: 'http://169.254.169.254/latest/meta-data/' }, 'url', 'cloud metadata'],
    [{ url: 'http://[::ffff:10.0.0.1]/' }, 'url', 'private'],
    [{ url: 'http://nowhere.test/' }, 'url', 'could not resolve'],
  ])('when creating with %j, then 400 names the field %s', async (body, field, message) => {
    const r = await call('POST', '/webhooks', body);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'invalid_request', field });
    expect(r.body.error?.message).toContain(message);
  });

  it('when the URL names a host that resolves to a refused address, then creation fails and the canary gets no connection', async () => {
    const canary = await startCanary('127.0.0.2');
    servers.push(canary);
    const r = await call('POST', '/webhooks', { url: `http://hooks.internal.test:${canary.port}/` });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ field: 'url' });
    expect(r.body.error?.message).toContain('127.0.0.2 is a loopback address');
    expect(canary.connections).toBe(0);
  });

  it('when a webhook does not exist, then every route answers 404', async () => {
    for (const [method, path] of [
      ['GET', '/webhooks/wh_000000000000000000000000'],
      ['GET', '/webhooks/wh_NOT-HEX'],
      ['PATCH', '/webhooks/wh_000000000000000000000000'],
      ['DELETE', '/webhooks/wh_000000000000000000000000'],
      ['POST', '/webhooks/wh_000000000000000000000000/test'],
      ['GET', '/webhooks/not-an-id/deliveries'],
    ] as const) {
      const r = await call(method, path, method === 'PATCH' ? { enabled: false } : undefined);
      expect(r.status, `${method} ${path}`).toBe(404);
    }
  });

  it('when a test event is sent, then the receiver verifies it with the secret and the delivery log shows it', async () => {
    const rx = await receiver();
    const created = await call('POST', '/webhooks', { url: `${rx.origin}/hook` });
    const id = (created.body.webhook as WebhookView).id;
    const secret = created.body.secret as string;

    const sent = await call('POST', `/webhooks/${id}/test`);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      delivered: true,
      delivery: { attempt: 1, status: 'delivered', http_status: 200, event_type: 'incident.test', event_seq: null },
    });
    const req = rx.received[0]!;
    expect(req.headers['webhook-id']).toBe(sent.body.webhook_id);
    expect(
      verifySignature(secret, String(req.headers['webhook-id']), String(req.headers['webhook-timestamp']), req.body, String(req.headers['webhook-signature'])),
    ).toBe(true);
    expect(JSON.parse(req.body)).toMatchObject({ type: 'incident.test', data: { link: `https://radar.example.com/api/v1/webhooks/${id}` } });
    // The body is what the OpenAPI document's `webhooks` section says, field for field.
    expect(webhookEventOut.safeParse(JSON.parse(req.body)).error?.issues ?? []).toEqual([]);

    await call('POST', `/webhooks/${id}/test`);
    const log = await call('GET', `/webhooks/${id}/deliveries?limit=1`);
    expect(log.status).toBe(200);
    const page = log.body.deliveries as Array<{ id: number; webhook_id: string }>;
    expect(page).toHaveLength(1);
    expect(log.body.next_before).toBe(page[0]!.id);
    const next = await call('GET', `/webhooks/${id}/deliveries?limit=5&before=${page[0]!.id}`);
    expect((next.body.deliveries as Array<{ webhook_id: string }>).map((d) => d.webhook_id)).toEqual([sent.body.webhook_id]);
    expect(next.body.next_before).toBeNull();

    expect((await call('GET', `/webhooks/${id}/deliveries?limit=0`)).body.error).toMatchObject({ field: 'limit' });
  });

  it('when a receiver answers 200 with a NUL and a lone surrogate in its reply, then the test send succeeds and the delivery is logged with a storable excerpt', async () => {
    // Regression (data loss 3): the database refused the excerpt, the route answered 500 and the
    // delivery log stayed empty, so acknowledged messages were sent again.
    const rx = await startReceiver((_n, _req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok\u0000thanks \ud800 bye');
    });
    servers.push(rx);
    const created = await call('POST', '/webhooks', { url: `${rx.origin}/hook` });
    const id = (created.body.webhook as WebhookView).id;
    const sent = await call('POST', `/webhooks/${id}/test`);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ delivered: true, delivery: { status: 'delivered', http_status: 200 } });
    const log = await call('GET', `/webhooks/${id}/deliveries`);
    const rows = log.body.deliveries as Array<{ status: string; response_excerpt: string }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'delivered' });
    expect(rows[0]!.response_excerpt).toContain('ok\ufffdthanks');
    expect(rows[0]!.response_excerpt).not.toContain('\u0000');
  });

  it('when the host resolved to the receiver at creation but to another address at the test send, then the send is refused', async () => {
    const rx = await receiver();
    const canary = await startCanary('127.0.0.2', rx.port);
    servers.push(canary);
    rebindCalls = 0;
    const created = await call('POST', '/webhooks', { url: `http://rebind.test:${rx.port}/` });
    expect(created.status).toBe(201);
    const sent = await call('POST', `/webhooks/${(created.body.webhook as WebhookView).id}/test`);
    expect(sent.body).toMatchObject({ delivered: false, delivery: { status: 'failed', error_code: 'blocked-address', http_status: null } });
    expect(canary.connections).toBe(0);
    expect(rx.connections).toBe(0);
  });

  it('when a webhook is patched, then changes apply, re-enabling clears the reason, and a rotated secret is shown once', async () => {
    const rx = await receiver();
    const created = await call('POST', '/webhooks', { url: `${rx.origin}/a` });
    const id = (created.body.webhook as WebhookView).id;

    const off = await call('PATCH', `/webhooks/${id}`, { enabled: false, format: 'discord', filters: { min_status: 'confirmed' } });
    expect(off.body.webhook).toMatchObject({ enabled: false, format: 'discord', filters: { min_status: 'confirmed', providers: [] } });
    expect(off.body).not.toHaveProperty('secret');

    const rotated = await call('PATCH', `/webhooks/${id}`, { enabled: true, rotate_secret: true });
    expect(rotated.body.webhook).toMatchObject({ enabled: true, disabled_reason: null });
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);

    expect((await call('PATCH', `/webhooks/${id}`, {})).status).toBe(400);
    expect((await call('PATCH', `/webhooks/${id}`, { url: 'http://10.1.2.3/' })).body.error).toMatchObject({ field: 'url' });
  });

  it('when a PATCH gives some filter keys, then only those change: the others keep their values', async () => {
    const rx = await receiver();
    const created = await call('POST', '/webhooks', { url: `${rx.origin}/a`, filters: { providers: ['aws'], components: ['S3'] } });
    const id = (created.body.webhook as WebhookView).id;
    const narrowed = await call('PATCH', `/webhooks/${id}`, { filters: { min_status: 'confirmed', min_confidence: 0.5 } });
    expect(narrowed.body.webhook).toMatchObject({
      filters: { providers: ['aws'], components: ['S3'], min_status: 'confirmed', min_confidence: 0.5, affects_us_only: false },
    });
    const more = await call('PATCH', `/webhooks/${id}`, { filters: { affects_us_only: true, providers: [] } });
    expect(more.body.webhook).toMatchObject({
      filters: { providers: [], components: ['S3'], min_status: 'confirmed', min_confidence: 0.5, affects_us_only: true },
    });
    expect((await call('PATCH', `/webhooks/${id}`, { filters: { providers: ['no-such-provider'] } })).status).toBe(400);
  });

  it("when a component filter is a near miss of a catalog name, or another provider's component, then 400; names, aliases and the provider's own names are taken", async () => {
    const rx = await receiver();
    const typo = await call('POST', '/webhooks', { url: `${rx.origin}/a`, filters: { providers: ['aws'], components: ['S4'] } });
    expect(typo.status).toBe(400);
    expect(typo.body.error).toMatchObject({
      field: 'filters.components.0',
      message: expect.stringContaining('unknown component "S4" of aws; did you mean "S3"?'),
    });
    const created = await call('POST', '/webhooks', { url: `${rx.origin}/a`, filters: { components: ['Simple Storage Service'] } });
    expect(created.status).toBe(201);
    const id = (created.body.webhook as WebhookView).id;
    // A name the catalog does not list is the provider's own (incidents carry it as the page spells it).
    const own = await call('PATCH', `/webhooks/${id}`, { filters: { components: ['S3', 'Batch inference queue'] } });
    expect(own.status).toBe(200);
    expect(own.body.webhook).toMatchObject({ filters: { components: ['S3', 'Batch inference queue'] } });
    // A provider change checks the kept components against the new provider: S3 is aws's.
    const moved = await call('PATCH', `/webhooks/${id}`, { filters: { providers: ['github'] } });
    expect(moved.status).toBe(400);
    expect(moved.body.error).toMatchObject({ field: 'filters.components.0', message: expect.stringContaining('component "S3" is aws\'s, not github\'s') });
    expect((await call('GET', `/webhooks/${id}`)).body.webhook).toMatchObject({ filters: { components: ['S3', 'Batch inference queue'], providers: [] } });
  });

  it('when the secret is rotated, then deliveries carry a signature under each secret for 24 h, then only the new one', async () => {
    const rx = await receiver();
    const created = await call('POST', '/webhooks', { url: `${rx.origin}/hook` });
    const id = (created.body.webhook as WebhookView).id;
    const oldSecret = created.body.secret as string;
    const rotated = await call('PATCH', `/webhooks/${id}`, { rotate_secret: true });
    const newSecret = rotated.body.secret as string;
    const until = Date.parse((rotated.body.webhook as { previous_secret_until: string }).previous_secret_until);
    expect(until - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect(until - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    expect(JSON.stringify(rotated.body.webhook)).not.toContain(oldSecret.slice(6));

    const verifies = (n: number, secret: string) => {
      const req = rx.received[n]!;
      const h = (k: string) => String(req.headers[k]);
      return verifySignature(secret, h('webhook-id'), h('webhook-timestamp'), req.body, h('webhook-signature'));
    };
    expect((await call('POST', `/webhooks/${id}/test`)).body.delivered).toBe(true);
    expect(String(rx.received[0]!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifies(0, newSecret)).toBe(true);
    expect(verifies(0, oldSecret)).toBe(true);

    // Once the overlap has passed, only the new secret signs.
    await rt.ctx.db.query("UPDATE webhook_subscriptions SET previous_secret_until = now() - interval '1 second' WHERE id = $1", [id]);
    expect((await call('POST', `/webhooks/${id}/test`)).body.delivered).toBe(true);
    expect(verifies(1, newSecret)).toBe(true);
    expect(verifies(1, oldSecret)).toBe(false);
  });

  it('when a webhook is deleted, then it is gone', async () => {
    const rx = await receiver();
    const id = ((await call('POST', '/webhooks', { url: `${rx.origin}/a` })).body.webhook as WebhookView).id;
    expect((await call('DELETE', `/webhooks/${id}`)).status).toBe(204);
    expect((await call('GET', `/webhooks/${id}`)).status).toBe(404);
  });
});
