/**
 * A local Jetstream (bluesky-social/jetstream) on 127.0.0.1: `/subscribe` with
 * wantedCollections, wantedDids and cursor (µs; events from that time on are replayed from the
 * server's log, then live ones follow), one JSON event per WebSocket message. Events are built
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
  private readonly clients = new Map<WebSocket, URL>();

  private constructor(
    private readonly http: Server,
    private readonly wss: WebSocketServer,
    readonly url: string,
  ) {}

  static async start(): Promise<JetstreamServer> {
    const http = createServer((_req, res) => {
      res.writeHead(426).end();
    });
    const wss = new WebSocketServer({ noServer: true });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const { port } = http.address() as AddressInfo;
    const s = new JetstreamServer(http, wss, `ws://127.0.0.1:${port}/subscribe`);
    http.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      s.subscriptions.push(url);
      if (s.refusing || url.pathname !== '/subscribe') {
        socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => s.accept(ws, url));
    });
    return s;
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
    ws.on('close', () => this.clients.delete(ws));
    ws.on('error', () => {});
    const cursor = url.searchParams.get('cursor');
    if (cursor) for (const e of this.log) if (e.time_us >= Number(cursor) && this.wants(url, e)) ws.send(JSON.stringify(e));
  }

  publish(...events: JetstreamEvent[]): void {
    for (const e of events) {
      this.log.push(e);
      for (const [ws, url] of this.clients) if (this.wants(url, e)) ws.send(JSON.stringify(e));
    }
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
