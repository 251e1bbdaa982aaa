import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import type { Incident } from '../../src/domain/incident.js';
import type { Resolver } from '../../src/fetch/resolver.js';
import { makeIncident } from '../helpers/incident.js';

/**
 * Loopback-only test doubles for webhook receivers. Every server binds 127.0.0.x; every name
 * goes through a table resolver that throws on anything it does not know, so no test can reach
 * real DNS or a non-loopback address by mistake.
 */

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Wall ms when the request finished arriving. */
  at: number;
}

export type Respond = (n: number, req: IncomingMessage, res: ServerResponse, body: string) => void;

export interface Receiver {
  origin: string;
  port: number;
  received: Received[];
  /** TCP connections accepted, whether or not a request followed. */
  connections: number;
  close(): Promise<void>;
}

const ok: Respond = (_n, _req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
};

/** An HTTP receiver on `host` (loopback), port 0 unless given; `respond` sees the 0-based request number. */
export async function startReceiver(respond: Respond = ok, host = '127.0.0.1', port = 0): Promise<Receiver> {
  const received: Received[] = [];
  const state = { connections: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const n = received.length;
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, at: Date.now() });
      respond(n, req, res, body);
    });
  });
  server.on('connection', () => state.connections++);
  server.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    origin: `http://${host}:${actual}`,
    port: actual,
    received,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Canary {
  port: number;
  /** Connections accepted: must stay 0. */
  readonly connections: number;
  close(): Promise<void>;
}

/** A raw TCP listener that only counts connections: the place a request must never reach. */
export async function startCanary(host = '127.0.0.2', port = 0): Promise<Canary> {
  const state = { connections: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    state.connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  });
  server.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Names to loopback addresses; a function entry answers per call (DNS rebinding). */
export function tableResolver(table: Record<string, string[] | (() => string[])>): Resolver {
  return async (host) => {
    const entry = table[host];
    if (!entry) throw new Error(`test resolver: unknown host ${host} (no real DNS in tests)`);
    return typeof entry === 'function' ? entry() : entry;
  };
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const T0 = Date.parse('2017-02-28T17:45:00.000Z');

/** The S3 incident of 28 Feb 2017, as the correlator would store it (a snapshot, not a replay). */
export function s3Incident(over: Partial<Incident> = {}): Incident {
  const first = new Date(T0 - 8 * 60_000).toISOString();
  return makeIncident('inc-aws-s3-20170228', {
    title: 'S3 errors in us-east-1',
    confidence: 0.55,
    rank: 1,
    first_seen_at: first,
    last_signal_at: new Date(T0).toISOString(),
    evidence_count: 12,
    updated_at: new Date(T0).toISOString(),
    ...over,
  });
}
