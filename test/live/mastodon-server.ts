/**
 * A local Mastodon API on 127.0.0.1: the tag timeline (with `any[]`: statuses with the path's
 * tag or any of those), account lookup and account statuses, newest first, with since_id,
 * max_id and limit honoured and a Link header, as docs.joinmastodon.org describes them. Statuses are the recorded mastodon.social timeline
 * (test/fixtures/live/mastodon, see the README there).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export type Status = { id: string; account: { id: string; acct: string; username: string } & Record<string, unknown> } & Record<string, unknown>;

const fixtures = fileURLToPath(new URL('../fixtures/live/mastodon/', import.meta.url));

export function recordedStatuses(): Status[] {
  return JSON.parse(readFileSync(`${fixtures}public_timeline_2020-04-16.json`, 'utf8')) as Status[];
}

const cmp = (a: string, b: string): number => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

export class MastodonServer {
  readonly requests: URL[] = [];
  /** Statuses per tag (lower case). */
  readonly tags = new Map<string, Status[]>();
  /** Accounts by acct: id and statuses. */
  readonly accounts = new Map<string, { id: string; statuses: Status[] }>();
  /**
   * While set, every request is throttled as Mastodon's rack-attack responder does it
   * (config/initializers/rack_attack.rb, throttled_responder; docs.joinmastodon.org/api/rate-limits):
   * 429, `{"error": "Too many requests"}`, X-RateLimit-Limit, X-RateLimit-Remaining 0 and
   * X-RateLimit-Reset as an ISO 8601 time, and no Retry-After.
   */
  throttledUntil: Date | null = null;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<MastodonServer> {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const m = new MastodonServer(server, `http://127.0.0.1:${port}`);
    server.on('request', (req, res) => {
      const url = new URL(req.url ?? '/', m.url);
      m.requests.push(url);
      const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(body));
      };
      if (m.throttledUntil) {
        const reset = m.throttledUntil.toISOString().replace('Z', '000Z'); // iso8601(6): microseconds
        return json(429, { error: 'Too many requests' }, { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset });
      }
      let match = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(url.pathname);
      if (match) {
        const tags = [decodeURIComponent(match[1]!), ...url.searchParams.getAll('any[]')].map((t) => t.toLowerCase());
        const pool = new Map(tags.flatMap((t) => m.tags.get(t) ?? []).map((st) => [st.id, st]));
        return m.page(url, [...pool.values()], json);
      }
      if (url.pathname === '/api/v1/accounts/lookup') {
        const a = m.accounts.get(String(url.searchParams.get('acct')));
        return a ? json(200, { id: a.id, acct: url.searchParams.get('acct') }) : json(404, { error: 'Record not found' });
      }
      match = /^\/api\/v1\/accounts\/([^/]+)\/statuses$/.exec(url.pathname);
      if (match) {
        const a = [...m.accounts.values()].find((x) => x.id === match![1]);
        return a ? m.page(url, a.statuses, json) : json(404, { error: 'Record not found' });
      }
      json(404, { error: 'Not found' });
    });
    return m;
  }

  private page(url: URL, pool: Status[], json: (s: number, b: unknown, h?: Record<string, string>) => void): void {
    const q = url.searchParams;
    const limit = Math.min(40, Math.max(1, Number(q.get('limit') ?? 20)));
    const since = q.get('since_id');
    const max = q.get('max_id');
    const page = [...pool]
      .sort((a, b) => cmp(b.id, a.id))
      .filter((s) => (since ? cmp(s.id, since) > 0 : true))
      .filter((s) => (max ? cmp(s.id, max) < 0 : true))
      .slice(0, limit);
    const links: string[] = [];
    if (page.length) {
      const next = new URL(url);
      next.searchParams.set('max_id', page[page.length - 1]!.id);
      next.searchParams.delete('since_id');
      const prev = new URL(url);
      prev.searchParams.set('min_id', page[0]!.id);
      prev.searchParams.delete('max_id');
      links.push(`<${next}>; rel="next"`, `<${prev}>; rel="prev"`);
    }
    json(200, page, links.length ? { link: links.join(', ') } : {});
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
