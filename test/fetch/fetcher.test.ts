import dns from 'node:dns';
import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { createAddressPolicy } from '../../src/fetch/address-policy.js';
import { FetchError } from '../../src/fetch/errors.js';
import { fetchDocument, type FetchDeps, type FetchRequest, type FetchResult } from '../../src/fetch/fetcher.js';
import { createHostLimiter } from '../../src/fetch/host-limiter.js';
import type { Resolver } from '../../src/fetch/resolver.js';
import { DOC, LAST_MODIFIED, startCanary, startHostileServer, type Canary, type HostileServer } from './hostile-server.js';

// Tests talk to loopback only. Names resolve through this table; the system resolver is
// never used, and a tripwire on dns.lookup proves nothing fell back to real DNS.
const NAMES: Record<string, string[]> = {
  'origin.test': ['127.0.0.1'],
  'canary.test': ['127.0.0.2'],
  'mixed.test': ['127.0.0.2', '127.0.0.1'],
};

const resolver: Resolver = async (host) => {
  const found = NAMES[host];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return found;
};

// The policy under test: our origin server is allowed, the canary's address is refused.
const policy = createAddressPolicy({ allow: ['127.0.0.1/32'], deny: ['127.0.0.2/32'] });

const START = Date.parse('2017-03-01T12:00:00Z');

let server: HostileServer;
let canary: Canary;
let realDnsLookups = 0;

beforeAll(async () => {
  const realLookup = dns.lookup;
  // server.listen() looks up its IP literal, which never leaves the process; a name would.
  vi.spyOn(dns, 'lookup').mockImplementation(((host: string, ...rest: unknown[]) => {
    if (net.isIP(host)) return (realLookup as (...args: unknown[]) => void)(host, ...rest);
    realDnsLookups++;
    throw new Error(`a test reached the system resolver for ${host}`);
  }) as unknown as typeof dns.lookup);
  [server, canary] = await Promise.all([startHostileServer('127.0.0.1'), startCanary('127.0.0.2')]);
});

afterAll(async () => {
  await Promise.all([server.close(), canary.close()]);
  vi.restoreAllMocks();
});

afterEach(() => {
  expect(realDnsLookups).toBe(0);
  expect(canary.connections).toBe(0);
});

function deps(overrides: Partial<FetchDeps> = {}): FetchDeps {
  return {
    clock: new VirtualClock(START),
    resolver,
    policy,
    hostLimiter: createHostLimiter(),
    limits: { connectTimeoutMs: 1000, totalTimeoutMs: 3000 },
    ...overrides,
  };
}

const at = (path: string): string => `http://origin.test:${server.port}${path}`;
const req = (path: string, extra: Partial<FetchRequest> = {}): FetchRequest => ({ url: at(path), sourceId: 'test-source', ...extra });

async function failure(promise: Promise<FetchResult>): Promise<FetchError> {
  const outcome = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(outcome).toBeInstanceOf(FetchError);
  return outcome as FetchError;
}

function document(result: FetchResult): Buffer {
  if (result.notModified) throw new Error('expected a document, got 304');
  return result.body;
}

describe('conditional GET', () => {
  it('when the server sends an ETag, then the next fetch sends If-None-Match and a 304 is notModified', async () => {
    const first = await fetchDocument(req('/etag'), deps());
    expect(document(first).toString()).toBe(DOC);
    expect(first).toMatchObject({ status: 200, etag: '"v1"', finalUrl: at('/etag'), contentType: 'application/rss+xml' });

    const second = await fetchDocument(req('/etag', { etag: first.etag }), deps());
    expect(second).toMatchObject({ notModified: true, status: 304, etag: '"v1"' });
    expect(server.lastHeaders.get('/etag')?.['if-none-match']).toBe('"v1"');
    // Global fetch would add this and defeat the 304.
    expect(server.lastHeaders.get('/etag')?.['cache-control']).toBeUndefined();
  });

  it('when the server sends Last-Modified, then it is returned and sent back as If-Modified-Since', async () => {
    const first = await fetchDocument(req('/last-modified'), deps());
    expect(first.lastModified).toBe(LAST_MODIFIED);
    const second = await fetchDocument(req('/last-modified', { lastModified: first.lastModified }), deps());
    expect(second.notModified).toBe(true);
    expect(server.lastHeaders.get('/last-modified')?.['if-modified-since']).toBe(LAST_MODIFIED);
  });

  it('when the server sets max-age or Expires, then cacheMaxAgeMs says so (Expires read on the injected clock)', async () => {
    expect((await fetchDocument(req('/max-age'), deps())).cacheMaxAgeMs).toBe(300_000);
    expect((await fetchDocument(req('/expires'), deps())).cacheMaxAgeMs).toBe(600_000);
  });
});

describe('request', () => {
  it('when fetching by name, then Host stays the name, the UA is descriptive and compression is offered', async () => {
    const result = await fetchDocument(req('/echo-headers'), deps());
    const headers = JSON.parse(document(result).toString()) as Record<string, string>;
    expect(headers.host).toBe(`origin.test:${server.port}`);
    expect(headers['user-agent']).toMatch(/^outage-radar\/\S+ \(\+https:\/\/github\.com\/outage-radar\/outage-radar\)$/);
    expect(headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it.each(['/gzip', '/deflate', '/br'])('when the body is encoded (%s), then it is decoded', async (path) => {
    expect(document(await fetchDocument(req(path), deps())).toString()).toBe(DOC);
  });

  it('when latency is measured, then it is read on the injected clock', async () => {
    const clock = new VirtualClock(START);
    const result = await fetchDocument(req('/etag'), deps({ clock }));
    expect(result.latencyMs).toBe(0);
  });
});

describe('status codes', () => {
  it('when 429 with Retry-After seconds, then rate-limited with retryAfterMs', async () => {
    const err = await failure(fetchDocument(req('/429-seconds'), deps()));
    expect(err).toMatchObject({ code: 'rate-limited', status: 429, retryAfterMs: 120_000 });
  });

  it('when 429 with Retry-After as an HTTP-date, then the delay is measured on the injected clock', async () => {
    const err = await failure(fetchDocument(req('/429-date'), deps()));
    expect(err).toMatchObject({ code: 'rate-limited', status: 429, retryAfterMs: 300_000 });
  });

  it('when 503 with Retry-After, then http-status with retryAfterMs', async () => {
    const err = await failure(fetchDocument(req('/503'), deps()));
    expect(err).toMatchObject({ code: 'http-status', status: 503, retryAfterMs: 30_000 });
  });

  it('when 500, then http-status naming the URL, the status and the source', async () => {
    const err = await failure(fetchDocument(req('/500'), deps()));
    expect(err).toMatchObject({ code: 'http-status', status: 500, url: at('/500'), sourceId: 'test-source' });
    expect(err.message).toBe(`source test-source: GET ${at('/500')}: server answered HTTP 500`);
    expect(err.retryAfterMs).toBeUndefined();
  });
});

describe('timeouts', () => {
  const short = { connectTimeoutMs: 1000, totalTimeoutMs: 300 };

  it('when the server never answers, then timeout after totalTimeoutMs and the socket is closed', async () => {
    const started = performance.now();
    const err = await failure(fetchDocument(req('/hang'), deps({ limits: short })));
    expect(err.code).toBe('timeout');
    expect(err.message).toContain(at('/hang'));
    expect(performance.now() - started).toBeLessThan(1500);
    expect(await server.closed('/hang')).toBe(true);
  });

  it('when the DNS lookup never answers, then timeout naming the lookup, within the whole-request limit', async () => {
    const silent: Resolver = () => new Promise(() => {});
    const started = performance.now();
    const err = await failure(fetchDocument({ url: 'http://silent-dns.test/feed', sourceId: 's' }, deps({ resolver: silent, limits: short })));
    expect(err.code).toBe('timeout');
    expect(err.message).toContain("could not resolve silent-dns.test: no answer before the request's time limit");
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('when the server trickles bytes forever, then the whole-request timeout still fires', async () => {
    const started = performance.now();
    const err = await failure(fetchDocument(req('/trickle'), deps({ limits: short })));
    expect(err.code).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(1500);
    expect(await server.closed('/trickle')).toBe(true);
  });

  it('when TCP connects but the TLS handshake never comes, then connect-timeout', async () => {
    const silent = net.createServer(() => {});
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as AddressInfo;
    try {
      const err = await failure(
        fetchDocument({ url: `https://origin.test:${port}/`, sourceId: 's' }, deps({ limits: { connectTimeoutMs: 200, totalTimeoutMs: 2000 } })),
      );
      expect(err.code).toBe('connect-timeout');
    } finally {
      silent.close();
    }
  });
});

describe('size cap', () => {
  const limits = { maxBodyBytes: 5 * 1024 * 1024, totalTimeoutMs: 5000 };

  it('when a 60 MB body streams without Content-Length, then too-large at 5 MiB and the server sees the connection closed', async () => {
    const err = await failure(fetchDocument(req('/huge'), deps({ limits })));
    expect(err.code).toBe('too-large');
    expect(err.message).toContain('5 MiB');
    expect(await server.closed('/huge')).toBe(true);
  });

  it('when Content-Length declares 60 MB, then too-large before reading the body', async () => {
    const err = await failure(fetchDocument(req('/huge-declared'), deps({ limits })));
    expect(err.code).toBe('too-large');
    expect(await server.closed('/huge-declared')).toBe(true);
  });

  it('when a gzip bomb (1 GiB of zeros in ~1 MB) arrives, then decoding stops at the cap', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const err = await failure(fetchDocument(req('/gzip-bomb'), deps({ limits })));
    expect(err.code).toBe('too-large');
    expect(err.message).toContain('after decompression');
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
  });
});

describe('redirects', () => {
  it('when a redirect is relative, then it is followed and finalUrl is the last hop', async () => {
    const result = await fetchDocument(req('/redirect?to=%2Fetag'), deps());
    expect(result).toMatchObject({ status: 200, finalUrl: at('/etag') });
  });

  it('when redirects loop, then redirect-loop', async () => {
    const err = await failure(fetchDocument(req('/loop-a'), deps()));
    expect(err.code).toBe('redirect-loop');
    expect(err.message).toContain('/loop-a');
  });

  it('when there are exactly 5 redirects, then the document is fetched', async () => {
    const result = await fetchDocument(req('/chain?at=0&to=5'), deps());
    expect(document(result).toString()).toBe('end of chain after 5');
  });

  it('when there are more than 5 redirects, then too-many-redirects', async () => {
    const err = await failure(fetchDocument(req('/chain?at=0&to=6'), deps()));
    expect(err.code).toBe('too-many-redirects');
  });

  it.each(['file:///etc/passwd', 'ftp://origin.test/feed.xml'])('when a redirect goes to %s, then bad-scheme', async (target) => {
    const err = await failure(fetchDocument(req(`/redirect?to=${encodeURIComponent(target)}`), deps()));
    expect(err.code).toBe('bad-scheme');
    expect(err.message).toContain(target.split(':')[0] ?? '');
  });

  it('when the URL itself is not http(s), then bad-scheme without any request', async () => {
    const err = await failure(fetchDocument({ url: 'ftp://origin.test/x', sourceId: 's' }, deps()));
    expect(err.code).toBe('bad-scheme');
  });
});

describe('address policy and DNS', () => {
  it('when a redirect leads to a name resolving to a denied address, then blocked-address and the canary sees nothing', async () => {
    const target = `http://canary.test:${canary.port}/secret`;
    const err = await failure(fetchDocument(req(`/redirect?to=${encodeURIComponent(target)}`), deps()));
    expect(err.code).toBe('blocked-address');
    expect(err.url).toBe(target);
    expect(err.message).toContain('127.0.0.2 is in the deny list');
    expect(canary.connections).toBe(0);
    expect(canary.requests).toBe(0);
  });

  it('when a redirect names the denied IP directly, then blocked-address', async () => {
    const target = `${canary.origin}/secret`;
    const err = await failure(fetchDocument(req(`/redirect?to=${encodeURIComponent(target)}`), deps()));
    expect(err.code).toBe('blocked-address');
  });

  it('when a name has a denied and an allowed address, then only the allowed one is used', async () => {
    const result = await fetchDocument({ url: `http://mixed.test:${server.port}/etag`, sourceId: 's' }, deps());
    expect(result.status).toBe(200);
  });

  it('when the name would resolve differently at connect time (rebinding), then the checked address is still used', async () => {
    let calls = 0;
    const rebinding: Resolver = async () => (calls++ === 0 ? ['127.0.0.1'] : ['127.0.0.2']);
    const result = await fetchDocument({ url: `http://rebind.test:${server.port}/echo-headers`, sourceId: 's' }, deps({ resolver: rebinding }));
    expect(JSON.parse(document(result).toString())).toMatchObject({ host: `rebind.test:${server.port}` });
    expect(calls).toBe(1);
    // The next poll resolves afresh and meets the policy again.
    const err = await failure(fetchDocument({ url: `http://rebind.test:${server.port}/`, sourceId: 's' }, deps({ resolver: rebinding })));
    expect(err.code).toBe('blocked-address');
  });

  it('when the name does not resolve, then dns', async () => {
    const err = await failure(fetchDocument({ url: 'http://nowhere.test/feed', sourceId: 's' }, deps()));
    expect(err.code).toBe('dns');
    expect(err.message).toContain('nowhere.test');
  });

  it('when nothing listens, then network', async () => {
    const probe = net.createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as AddressInfo;
    probe.close();
    await once(probe, 'close');
    const err = await failure(fetchDocument({ url: `http://127.0.0.1:${port}/`, sourceId: 's' }, deps()));
    expect(err.code).toBe('network');
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('when connecting over TLS to a pinned address, then SNI is still the host name', async () => {
    const seen: string[] = [];
    const tlsServer = tls.createServer({
      SNICallback: (name, done) => {
        seen.push(name);
        done(new Error('no certificate here'));
      },
    });
    tlsServer.on('tlsClientError', () => {});
    tlsServer.listen(0, '127.0.0.1');
    await once(tlsServer, 'listening');
    const { port } = tlsServer.address() as AddressInfo;
    try {
      const err = await failure(fetchDocument({ url: `https://origin.test:${port}/`, sourceId: 's' }, deps()));
      expect(err.code).toBe('network');
      expect(seen).toEqual(['origin.test']);
    } finally {
      tlsServer.close();
    }
  });
});

describe('per-host concurrency', () => {
  it('when 6 fetches to one host start together, then the server never sees more than 2 at once', async () => {
    const shared = deps({ hostLimiter: createHostLimiter({ perHost: 2 }) });
    const results = await Promise.all(Array.from({ length: 6 }, () => fetchDocument(req('/slow'), shared)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(server.maxConcurrentSlow).toBe(2);
  });
});
