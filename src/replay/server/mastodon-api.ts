import type { ServerResponse } from 'node:http';
import { compareIds } from '../../sources/live/cursor.js';
import type { ScenarioSource } from '../scenario.js';
import { mastodonTarget } from '../scenario-rules.js';
import { gateOf, madeUpAccountId, sendGate, sendJson, unseenNewestFirst, type ServeContext } from './http.js';
import { SinceLedger } from './ledger.js';

/**
 * The Mastodon API as the production poller asks for it (src/sources/live/mastodon/poller.ts): a
 * source whose path is a tag page (`/tags/x`) is read at `/api/v1/timelines/tag/x`, an account
 * page (`/@x`) through `/api/v1/accounts/lookup?acct=x` and `/api/v1/accounts/:id/statuses`, any
 * other path (an API timeline) at the path itself. Statuses newest first, `limit` (at most 40),
 * `max_id` paging and `since_id` honoured (with the ledger: a status visible late is still served).
 */
interface Status {
  id: string;
  account?: { id?: string; username?: string; acct?: string };
}

const NOT_FOUND = { error: 'Record not found' };

export function createMastodonApi(ctx: ServeContext): (path: string, q: URLSearchParams, res: ServerResponse) => boolean {
  const ledger = new SinceLedger();
  const byPath = new Map<string, ScenarioSource>();
  const accounts = new Map<string, { src: ScenarioSource; account: Record<string, unknown> }>();
  for (const src of ctx.scenario.sources) {
    if (src.kind !== 'mastodon' || !src.path) continue;
    const target = mastodonTarget(src.path);
    if (target.kind === 'path') byPath.set(target.path, src);
    else accounts.set(target.acct.toLowerCase(), { src, account: accountOf(ctx, src, target.acct) });
  }

  const statuses = (res: ServerResponse, src: ScenarioSource, q: URLSearchParams) => {
    ctx.hit(src.id);
    const gate = gateOf(ctx, src);
    if (gate) return sendGate(res, gate);
    const since = q.get('since_id');
    const maxId = q.get('max_id');
    const limit = Math.min(40, Math.max(1, Number(q.get('limit') ?? 20) || 20));
    const all = unseenNewestFirst<Status>(ctx, src, ledger, since);
    const page = all.filter((s) => !maxId || compareIds(s.id, maxId) < 0).slice(0, limit);
    // The poller reads pages until one is short; its next since_id is the newest of the first.
    if (page.length < limit && all.length) ledger.issue(src.id, since, all[0]!.id, ctx.clock.now());
    sendJson(res, 200, page);
  };

  return (path, q, res) => {
    if (path === '/api/v1/accounts/lookup') {
      const found = accounts.get((q.get('acct') ?? '').replace(/^@/, '').toLowerCase());
      if (!found) sendJson(res, 404, NOT_FOUND);
      else {
        ctx.hit(found.src.id);
        const gate = gateOf(ctx, found.src);
        if (gate) sendGate(res, gate);
        else sendJson(res, 200, found.account);
      }
      return true;
    }
    const account = /^\/api\/v1\/accounts\/([^/]+)\/statuses$/.exec(path);
    const owner = account ? [...accounts.values()].find((a) => a.account.id === account[1]) : undefined;
    if (owner) {
      statuses(res, owner.src, q);
      return true;
    }
    const src = byPath.get(path);
    if (!src) return false;
    statuses(res, src, q);
    return true;
  };
}

/** The account object of a timeline: as its own statuses give it, else a stable made-up one. */
function accountOf(ctx: ServeContext, src: ScenarioSource, acct: string): Record<string, unknown> {
  const name = acct.toLowerCase();
  for (const e of ctx.entriesOf(src.id))
    for (const line of e.lines ?? []) {
      const s = JSON.parse(line) as Status;
      const a = s.account;
      if (a && typeof a.id === 'string' && (a.acct?.toLowerCase() === name || a.username?.toLowerCase() === name.split('@')[0])) return a;
    }
  return { id: madeUpAccountId(name), username: acct.split('@')[0], acct };
}
