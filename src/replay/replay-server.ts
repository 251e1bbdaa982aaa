import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import type { Scenario, ScenarioSource, TimelineEntry } from './scenario.js';

/**
 * The replay server: answers on loopback as the real services would at the current virtual
 * time, so the production adapters and clients are what runs (docs/contracts/replay-scenario.md).
 *   - document sources: GET <path> → the latest doc whose `at` has passed, with ETag and
 *     Last-Modified, 304 on a matching conditional request, 404 before the first doc, and the
 *     given status (500, 429 with Retry-After) from a `status` entry on;
 *   - twitter: X API v2 recent search, user lookup and user timeline, `since_id` honoured,
 *     newest first, paginated with `next_token`, rate-limit headers;
 *   - mastodon: the statuses array at <path>, newest first, `since_id` honoured.
 */
export interface ReplayServer {
  url: string;
  server: Server;
  /** Requests answered, by source id (the replay report's sanity check). */
  hits: Map<string, number>;
  close(): Promise<void>;
}

interface Tweet {
  id: string;
  author?: { id: string; username: string; name?: string; verified?: boolean; public_metrics?: Record<string, number> };
  [k: string]: unknown;
}

const RATE_LIMIT = 450;
const rateWindowMs = 15 * 60 * 1000;

function cmpId(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

export async function startReplayServer(scenario: Scenario, clock: Clock): Promise<ReplayServer> {
  const hits = new Map<string, number>();
  const byPath = new Map<string, ScenarioSource>();
  for (const s of scenario.sources) if (s.path && s.kind !== 'twitter') byPath.set(s.path, s);
  const entriesOf = (id: string): TimelineEntry[] => scenario.timeline.filter((e) => e.source === id);
  const visible = (id: string): TimelineEntry[] => entriesOf(id).filter((e) => e.atMs <= clock.now());
  const hit = (id: string) => hits.set(id, (hits.get(id) ?? 0) + 1);
  const rateHeaders = () => {
    const windowStart = Math.floor(clock.now() / rateWindowMs) * rateWindowMs;
    return {
      'x-rate-limit-limit': String(RATE_LIMIT),
      'x-rate-limit-remaining': String(RATE_LIMIT - 1),
      'x-rate-limit-reset': String(Math.floor((windowStart + rateWindowMs) / 1000)),
    };
  };

  const tweetsOf = (src: ScenarioSource): Tweet[] => {
    const out = new Map<string, Tweet>();
    for (const e of visible(src.id))
      for (const line of e.lines ?? []) {
        try {
          const t = JSON.parse(line) as Tweet;
          if (t && typeof t.id === 'string') out.set(t.id, t);
        } catch {
          /* a bad line in a scenario is served as nothing, like a tweet that was deleted */
        }
      }
    return [...out.values()].sort((a, b) => cmpId(b.id, a.id));
  };

  const userIdOf = (src: ScenarioSource): string => {
    for (const e of entriesOf(src.id))
      for (const line of e.lines ?? []) {
        try {
          const t = JSON.parse(line) as Tweet;
          if (t.author && t.author.username?.toLowerCase() === src.user?.toLowerCase()) return t.author.id;
        } catch {
          /* skip */
        }
      }
    return String(
      BigInt(
        '0x' +
          createHash('sha1')
            .update(src.user ?? '')
            .digest('hex')
            .slice(0, 12),
      ),
    );
  };

  const tweetPage = (res: ServerResponse, src: ScenarioSource, q: URLSearchParams) => {
    hit(src.id);
    const gate = gateStatus(src);
    if (gate) return sendGate(res, gate);
    const since = q.get('since_id');
    const max = Math.min(100, Math.max(5, Number(q.get('max_results') ?? 10) || 10));
    const offset = Number(q.get('pagination_token') ?? q.get('next_token') ?? 0) || 0;
    const all = tweetsOf(src).filter((t) => !since || cmpId(t.id, since) > 0);
    const page = all.slice(offset, offset + max);
    if (!page.length) return send(res, 200, JSON.stringify({ meta: { result_count: 0 } }), { 'content-type': 'application/json', ...rateHeaders() });
    const users = new Map<string, unknown>();
    const data = page.map(({ author, ...t }) => {
      if (author) users.set(author.id, author);
      return { ...t, author_id: (t.author_id as string | undefined) ?? author?.id };
    });
    const meta: Record<string, unknown> = { newest_id: page[0]!.id, oldest_id: page[page.length - 1]!.id, result_count: page.length };
    if (offset + max < all.length) meta.next_token = String(offset + max);
    send(res, 200, JSON.stringify({ data, includes: { users: [...users.values()] }, meta }), { 'content-type': 'application/json', ...rateHeaders() });
  };

  const gateStatus = (src: ScenarioSource): TimelineEntry | null => {
    const last = visible(src.id).at(-1);
    return last && last.status ? last : null;
  };
  const sendGate = (res: ServerResponse, e: TimelineEntry) =>
    send(res, e.status!, JSON.stringify({ title: 'replayed status', status: e.status }), {
      'content-type': 'application/json',
      ...(e.status === 429 || e.status === 503 ? { 'retry-after': '120' } : {}),
      ...(e.status === 429 ? rateHeaders() : {}),
    });

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', 'http://replay');
    const path = u.pathname;
    if (path === '/2/tweets/search/recent') {
      const query = u.searchParams.get('query') ?? '';
      const searches = scenario.sources.filter((s) => s.kind === 'twitter' && s.query);
      const src = searches.find((s) => s.query === query) ?? (searches.length === 1 ? searches[0] : undefined);
      if (!src) return send(res, 400, JSON.stringify({ title: 'Invalid Request', detail: `no search for ${query}` }), { 'content-type': 'application/json' });
      return tweetPage(res, src, u.searchParams);
    }
    const byName = /^\/2\/users\/by\/username\/([A-Za-z0-9_]+)$/.exec(path);
    if (byName) {
      const src = scenario.sources.find((s) => s.kind === 'twitter' && s.user?.toLowerCase() === byName[1]!.toLowerCase());
      if (!src)
        return send(res, 200, JSON.stringify({ errors: [{ title: 'Not Found Error', detail: `Could not find user with username: [${byName[1]}].` }] }), {
          'content-type': 'application/json',
        });
      return send(res, 200, JSON.stringify({ data: { id: userIdOf(src), name: src.user, username: src.user } }), {
        'content-type': 'application/json',
        ...rateHeaders(),
      });
    }
    const timeline = /^\/2\/users\/(\d+)\/tweets$/.exec(path);
    if (timeline) {
      const src = scenario.sources.find((s) => s.kind === 'twitter' && s.user && userIdOf(s) === timeline[1]);
      if (!src) return send(res, 404, JSON.stringify({ title: 'Not Found' }), { 'content-type': 'application/json' });
      return tweetPage(res, src, u.searchParams);
    }
    const src = byPath.get(path);
    if (!src) return send(res, 404, 'not found\n', { 'content-type': 'text/plain' });
    hit(src.id);
    const gate = gateStatus(src);
    if (gate) return sendGate(res, gate);
    if (src.kind === 'mastodon') {
      const since = u.searchParams.get('since_id');
      const statuses = visible(src.id)
        .flatMap((e) => (e.lines ?? []).map((l) => JSON.parse(l) as { id: string }))
        .filter((s) => !since || cmpId(s.id, since) > 0)
        .sort((a, b) => cmpId(b.id, a.id));
      return send(res, 200, JSON.stringify(statuses), { 'content-type': 'application/json' });
    }
    const doc = visible(src.id)
      .filter((e) => e.body)
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

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      send(res, 500, `replay server error: ${(err as Error).message}\n`);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = addr && typeof addr === 'object' ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
