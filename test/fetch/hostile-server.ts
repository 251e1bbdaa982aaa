import { once } from 'node:events';
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

/**
 * A deliberately badly behaved HTTP server on loopback, port 0, for the fetcher's tests.
 * Every route is one way a real feed host (or an attacker) can hurt a poller.
 */
export interface HostileServer {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  port: number;
  /** Requests seen per path (without query). */
  hits: Map<string, number>;
  /** Request headers of the last request per path. */
  lastHeaders: Map<string, IncomingHttpHeaders>;
  /** Largest number of requests in flight at once on /slow. */
  maxConcurrentSlow: number;
  /**
   * Resolves when the response on `path` closes, true if it closed before the server
   * finished sending (the client hung up).
   */
  closed(path: string): Promise<boolean>;
  close(): Promise<void>;
}

export const DOC = '<rss><channel><title>status</title></channel></rss>';
export const LAST_MODIFIED = 'Wed, 01 Mar 2017 12:00:00 GMT';
export const RETRY_AT = 'Wed, 01 Mar 2017 12:05:00 GMT';
export const EXPIRES_AT = 'Wed, 01 Mar 2017 12:10:00 GMT';
export const HUGE_BYTES = 60 * 1024 * 1024;

/**
 * 1 GiB of zeros as ~1 MB of gzip: one compressed MiB repeated as 1024 gzip members, which
 * gunzip decodes back to back. Built in a few milliseconds without ever holding 1 GiB.
 */
export function gzipBomb(): Buffer {
  const member = gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
  return Buffer.concat(new Array<Buffer>(1024).fill(member));
}

/** Waits for 'drain' or 'close', whichever comes first, leaving no listener behind. */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

export async function startHostileServer(host = '127.0.0.1'): Promise<HostileServer> {
  const bomb = gzipBomb();
  const hits = new Map<string, number>();
  const lastHeaders = new Map<string, IncomingHttpHeaders>();
  const closeWaiters = new Map<string, Array<(early: boolean) => void>>();
  const closedEarly = new Map<string, boolean>();
  let slowInFlight = 0;
  const state = { maxConcurrentSlow: 0 };

  function watchClose(path: string, res: ServerResponse): void {
    res.on('close', () => {
      const early = !res.writableFinished;
      closedEarly.set(path, early);
      for (const wake of closeWaiters.get(path) ?? []) wake(early);
      closeWaiters.delete(path);
    });
  }

  async function streamZeros(res: ServerResponse, total: number): Promise<void> {
    const chunk = Buffer.alloc(64 * 1024);
    let sent = 0;
    // Respect back-pressure, so the 60 MB are never all in memory, and stop when the client goes.
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) await drainedOrClosed(res);
    }
    if (!res.destroyed) res.end();
  }

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>> = {
    '/etag': (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
      res.writeHead(200, { etag: '"v1"', 'content-type': 'application/rss+xml' }).end(DOC);
    },
    '/last-modified': (req, res) => {
      if (req.headers['if-modified-since'] === LAST_MODIFIED) return void res.writeHead(304).end();
      res.writeHead(200, { 'last-modified': LAST_MODIFIED }).end(DOC);
    },
    '/max-age': (_req, res) => void res.writeHead(200, { 'cache-control': 'public, max-age=300' }).end(DOC),
    '/expires': (_req, res) => void res.writeHead(200, { expires: EXPIRES_AT }).end(DOC),
    '/429-seconds': (_req, res) => void res.writeHead(429, { 'retry-after': '120' }).end('slow down'),
    '/429-date': (_req, res) => void res.writeHead(429, { 'retry-after': RETRY_AT }).end('slow down'),
    '/503': (_req, res) => void res.writeHead(503, { 'retry-after': '30' }).end('maintenance'),
    '/500': (_req, res) => void res.writeHead(500).end('boom'),
    // Accepts the request and never answers.
    '/hang': () => {},
    // Answers, then sends one byte every 20 ms forever: never idle long enough for an idle timeout.
    '/trickle': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('x'), 20);
      res.on('close', () => clearInterval(timer));
    },
    '/huge': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return streamZeros(res, HUGE_BYTES);
    },
    '/huge-declared': (_req, res) => {
      res.writeHead(200, { 'content-length': String(HUGE_BYTES) });
      return streamZeros(res, HUGE_BYTES);
    },
    '/gzip-bomb': (_req, res) => void res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb),
    '/gzip': (_req, res) => void res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(DOC)),
    '/deflate': (_req, res) => void res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateSync(DOC)),
    '/br': (_req, res) => void res.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(DOC)),
    '/loop-a': (_req, res) => void res.writeHead(302, { location: '/loop-b' }).end(),
    '/loop-b': (_req, res) => void res.writeHead(301, { location: '/loop-a' }).end(),
    // /chain?at=0&to=N redirects N times, then answers.
    '/chain': (_req, res, url) => {
      const at = Number(url.searchParams.get('at'));
      const to = Number(url.searchParams.get('to'));
      if (at >= to) return void res.writeHead(200).end(`end of chain after ${at}`);
      res.writeHead(307, { location: `/chain?at=${at + 1}&to=${to}` }).end();
    },
    // /redirect?to=<any URL>, relative or absolute, any scheme.
    '/redirect': (_req, res, url) => void res.writeHead(302, { location: url.searchParams.get('to') ?? '/' }).end(),
    '/slow': async (_req, res) => {
      slowInFlight++;
      state.maxConcurrentSlow = Math.max(state.maxConcurrentSlow, slowInFlight);
      await new Promise((resolve) => setTimeout(resolve, 60));
      slowInFlight--;
      res.writeHead(200).end('slow');
    },
    '/echo-headers': (req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(req.headers)),
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://hostile.invalid');
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    lastHeaders.set(url.pathname, req.headers);
    watchClose(url.pathname, res);
    const route = routes[url.pathname];
    if (!route) return void res.writeHead(404).end('no such route');
    void Promise.resolve(route(req, res, url)).catch(() => res.destroy());
  });
  server.listen(0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://${host}:${port}`,
    port,
    hits,
    lastHeaders,
    get maxConcurrentSlow() {
      return state.maxConcurrentSlow;
    },
    closed(path) {
      const known = closedEarly.get(path);
      if (known !== undefined) return Promise.resolve(known);
      return new Promise((resolve) => closeWaiters.set(path, [...(closeWaiters.get(path) ?? []), resolve]));
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** A server that must never be reached: it counts connections, not just requests. */
export interface Canary {
  origin: string;
  port: number;
  connections: number;
  requests: number;
  close(): Promise<void>;
}

export async function startCanary(host: string): Promise<Canary> {
  const counts = { connections: 0, requests: 0 };
  const server = http.createServer((_req, res) => {
    counts.requests++;
    res.end('secret');
  });
  server.on('connection', () => counts.connections++);
  server.listen(0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    port,
    get connections() {
      return counts.connections;
    },
    get requests() {
      return counts.requests;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
