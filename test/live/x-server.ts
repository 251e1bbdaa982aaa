/**
 * A local X API v2 server on 127.0.0.1 for the live-source tests: recent search, user lookup and
 * user timelines with since_id / until-style pagination tokens, max_results bounds and recent
 * search's start_time / end_time (refused as X refuses them: older than 7 days, nearer than 10 s), rate-limit
 * headers on every answer (x-rate-limit-reset in epoch seconds of the injected clock), 429 when a
 * window is used up, one-shot faults (a closed connection, any status), the filtered stream
 * (JSON lines ending in \r\n, bare \r\n keep-alives) and its rules endpoints. The tweets it
 * serves are recorded X API responses (test/fixtures/live/x, see the README there).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../../src/core/clock.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Tweet = { id: string; text: string; author_id?: string } & { [k: string]: Json };
export interface XUser {
  id: string;
  name: string;
  username: string;
}

const fixtures = fileURLToPath(new URL('../fixtures/live/', import.meta.url));

/** The `data` tweets of a recorded response in test/fixtures/live/x. */
export function recordedTweets(file: string): Tweet[] {
  const body = JSON.parse(readFileSync(`${fixtures}x/${file}`, 'utf8')) as { data: Tweet[] };
  return body.data;
}

export function recordedUser(file: string): XUser {
  return (JSON.parse(readFileSync(`${fixtures}x/${file}`, 'utf8')) as { data: XUser }).data;
}

/**
 * 'hang': the request is read and never answered (the connection stays open). 'trickle': 200
 * and the start of a JSON body, then one byte every 50 ms for ever. 'endless': 200 and a body
 * that never ends, as fast as the client reads it.
 */
export type Fault = 'close' | 'hang' | 'trickle' | 'endless' | { status: number; body?: Json; headers?: Record<string, string> };

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number | 'closed' | 'hung' | 'trickled' | 'endless';
  body?: Json;
}

type Family = 'search' | 'timeline' | 'users' | 'stream' | 'rules';

interface Window {
  remaining: number;
  resetSec: number;
}

export interface XServerOptions {
  clock: Clock;
  token?: string;
  /** Requests per window per endpoint family. Default 450 per 900 s. */
  limit?: number;
  windowSec?: number;
  /** Keep-alive period of the stream in wall ms; 0: none. Default 50. */
  keepAliveMs?: number;
}

const bigint = (id: string): bigint => BigInt(id);
const desc = (a: Tweet, b: Tweet): number => (bigint(b.id) > bigint(a.id) ? 1 : bigint(b.id) < bigint(a.id) ? -1 : 0);

/** Answers 200 and then a body that trickles or never ends, until the client hangs up. */
function misbehave(res: ServerResponse, log: LoggedRequest, fault: 'trickle' | 'endless'): void {
  log.status = fault === 'trickle' ? 'trickled' : 'endless';
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.write('{"data":[');
  if (fault === 'trickle') {
    const timer = setInterval(() => res.write(' '), 50);
    res.on('close', () => clearInterval(timer));
    return;
  }
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const pump = (): void => {
    while (!res.destroyed && res.write(chunk));
  };
  res.on('drain', pump);
  pump();
}

/** When a tweet was posted: its created_at, else the time in its Snowflake id. */
function tweetTime(t: Tweet): number {
  const at = typeof t['created_at'] === 'string' ? Date.parse(t['created_at']) : NaN;
  return Number.isNaN(at) ? Number((bigint(t.id) >> 22n) + 1288834974657n) : at;
}

/** A 400 as recent search writes one for a refused parameter. */
function invalid(message: string): Json {
  return {
    errors: [{ message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  };
}

function problem(status: number, title: string, detail: string, extra: Record<string, Json> = {}): Json {
  return {
    title,
    detail,
    type: status === 429 ? 'about:blank' : `https://api.twitter.com/2/problems/${title.toLowerCase().replace(/\s+/g, '-')}`,
    status,
    ...extra,
  };
}

export class XApiServer {
  readonly requests: LoggedRequest[] = [];
  /** Tweets every search matches (the scenario's "every post given to the source matches"). */
  search: Tweet[] = [];
  /** Recent-search results per exact query; a query not here gets `search`. */
  readonly searches = new Map<string, Tweet[]>();
  readonly timelines = new Map<string, Tweet[]>();
  readonly users = new Map<string, XUser>();
  rules: Array<{ id: string; value: string; tag?: string }> = [];
  readonly keepAliveMs: number;
  /** While true, open streams get neither posts nor keep-alives (a silently dead connection). */
  silent = false;
  private readonly faults: Array<{ match: (r: LoggedRequest) => boolean; fault: Fault }> = [];
  private readonly streamFaults: Fault[] = [];
  private readonly streams = new Set<ServerResponse>();
  private readonly windows = new Map<Family, Window>();
  private nextRuleId = 1_000_000_000_000_000_000n;
  private readonly sockets = new Set<import('node:net').Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly opts: Required<Omit<XServerOptions, 'keepAliveMs'>>,
    keepAliveMs: number,
  ) {
    this.keepAliveMs = keepAliveMs;
  }

  static async start(opts: XServerOptions): Promise<XApiServer> {
    const server = createServer();
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
    const { port } = server.address() as AddressInfo;
    const x = new XApiServer(
      server,
      `http://127.0.0.1:${port}`,
      { clock: opts.clock, token: opts.token ?? 'test-bearer-token', limit: opts.limit ?? 450, windowSec: opts.windowSec ?? 900 },
      opts.keepAliveMs ?? 50,
    );
    server.on('connection', (s) => {
      x.sockets.add(s);
      s.on('close', () => x.sockets.delete(s));
    });
    server.on('request', (req, res) => void x.handle(req, res));
    return x;
  }

  async close(): Promise<void> {
    this.dropStreams();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((res) => this.server.close(() => res()));
  }

  get token(): string {
    return this.opts.token;
  }

  /** The next request that `match` accepts gets `fault` instead of its answer. */
  failNext(match: (r: LoggedRequest) => boolean, fault: Fault): void {
    this.faults.push({ match, fault });
  }

  /** The next stream connections get these answers, one each, before one is accepted again. */
  failStreamConnects(...faults: Fault[]): void {
    this.streamFaults.push(...faults);
  }

  /** Uses up the current window of an endpoint family: its next request gets 429. */
  exhaust(family: Family): void {
    this.window(family).remaining = 0;
  }

  window(family: Family): Window {
    const nowSec = Math.floor(this.opts.clock.now() / 1000);
    let w = this.windows.get(family);
    if (!w || nowSec >= w.resetSec) {
      w = { remaining: this.opts.limit, resetSec: nowSec + this.opts.windowSec };
      this.windows.set(family, w);
    }
    return w;
  }

  /** Sends one message to every open stream connection. */
  pushStream(message: Json): void {
    if (this.silent) return;
    for (const res of this.streams) res.write(`${JSON.stringify(message)}\r\n`);
  }

  get openStreams(): number {
    return this.streams.size;
  }

  /** Cuts every stream connection (as a server restart on X's side would). */
  dropStreams(): void {
    for (const res of this.streams) res.socket?.destroy();
    this.streams.clear();
  }

  requestsTo(path: RegExp): LoggedRequest[] {
    return this.requests.filter((r) => path.test(r.path));
  }

  private send(res: ServerResponse, log: LoggedRequest, status: number, body: Json, family: Family | null, headers: Record<string, string> = {}): void {
    log.status = status;
    const h: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', ...headers };
    if (family) {
      const w = this.window(family);
      h['x-rate-limit-limit'] ??= String(this.opts.limit);
      h['x-rate-limit-remaining'] ??= String(w.remaining);
      h['x-rate-limit-reset'] ??= String(w.resetSec);
    }
    res.writeHead(status, h);
    res.end(JSON.stringify(body));
  }

  private async readBody(req: IncomingMessage): Promise<Json | undefined> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (!chunks.length) return undefined;
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const log: LoggedRequest = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), status: 0 };
    if (req.method === 'POST') log.body = (await this.readBody(req)) ?? null;
    this.requests.push(log);
    const family = this.familyOf(url.pathname);

    if (req.headers.authorization !== `Bearer ${this.opts.token}`) {
      return this.send(res, log, 401, problem(401, 'Unauthorized', 'Unauthorized'), null);
    }
    const i = this.faults.findIndex((f) => f.match(log));
    if (i >= 0) {
      const { fault } = this.faults.splice(i, 1)[0]!;
      if (fault === 'close') {
        log.status = 'closed';
        req.socket.destroy();
        return;
      }
      if (fault === 'hang') {
        log.status = 'hung';
        return;
      }
      if (fault === 'trickle' || fault === 'endless') return misbehave(res, log, fault);
      return this.send(res, log, fault.status, fault.body ?? problem(fault.status, 'Fault', 'injected'), family, fault.headers);
    }
    if (family) {
      const w = this.window(family);
      if (w.remaining <= 0) return this.send(res, log, 429, problem(429, 'Too Many Requests', 'Too Many Requests'), family);
      w.remaining--;
    }

    const p = url.pathname;
    if (p === '/2/tweets/search/recent' && req.method === 'GET') {
      return this.page(res, log, this.searches.get(url.searchParams.get('query') ?? '') ?? this.search, url, 10, 'next_token');
    }
    let m = /^\/2\/users\/(\d+)\/tweets$/.exec(p);
    if (m && req.method === 'GET') return this.page(res, log, this.timelines.get(m[1]!) ?? [], url, 5, 'pagination_token');
    m = /^\/2\/users\/by\/username\/([A-Za-z0-9_]{1,15})$/.exec(p);
    if (m && req.method === 'GET') {
      const u = this.users.get(m[1]!.toLowerCase());
      if (u) return this.send(res, log, 200, { data: { ...u } }, family);
      return this.send(
        res,
        log,
        200,
        {
          errors: [
            {
              value: m[1]!,
              detail: `Could not find user with username: [${m[1]}].`,
              title: 'Not Found Error',
              resource_type: 'user',
              parameter: 'username',
              resource_id: m[1]!,
              type: 'https://api.twitter.com/2/problems/resource-not-found',
            },
          ],
        },
        family,
      );
    }
    if (p === '/2/tweets/search/stream/rules') return this.rulesEndpoint(req, res, log);
    if (p === '/2/tweets/search/stream' && req.method === 'GET') return this.stream(res, log);
    return this.send(res, log, 404, problem(404, 'Not Found', `no route ${p}`), null);
  }

  private familyOf(path: string): Family | null {
    if (path === '/2/tweets/search/recent') return 'search';
    if (/^\/2\/users\/\d+\/tweets$/.test(path)) return 'timeline';
    if (path.startsWith('/2/users/by/')) return 'users';
    if (path === '/2/tweets/search/stream/rules') return 'rules';
    if (path === '/2/tweets/search/stream') return 'stream';
    return null;
  }

  /** One page of tweets newest first: since_id honoured, the token says where the last page ended. */
  private page(res: ServerResponse, log: LoggedRequest, pool: Tweet[], url: URL, min: number, tokenParam: string): void {
    const q = url.searchParams;
    const family = tokenParam === 'next_token' ? 'search' : 'timeline';
    const max = q.has('max_results') ? Number(q.get('max_results')) : 10;
    if (!Number.isInteger(max) || max < min || max > 100) {
      return this.send(
        res,
        log,
        400,
        {
          errors: [
            {
              parameters: { max_results: [String(q.get('max_results'))] },
              message: `The \`max_results\` query parameter value [${q.get('max_results')}] is not between ${min} and 100`,
            },
          ],
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.twitter.com/2/problems/invalid-request',
        },
        family,
      );
    }
    const window = this.timeWindow(q);
    if (typeof window === 'string') return this.send(res, log, 400, invalid(window), family);
    const since = q.get('since_id');
    const token = q.get(tokenParam);
    let before: bigint | null = null;
    if (token) {
      try {
        before = BigInt(Buffer.from(token, 'base64url').toString('utf8'));
      } catch {
        return this.send(res, log, 400, problem(400, 'Invalid Request', `bad ${tokenParam}`), family);
      }
    }
    const matching = [...pool]
      .sort(desc)
      .filter((t) => (since ? bigint(t.id) > bigint(since) : true))
      .filter((t) => (before !== null ? bigint(t.id) < before : true))
      .filter((t) => !window || (tweetTime(t) >= window.from && tweetTime(t) <= window.to));
    // Like X, a long tweet's note_tweet only when `tweet.fields` asks for it.
    const fields = (q.get('tweet.fields') ?? '').split(',');
    const data = matching.slice(0, max).map((t) => {
      if (fields.includes('note_tweet') || !('note_tweet' in t)) return t;
      const { note_tweet: _, ...rest } = t;
      return rest as Tweet;
    });
    if (!data.length) return this.send(res, log, 200, { meta: { result_count: 0 } }, family);
    const meta: Record<string, Json> = { newest_id: data[0]!.id, oldest_id: data[data.length - 1]!.id, result_count: data.length };
    if (matching.length > max) meta['next_token'] = Buffer.from(data[data.length - 1]!.id).toString('base64url');
    const body: Record<string, Json> = { data };
    const expansions = (q.get('expansions') ?? '').split(',');
    if (expansions.includes('author_id')) {
      const users = [...new Set(data.map((t) => t.author_id).filter((a): a is string => Boolean(a)))]
        .map((id) => [...this.users.values()].find((u) => u.id === id))
        .filter((u): u is XUser => Boolean(u))
        .map((u) => ({ ...u }));
      if (users.length) body['includes'] = { users };
    }
    body['meta'] = meta;
    this.send(res, log, 200, body, family);
  }

  /**
   * start_time / end_time as recent search checks them (X API v2 reference: no earlier than 7
   * days ago, end_time at least 10 s before the request); an error message when refused.
   */
  private timeWindow(q: URLSearchParams): { from: number; to: number } | string | null {
    if (!q.has('start_time') && !q.has('end_time')) return null;
    const now = this.opts.clock.now();
    const from = q.has('start_time') ? Date.parse(q.get('start_time')!) : now - 7 * 86_400_000;
    const to = q.has('end_time') ? Date.parse(q.get('end_time')!) : now;
    if (Number.isNaN(from) || Number.isNaN(to)) return `Invalid time parameter: start_time [${q.get('start_time')}], end_time [${q.get('end_time')}]`;
    if (from < now - 7 * 86_400_000)
      return `Invalid 'start_time':'${q.get('start_time')}'. 'start_time' must be on or after ${new Date(now - 7 * 86_400_000).toISOString()}`;
    if (q.has('end_time') && to > now - 10_000)
      return `Invalid 'end_time':'${q.get('end_time')}'. 'end_time' must be a minimum of 10 seconds prior to the request time.`;
    if (from >= to) return `Invalid 'start_time':'${q.get('start_time')}'. 'start_time' must be before 'end_time'`;
    return { from, to };
  }

  private rulesEndpoint(req: IncomingMessage, res: ServerResponse, log: LoggedRequest): void {
    const sent = new Date(this.opts.clock.now()).toISOString();
    if (req.method === 'GET') {
      const body: Record<string, Json> = { meta: { sent, result_count: this.rules.length } };
      if (this.rules.length) body['data'] = this.rules.map((r) => ({ ...r }));
      return this.send(res, log, 200, body, 'rules');
    }
    const b = (log.body ?? {}) as { add?: Array<{ value: string; tag?: string }>; delete?: { ids: string[] } };
    if (b.add) {
      const created: Array<{ id: string; value: string; tag?: string }> = [];
      const errors: Json[] = [];
      for (const r of b.add) {
        if (r.value.length > 512) {
          errors.push({
            value: r.value,
            details: ['Rule length exceeds the limit of 512 characters'],
            title: 'RuleLengthExceeded',
            type: 'https://api.twitter.com/2/problems/invalid-rules',
          });
        } else if (this.rules.some((x) => x.value === r.value)) {
          errors.push({
            value: r.value,
            id: this.rules.find((x) => x.value === r.value)!.id,
            title: 'DuplicateRule',
            type: 'https://api.twitter.com/2/problems/duplicate-rules',
          });
        } else {
          const rule = { id: String(this.nextRuleId++), value: r.value, ...(r.tag ? { tag: r.tag } : {}) };
          this.rules.push(rule);
          created.push(rule);
        }
      }
      const body: Record<string, Json> = {
        meta: { sent, summary: { created: created.length, not_created: errors.length, valid: created.length, invalid: errors.length } },
      };
      if (created.length) body['data'] = created;
      if (errors.length) body['errors'] = errors;
      return this.send(res, log, 201, body, 'rules');
    }
    if (b.delete) {
      const before = this.rules.length;
      this.rules = this.rules.filter((r) => !b.delete!.ids.includes(r.id));
      const deleted = before - this.rules.length;
      return this.send(res, log, 200, { meta: { sent, summary: { deleted, not_deleted: b.delete.ids.length - deleted } } }, 'rules');
    }
    return this.send(res, log, 400, problem(400, 'Invalid Request', 'add or delete expected'), 'rules');
  }

  private stream(res: ServerResponse, log: LoggedRequest): void {
    const fault = this.streamFaults.shift();
    if (fault === 'close') {
      log.status = 'closed';
      res.socket?.destroy();
      return;
    }
    if (fault === 'hang') {
      log.status = 'hung';
      return;
    }
    if (fault === 'trickle' || fault === 'endless') return misbehave(res, log, fault);
    if (fault)
      return this.send(
        res,
        log,
        fault.status,
        fault.body ?? problem(fault.status, fault.status === 429 ? 'Too Many Requests' : 'Service Unavailable', 'injected'),
        'stream',
        fault.headers,
      );
    log.status = 200;
    const w = this.window('stream');
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'x-rate-limit-limit': String(this.opts.limit),
      'x-rate-limit-remaining': String(w.remaining),
      'x-rate-limit-reset': String(w.resetSec),
    });
    res.flushHeaders();
    this.streams.add(res);
    const timer = this.keepAliveMs > 0 ? setInterval(() => this.silent || res.write('\r\n'), this.keepAliveMs) : null;
    res.on('close', () => {
      if (timer) clearInterval(timer);
      this.streams.delete(res);
    });
  }
}
