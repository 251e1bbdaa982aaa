import type { IncomingMessage, ServerResponse } from 'node:http';
import { gateOf, parsePostLine, send, sendGate, type ServeContext } from './http.js';
import { refuseWithoutBearer, sendInvalidParameter, sendTooManyConnections, xRateHeaders } from './x-http.js';
import { XRuleSet } from './x-rules.js';

/**
 * The X API v2 filtered stream, GET /2/tweets/search/stream, as X serves it
 * (docs.x.com/x-api/posts/filtered-stream): one long-lived chunked response of JSON lines ending
 * in \r\n, one `{data, includes: {users}, matching_rules}` per post, a bare \r\n keep-alive
 * between them, one connection at a time (a second is answered 429 TooManyConnections).
 *
 * Posts are those of the `twitter` sources with a `query` (their rules: ./x-rules.ts), in
 * timeline order. A post is pushed when the driver calls publish() after moving the virtual
 * clock to its entry's `at` or past it, never on a wall-clock timer, so what a reader gets does
 * not depend on --speed (as the Jetstream of ./jetstream.ts). A connection gets the posts that
 * become visible after it opened; `backfill_minutes` (1–5) also sends, at once, those visible in
 * that many virtual minutes before it. A post no rule in force matches is not sent.
 */
export interface ReplayXStream {
  /** Answers the stream and its rules routes; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
  /** Sends what became visible to the open connection; the number of posts sent. */
  publish(): number;
  /** Posts sent so far, over every connection. */
  sent(): number;
  /** Whether a client is connected. */
  connected(): boolean;
  close(): void;
}

interface Tweet {
  id: string;
  author_id?: string;
  author?: { id: string };
  [k: string]: unknown;
}

interface StreamPost {
  key: number;
  /** When it first became visible (its first timeline entry). */
  atMs: number;
  tweet: Tweet;
  /** The query sources it was given to, with the virtual time it became visible to each. */
  sources: Map<string, number>;
}

interface Connection {
  res: ServerResponse;
  /** Posts visible at or before this virtual time were there before the connection. */
  fromMs: number;
  sentKeys: Set<number>;
  keepAlive: NodeJS.Timeout;
}

const STREAM_PATH = '/2/tweets/search/stream';
const STREAM_RATE_LIMIT = 50;
const MAX_BACKFILL_MINUTES = 5;
/**
 * X sends a keep-alive "at least every 20 seconds"; the production reader gives up after 20 s
 * without one, so the replay server sends one twice as often. Wall time: it carries no posts.
 */
export const X_KEEP_ALIVE_MS = 10_000;

export function createXStream(ctx: ServeContext, keepAliveMs = X_KEEP_ALIVE_MS): ReplayXStream {
  const searches = ctx.scenario.sources.filter((s) => s.kind === 'twitter' && s.query);
  const rules = new XRuleSet(ctx.clock, ctx.scenario.sources);
  const posts = streamPosts(ctx, new Set(searches.map((s) => s.id)));
  let open: Connection | null = null;
  let sentTotal = 0;

  /** The message for a post, with the rules in force it matches now; null when it matches none. */
  const messageOf = (p: StreamPost): string | null => {
    const now = ctx.clock.now();
    const matching = [...p.sources].filter(([, atMs]) => atMs <= now).flatMap(([id]) => rules.matching(id));
    if (!matching.length) return null;
    const { author, ...tweet } = p.tweet;
    const message = {
      data: { ...tweet, author_id: tweet.author_id ?? author?.id },
      ...(author ? { includes: { users: [author] } } : {}),
      matching_rules: matching.map((r) => ({ id: r.id, tag: r.tag ?? '' })),
    };
    return `${JSON.stringify(message)}\r\n`;
  };

  /** Sends, in order, the posts visible after `fromMs` and by now that the connection has not had. */
  const pushTo = (c: Connection, fromMs: number): number => {
    if (c.res.destroyed || c.res.writableEnded) return 0;
    let n = 0;
    for (const p of posts) {
      if (p.atMs <= fromMs || p.atMs > ctx.clock.now() || c.sentKeys.has(p.key)) continue;
      c.sentKeys.add(p.key);
      const line = messageOf(p);
      if (!line) continue;
      c.res.write(line);
      n++;
    }
    sentTotal += n;
    return n;
  };

  const connect = (req: IncomingMessage, res: ServerResponse, q: URLSearchParams): void => {
    const headers = xRateHeaders(ctx.clock, STREAM_RATE_LIMIT);
    const gate = searches.map((s) => gateOf(ctx, s)).find((g) => g !== null);
    if (gate) return sendGate(res, gate, gate.status === 429 ? headers : {});
    const raw = q.get('backfill_minutes');
    const backfill = raw === null ? 0 : Number(raw);
    if (raw !== null && (!Number.isInteger(backfill) || backfill < 1 || backfill > MAX_BACKFILL_MINUTES))
      return sendInvalidParameter(
        res,
        'backfill_minutes',
        raw,
        `The \`backfill_minutes\` query parameter value [${raw}] is not between 1 and ${MAX_BACKFILL_MINUTES}`,
      );
    if (open) return sendTooManyConnections(res, headers);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.flushHeaders();
    const now = ctx.clock.now();
    const c: Connection = { res, fromMs: now, sentKeys: new Set(), keepAlive: setInterval(() => res.write('\r\n'), keepAliveMs).unref() };
    open = c;
    res.on('close', () => {
      clearInterval(c.keepAlive);
      if (open === c) open = null;
    });
    // The window includes its first instant: a post exactly that many minutes old is recovered.
    if (backfill) pushTo(c, now - backfill * 60_000 - 1);
  };

  return {
    handle(req, res, url) {
      if (url.pathname !== STREAM_PATH && url.pathname !== `${STREAM_PATH}/rules`) return false;
      if (refuseWithoutBearer(req, res)) return true;
      if (url.pathname === STREAM_PATH) {
        if (req.method === 'GET') connect(req, res, url.searchParams);
        else send(res, 405, 'method not allowed\n', { 'content-type': 'text/plain' });
        return true;
      }
      rules.handle(req, res, url.searchParams).catch((err: Error) => {
        if (!res.headersSent) send(res, 500, `replay server error: ${err.message}\n`);
      });
      return true;
    },
    publish: () => (open ? pushTo(open, open.fromMs) : 0),
    sent: () => sentTotal,
    connected: () => open !== null,
    close() {
      if (open) {
        clearInterval(open.keepAlive);
        open.res.end();
      }
      open = null;
    },
  };
}

/** The query sources' posts in the order they become visible; a post given twice is one post. */
function streamPosts(ctx: ServeContext, sourceIds: Set<string>): StreamPost[] {
  const byId = new Map<string, StreamPost>();
  for (const e of ctx.scenario.timeline) {
    if (!sourceIds.has(e.source)) continue;
    for (const line of e.lines ?? []) {
      const tweet = parsePostLine<Tweet>(line);
      if (!tweet) continue;
      let p = byId.get(tweet.id);
      if (!p) byId.set(tweet.id, (p = { key: byId.size, atMs: e.atMs, tweet, sources: new Map() }));
      if (!p.sources.has(e.source)) p.sources.set(e.source, e.atMs);
    }
  }
  return [...byId.values()];
}
