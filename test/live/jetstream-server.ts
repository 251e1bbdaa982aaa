/**
 * A local Jetstream (bluesky-social/jetstream) on 127.0.0.1: `/subscribe` with
 * wantedCollections, wantedDids and cursor (µs; events from that time on are replayed from the
 * server's log, then live ones follow), one JSON event per WebSocket message. Its HTTP side also
 * answers `GET /xrpc/com.atproto.identity.resolveHandle?handle=` as the lexicon defines it
 * (bluesky-social/atproto, lexicons/com/atproto/identity/resolveHandle.json: `{"did": "..."}`,
 * or 400 `{"error": "InvalidRequest", "message": "Unable to resolve handle"}`), from `handles`. Events are built
 * from the documented format (test/fixtures/live/bluesky, see the README there).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';

export interface JetstreamEvent {
  did: string;
  time_us: number;
  kind: string;
  commit?: { collection?: string; operation?: string; rkey?: string; record?: { text?: string; createdAt?: string } & Record<string, unknown> } & Record<
    string,
    unknown
  >;
  [k: string]: unknown;
}

const fixtures = fileURLToPath(new URL('../fixtures/live/bluesky/', import.meta.url));

/** The documented events of the fixture file, one per line. */
export function fixtureEvents(): JetstreamEvent[] {
  return readFileSync(`${fixtures}built_jetstream_events.jsonl`, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as JetstreamEvent);
}

/** A post-create event like the fixture's first one, with its own rkey, text and time. */
export function postEvent(n: number, text: string, timeUs: number, did = 'did:plc:sample4uz2445cjiw7w4nobfgn'): JetstreamEvent {
  const template = fixtureEvents().find((e) => e.kind === 'commit' && e.commit?.collection === 'app.bsky.feed.post' && e.commit.operation === 'create')!;
  const rkey = `3lsample${String(n).padStart(5, '0')}`;
  return {
    ...template,
    did,
    time_us: timeUs,
    commit: {
      ...template.commit,
      rkey,
      rev: rkey,
      record: { ...template.commit!.record, text, createdAt: new Date(Math.floor(timeUs / 1000)).toISOString() },
    },
  };
}

export class JetstreamServer {
  /** Every event ever published, oldest first (what a cursor replays from). */
  readonly log: JetstreamEvent[] = [];
  /** The URL of every subscription attempt, refused ones included. */
  readonly subscriptions: URL[] = [];
  /** While true, upgrades are refused with 503. */
  refusing = false;
  /** DIDs by handle, for resolveHandle. */
  readonly handles = new Map<string, string>();
  /** The resolveHandle requests, by handle. */
  readonly resolved: string[] = [];
  private readonly clients = new Map<WebSocket, URL>();
  /** Connections that stay open and answer pings but are sent nothing more (a stalled upstream). */
  private readonly stalled = new Set<WebSocket>();

  private constructor(
    private readonly http: Server,
    private readonly wss: WebSocketServer,
    readonly url: string,
  ) {}

  static async start(): Promise<JetstreamServer> {
    // The request handler is made before the server object it answers for.
    const self: { s?: JetstreamServer } = {};
    const http = createServer((req, res) => {
      const s = self.s;
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== '/xrpc/com.atproto.identity.resolveHandle' || !s) return res.writeHead(426).end();
      const handle = url.searchParams.get('handle') ?? '';
      s.resolved.push(handle);
      const did = s.handles.get(handle);
      res.writeHead(did ? 200 : 400, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(did ? { did } : { error: 'InvalidRequest', message: 'Unable to resolve handle' }));
    });
    const wss = new WebSocketServer({ noServer: true });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const { port } = http.address() as AddressInfo;
    const server = new JetstreamServer(http, wss, `ws://127.0.0.1:${port}/subscribe`);
    self.s = server;
    http.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      server.subscriptions.push(url);
      if (server.refusing || url.pathname !== '/subscribe') {
        socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => server.accept(ws, url));
    });
    return server;
  }

  /** The HTTP origin (resolveHandle), beside the WebSocket URL. */
  get httpUrl(): string {
    return this.url.replace(/^ws/, 'http').replace(/\/subscribe$/, '');
  }

  get connected(): number {
    return this.clients.size;
  }

  private wants(url: URL, e: JetstreamEvent): boolean {
    const collections = url.searchParams.getAll('wantedCollections');
    const dids = url.searchParams.getAll('wantedDids');
    if (dids.length && !dids.includes(e.did)) return false;
    if (e.kind === 'commit' && collections.length && !collections.includes(String(e.commit?.collection))) return false;
    return true;
  }

  private accept(ws: WebSocket, url: URL): void {
    this.clients.set(ws, url);
    ws.on('close', () => {
      this.clients.delete(ws);
      this.stalled.delete(ws);
    });
    ws.on('error', () => {});
    const cursor = url.searchParams.get('cursor');
    if (cursor) for (const e of this.log) if (e.time_us >= Number(cursor) && this.wants(url, e)) ws.send(JSON.stringify(e));
  }

  publish(...events: JetstreamEvent[]): void {
    for (const e of events) {
      this.log.push(e);
      for (const [ws, url] of this.clients) if (!this.stalled.has(ws) && this.wants(url, e)) ws.send(JSON.stringify(e));
    }
  }

  /**
   * Stops feeding the open connections while keeping them open (ws answers their pings): what
   * a Jetstream whose own upstream stalled looks like. Events go on into the log, and a new
   * connection is fed as usual.
   */
  stallOpenConnections(): void {
    for (const ws of this.clients.keys()) this.stalled.add(ws);
  }

  /**
   * Sends one text frame as it is to every client, and keeps it out of the log: what a proxy or a
   * broken relay in front of Jetstream may pass on (`null`, an array, half an event).
   */
  sendRaw(frame: string): void {
    for (const ws of this.clients.keys()) ws.send(frame);
  }

  /** Cuts every connection, as a server restart would. */
  dropAll(): void {
    for (const ws of this.clients.keys()) ws.terminate();
    this.clients.clear();
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((r) => this.wss.close(() => r()));
    this.http.closeAllConnections();
    await new Promise<void>((r) => this.http.close(() => r()));
  }
}
