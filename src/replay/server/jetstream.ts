import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ScenarioSource } from '../scenario.js';
import { gateOf, type ServeContext } from './http.js';

/**
 * A Jetstream-like WebSocket per `bluesky` source, at its `path`: each post line (a Jetstream
 * event) is sent from its timeline `at` on, when the driver calls publish() after moving the
 * clock. As the real Jetstream: `wantedCollections` and `wantedDids` filter commit events, and a
 * reconnect with `cursor` (µs) is sent again what it had from that time on. Without a cursor a
 * connection gets what no earlier connection was sent (live), so nothing is lost and nothing
 * was sent before its time. A `status` entry in force answers the upgrade with that status.
 */
export interface ReplayStreams {
  /** Sends what became visible to every open connection; the number of events sent. */
  publish(): number;
  /** Events sent so far, over every connection. */
  sent(): number;
  /** Whether the source has an open connection. */
  connected(sourceId: string): boolean;
  /** Handles an HTTP upgrade; false when no bluesky source is at that path. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): void;
}

interface StreamEvent {
  key: number;
  line: string;
  atMs: number;
  timeUs: number | null;
  did: string | null;
  collection: string | null;
}

interface Connection {
  ws: WebSocket;
  src: ScenarioSource;
  sentKeys: Set<number>;
  cursorUs: number | null;
  collections: string[];
  dids: string[];
}

function eventOf(key: number, line: string, atMs: number): StreamEvent {
  const v = JSON.parse(line) as { time_us?: unknown; did?: unknown; kind?: unknown; commit?: { collection?: unknown } };
  return {
    key,
    line,
    atMs,
    timeUs: typeof v.time_us === 'number' ? v.time_us : null,
    did: typeof v.did === 'string' ? v.did : null,
    collection: v.kind === 'commit' && typeof v.commit?.collection === 'string' ? v.commit.collection : null,
  };
}

export function createStreams(ctx: ServeContext): ReplayStreams {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const byPath = new Map<string, ScenarioSource>();
  const events = new Map<string, StreamEvent[]>();
  let key = 0;
  for (const src of ctx.scenario.sources) {
    if (src.kind !== 'bluesky' || !src.path) continue;
    byPath.set(src.path, src);
    // Timeline order (by `at`), then file order: the order the stream sends them.
    events.set(
      src.id,
      ctx.entriesOf(src.id).flatMap((e) => (e.lines ?? []).map((line) => eventOf(key++, line, e.atMs))),
    );
  }
  /** Keys sent on any connection of the source (a new connection without cursor skips none of the rest). */
  const delivered = new Map<string, Set<number>>();
  const connections = new Set<Connection>();
  let sentTotal = 0;

  const wanted = (c: Connection, e: StreamEvent): boolean =>
    (e.collection === null || c.collections.length === 0 || c.collections.includes(e.collection)) &&
    (c.dids.length === 0 || (e.did !== null && c.dids.includes(e.did)));

  const due = (c: Connection, e: StreamEvent): boolean => {
    if (e.atMs > ctx.clock.now() || c.sentKeys.has(e.key)) return false;
    const before = delivered.get(c.src.id)!.has(e.key);
    // Sent on an earlier connection: again only when the cursor asks to go back that far.
    if (before) return c.cursorUs !== null && e.timeUs !== null && e.timeUs >= c.cursorUs;
    return true;
  };

  const pushTo = (c: Connection): number => {
    if (c.ws.readyState !== c.ws.OPEN) return 0;
    let n = 0;
    for (const e of events.get(c.src.id) ?? []) {
      if (!due(c, e)) continue;
      c.sentKeys.add(e.key);
      delivered.get(c.src.id)!.add(e.key);
      if (!wanted(c, e)) continue;
      c.ws.send(e.line);
      n++;
    }
    sentTotal += n;
    return n;
  };

  return {
    publish: () => [...connections].reduce((n, c) => n + pushTo(c), 0),
    sent: () => sentTotal,
    connected: (id) => [...connections].some((c) => c.src.id === id && c.ws.readyState === c.ws.OPEN),
    upgrade(req, socket, head) {
      const u = new URL(req.url ?? '/', 'http://replay');
      const src = byPath.get(u.pathname);
      if (!src) return false;
      ctx.hit(src.id);
      const gate = gateOf(ctx, src);
      if (gate) {
        socket.end(`HTTP/1.1 ${gate.status} Replayed Status\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
        return true;
      }
      const cursor = Number(u.searchParams.get('cursor'));
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (!delivered.has(src.id)) delivered.set(src.id, new Set());
        const c: Connection = {
          ws,
          src,
          sentKeys: new Set(),
          cursorUs: Number.isFinite(cursor) && cursor > 0 ? cursor : null,
          collections: u.searchParams.getAll('wantedCollections'),
          dids: u.searchParams.getAll('wantedDids'),
        };
        connections.add(c);
        ws.on('close', () => connections.delete(c));
        ws.on('error', () => connections.delete(c));
        pushTo(c);
      });
      return true;
    },
    close() {
      for (const c of connections) c.ws.terminate();
      connections.clear();
      wss.close();
    },
  };
}
