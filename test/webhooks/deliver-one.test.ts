import { afterEach, describe, expect, it } from 'vitest';
import { createAddressPolicy } from '../../src/fetch/address-policy.js';
import { postOnce, type PostDeps } from '../../src/outputs/webhooks/deliver-one.js';
import { startCanary, startReceiver, tableResolver, type Canary, type Receiver } from './helpers.js';

// postOnce on its own: one attempt against real loopback servers, no queue, no store.
const policy = createAddressPolicy({ allow: ['127.0.0.1/32'] });
const deps = (over: Partial<PostDeps> = {}): PostDeps => ({
  resolver: tableResolver({ 'receiver.test': ['127.0.0.1'] }),
  policy,
  limits: { timeoutMs: 2_000 },
  ...over,
});
const BODY = '{"type":"incident.test"}';

const open: Array<Receiver | Canary> = [];
async function track<T extends Receiver | Canary>(p: Promise<T>): Promise<T> {
  const s = await p;
  open.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

describe('postOnce', () => {
  it('when the receiver answers 2xx, then it is delivered with the JSON body and our headers', async () => {
    const rx = await track(startReceiver());
    const r = await postOnce(`http://receiver.test:${rx.port}/hook`, BODY, { 'webhook-id': 'msg_1' }, deps());
    expect(r).toMatchObject({ ok: true, status: 200, excerpt: 'ok' });
    expect(rx.received[0]).toMatchObject({ method: 'POST', path: '/hook', body: BODY });
    expect(rx.received[0]!.headers).toMatchObject({ 'content-type': 'application/json', 'webhook-id': 'msg_1', host: `receiver.test:${rx.port}` });
    expect(rx.received[0]!.headers['user-agent']).toMatch(/^outage-radar\//);
  });

  it('when the receiver never answers, then the attempt times out at the limit and hangs up', async () => {
    const rx = await track(startReceiver(() => {}));
    const started = Date.now();
    const r = await postOnce(`${rx.origin}/`, BODY, {}, deps({ limits: { timeoutMs: 300 } }));
    expect(r).toMatchObject({ ok: false, code: 'timeout', status: null });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('when the receiver redirects, then it is a failure and the redirect target gets nothing', async () => {
    const canary = await track(startReceiver(undefined, '127.0.0.1'));
    const rx = await track(startReceiver((_n, _req, res) => res.writeHead(307, { location: `${canary.origin}/stolen` }).end()));
    const r = await postOnce(`${rx.origin}/`, BODY, {}, deps());
    expect(r).toMatchObject({ ok: false, code: 'redirect', status: 307 });
    expect(r.error).toContain('not followed');
    expect(canary.connections).toBe(0);
    expect(canary.received).toHaveLength(0);
  });

  it('when the receiver answers 410, then the code is gone', async () => {
    const rx = await track(startReceiver((_n, _req, res) => res.writeHead(410).end('bye')));
    expect(await postOnce(`${rx.origin}/`, BODY, {}, deps())).toMatchObject({ ok: false, code: 'gone', status: 410, excerpt: 'bye' });
  });

  it('when the receiver answers 503 with Retry-After, then the header is handed back for the schedule', async () => {
    const rx = await track(startReceiver((_n, _req, res) => res.writeHead(503, { 'retry-after': '120' }).end()));
    expect(await postOnce(`${rx.origin}/`, BODY, {}, deps())).toMatchObject({ ok: false, code: 'http-status', status: 503, retryAfter: '120' });
  });

  it('when the receiver streams an endless answer, then at most 64 KiB is read and the attempt ends', async () => {
    const chunk = Buffer.alloc(16 * 1024, 'a');
    const rx = await track(
      startReceiver((_n, _req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const pump = (): void => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
      }),
    );
    const started = Date.now();
    const r = await postOnce(`${rx.origin}/`, BODY, {}, deps({ limits: { timeoutMs: 5_000 } }));
    expect(r).toMatchObject({ ok: true, status: 200, responseBytes: 64 * 1024 });
    expect(r.excerpt).toHaveLength(512);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('when the host resolves to a loopback address outside the allow-list, then it is refused and the canary gets no connection', async () => {
    const canary = await track(startCanary('127.0.0.2'));
    const r = await postOnce(
      `http://hooks.internal.test:${canary.port}/`,
      BODY,
      {},
      deps({ resolver: tableResolver({ 'hooks.internal.test': ['127.0.0.2'] }) }),
    );
    expect(r).toMatchObject({ ok: false, code: 'blocked-address', status: null });
    expect(r.error).toContain('127.0.0.2 is a loopback address');
    expect(canary.connections).toBe(0);
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'cloud metadata'],
    ['http://[::ffff:169.254.169.254]/', 'cloud metadata'],
    ['http://[::ffff:127.0.0.2]/', 'loopback'],
    ['http://10.0.0.1/', 'private'],
    ['http://100.64.0.1/', 'carrier-grade NAT'],
    ['http://[fe80::1]/', 'link-local'],
  ])('when the URL is the literal %s, then it is refused before any connection (%s)', async (url, why) => {
    const r = await postOnce(url, BODY, {}, deps());
    expect(r).toMatchObject({ ok: false, code: 'blocked-address' });
    expect(r.error).toContain(why);
  });

  it('when the scheme is not http(s), then nothing is sent', async () => {
    expect(await postOnce('file:///etc/passwd', BODY, {}, deps())).toMatchObject({ ok: false, code: 'bad-url' });
  });
});
