import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import type { Scenario, ScenarioSource, TimelineEntry } from './scenario.js';
import { gateOf, send, sendGate, type ServeContext } from './server/http.js';
import { createXApi } from './server/x-api.js';
import { createMastodonApi } from './server/mastodon-api.js';
import { createStreams, type ReplayStreams } from './server/jetstream.js';
import { createXStream, type ReplayXStream } from './server/x-stream.js';
import { POST_KINDS } from './scenario-rules.js';

/**
 * The replay server: answers on loopback as the real services would at the current virtual
 * time, so the production adapters and clients are what runs (docs/contracts/replay-scenario.md).
 *   - document sources: GET <path> → the latest doc whose `at` has passed, with ETag and
 *     Last-Modified, 304 on a matching conditional request, 404 before the first doc, and the
 *     given status (500, 429 with Retry-After) from a `status` entry on;
 *   - twitter: the X API v2 (server/x-api.ts), its filtered stream and rules (server/x-stream.ts); mastodon: the Mastodon API paths the poller asks
 *     for (server/mastodon-api.ts); bluesky: a Jetstream WebSocket at <path> (server/jetstream.ts).
 */
export interface ReplayServer {
  url: string;
  server: Server;
  /** Requests answered, by source id (the replay report's sanity check). */
  hits: Map<string, number>;
  /** The bluesky streams: the driver publishes after each clock move. */
  streams: ReplayStreams;
  /** The X filtered stream: the driver publishes after each clock move, too. */
  xStream: ReplayXStream;
  close(): Promise<void>;
}

export interface ReplayServerOptions {
  /** Wall ms between the X stream's keep-alives (tests shorten it). */
  xKeepAliveMs?: number;
}

export async function startReplayServer(scenario: Scenario, clock: Clock, opts: ReplayServerOptions = {}): Promise<ReplayServer> {
  const hits = new Map<string, number>();
  const bySource = new Map<string, TimelineEntry[]>(scenario.sources.map((s) => [s.id, scenario.timeline.filter((e) => e.source === s.id)]));
  const ctx: ServeContext = {
    scenario,
    clock,
    entriesOf: (id) => bySource.get(id) ?? [],
    visible: (id) => (bySource.get(id) ?? []).filter((e) => e.atMs <= clock.now()),
    hit: (id) => hits.set(id, (hits.get(id) ?? 0) + 1),
  };
  const documents = new Map<string, ScenarioSource>();
  for (const s of scenario.sources) if (s.path && !POST_KINDS.includes(s.kind)) documents.set(s.path, s);
  // Documents served beside a source's own (an entry's `path`): the same site's other documents.
  const byId = new Map(scenario.sources.map((s) => [s.id, s]));
  for (const e of scenario.timeline) if (e.path && !documents.has(e.path)) documents.set(e.path, byId.get(e.source)!);
  const xApi = createXApi(ctx);
  const mastodonApi = createMastodonApi(ctx);
  const streams = createStreams(ctx);
  const xStream = createXStream(ctx, opts.xKeepAliveMs);

  const serveDocument = (req: IncomingMessage, res: ServerResponse, src: ScenarioSource, path: string) => {
    ctx.hit(src.id);
    const gate = gateOf(ctx, src);
    if (gate) return sendGate(res, gate);
    const doc = ctx
      .visible(src.id)
      .filter((e) => e.body && (e.path ?? src.path) === path)
      .at(-1);
    if (!doc?.body) return send(res, 404, 'no document yet\n', { 'content-type': 'text/plain' });
    const etag = `"${createHash('sha1').update(doc.body).digest('hex').slice(0, 16)}"`;
    const lastModified = new Date(doc.atMs).toUTCString();
    if (req.headers['if-none-match'] === etag || (!req.headers['if-none-match'] && req.headers['if-modified-since'] === lastModified)) {
      res.writeHead(304, { etag, 'last-modified': lastModified });
      return res.end();
    }
    const type = doc.doc?.endsWith('.json') ? 'application/json' : doc.doc?.endsWith('.atom') ? 'application/atom+xml' : 'application/xml';
    send(res, 200, doc.body, { 'content-type': type, etag, 'last-modified': lastModified });
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', 'http://replay');
    if (xStream.handle(req, res, u)) return;
    if (xApi(u.pathname, u.searchParams, res) || mastodonApi(u.pathname, u.searchParams, res)) return;
    const src = documents.get(u.pathname);
    if (!src) return send(res, 404, 'not found\n', { 'content-type': 'text/plain' });
    serveDocument(req, res, src, u.pathname);
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      send(res, 500, `replay server error: ${(err as Error).message}\n`);
    }
  });
  server.on('upgrade', (req, socket, head: Buffer) => {
    if (!streams.upgrade(req, socket, head)) socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = addr && typeof addr === 'object' ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    hits,
    streams,
    xStream,
    close: () =>
      new Promise<void>((r) => {
        streams.close();
        xStream.close();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
