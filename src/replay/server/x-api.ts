import type { ServerResponse } from 'node:http';
import type { ScenarioSource } from '../scenario.js';
import { gateOf, madeUpAccountId, sendGate, sendJson, unseenNewestFirst, type ServeContext } from './http.js';
import { SinceLedger } from './ledger.js';
import { xRateHeaders } from './x-http.js';

/**
 * The X API v2 as the production X reader uses it: recent search, user lookup and a user's
 * timeline, `since_id` honoured (with the ledger: a post visible late is still served), newest
 * first, paged with `next_token`, rate-limit headers on every answer. The filtered stream and
 * its rules are in ./x-stream.ts.
 */
interface Tweet {
  id: string;
  author?: { id: string; username: string; name?: string; verified?: boolean; public_metrics?: Record<string, number> };
  [k: string]: unknown;
}

const RATE_LIMIT = 450;

export function createXApi(ctx: ServeContext): (path: string, q: URLSearchParams, res: ServerResponse) => boolean {
  const ledger = new SinceLedger();
  const twitter = ctx.scenario.sources.filter((s) => s.kind === 'twitter');
  const rateHeaders = () => xRateHeaders(ctx.clock, RATE_LIMIT);

  /** The account's id: from a post it wrote, else a stable made-up one. */
  const userIdOf = (src: ScenarioSource): string => {
    for (const e of ctx.entriesOf(src.id))
      for (const line of e.lines ?? []) {
        const t = JSON.parse(line) as Tweet;
        if (t.author && t.author.username?.toLowerCase() === src.user?.toLowerCase()) return t.author.id;
      }
    return madeUpAccountId(src.user ?? '');
  };

  const tweetPage = (res: ServerResponse, src: ScenarioSource, q: URLSearchParams) => {
    ctx.hit(src.id);
    const gate = gateOf(ctx, src);
    if (gate) return sendGate(res, gate, gate.status === 429 ? rateHeaders() : {});
    const since = q.get('since_id');
    const max = Math.min(100, Math.max(5, Number(q.get('max_results') ?? 10) || 10));
    const offset = Number(q.get('pagination_token') ?? q.get('next_token') ?? 0) || 0;
    const all = unseenNewestFirst<Tweet>(ctx, src, ledger, since);
    const page = all.slice(offset, offset + max);
    const last = offset + max >= all.length;
    // The cycle is over on its last page: the reader's next since_id is its first page's newest.
    if (last && all.length) ledger.issue(src.id, since, all[0]!.id, ctx.clock.now());
    if (!page.length) return sendJson(res, 200, { meta: { result_count: 0 } }, rateHeaders());
    const users = new Map<string, unknown>();
    const data = page.map(({ author, ...t }) => {
      if (author) users.set(author.id, author);
      return { ...t, author_id: (t.author_id as string | undefined) ?? author?.id };
    });
    const meta: Record<string, unknown> = { newest_id: page[0]!.id, oldest_id: page[page.length - 1]!.id, result_count: page.length };
    if (!last) meta.next_token = String(offset + max);
    sendJson(res, 200, { data, includes: { users: [...users.values()] }, meta }, rateHeaders());
  };

  return (path, q, res) => {
    if (path === '/2/tweets/search/recent') {
      const query = q.get('query') ?? '';
      const searches = twitter.filter((s) => s.query);
      const src = searches.find((s) => s.query === query) ?? (searches.length === 1 ? searches[0] : undefined);
      if (!src) sendJson(res, 400, { title: 'Invalid Request', detail: `no search for ${query}` });
      else tweetPage(res, src, q);
      return true;
    }
    const byName = /^\/2\/users\/by\/username\/([A-Za-z0-9_]+)$/.exec(path);
    if (byName) {
      const src = twitter.find((s) => s.user?.toLowerCase() === byName[1]!.toLowerCase());
      if (!src) sendJson(res, 200, { errors: [{ title: 'Not Found Error', detail: `Could not find user with username: [${byName[1]}].` }] });
      else sendJson(res, 200, { data: { id: userIdOf(src), username: src.user, name: src.user } }, rateHeaders());
      return true;
    }
    const timeline = /^\/2\/users\/(\d+)\/tweets$/.exec(path);
    if (timeline) {
      const src = twitter.find((s) => s.user && userIdOf(s) === timeline[1]);
      if (!src) sendJson(res, 404, { title: 'Not Found' });
      else tweetPage(res, src, q);
      return true;
    }
    return false;
  };
}
