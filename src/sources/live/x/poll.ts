/**
 * One poll of one `twitter` source through the X API v2: a recent search (`query`) or an
 * account's timeline (`user`), every page since the saved cursor.
 *
 * This module reads and parses; the pipeline (src/pipeline/ingest-live.ts) stores each page
 * and then saves the cursor it returns. The cursor (newest id) is only handed back with the
 * last page of the cycle: a poll that dies on page 2 throws a LivePollError holding page 1, the
 * pipeline stores page 1 and keeps the old cursor, and the next poll reads pages 1 and 2 again;
 * the store ignores the posts it already has, so there is neither a gap nor a duplicate.
 *
 * Rate limits and the monthly read budget decide the next poll, never a retry loop here:
 * x-rate-limit-remaining 0 or a 429 puts the next poll at x-rate-limit-reset (epoch seconds
 * from the server, read on the injected clock); when remaining hits 0 between pages, the page
 * token is kept beside the unchanged cursor and the next poll goes on from it. An exhausted
 * budget puts the next poll at the start of next month.
 */
import { ApiPartialResponseError, ApiRequestError, ApiResponseError, type TwitterRateLimit } from 'twitter-api-v2';
import type { TwitterSourceConfig } from '../../adapters/twitter/config.js';
import type { Post } from '../../../domain/post.js';
import type { SourceState } from '../../../store/sources-repo.js';
import { ParseError, type ParseContext } from '../../adapter.js';
import { responsePostsOf } from '../../adapters/twitter/response.js';
import type { ReadContext } from '../../read-context.js';
import { readCursor, writeCursor, type CursorState } from '../cursor.js';
import { LivePollError, type LivePoll } from '../result.js';
import { nextPollAt } from '../schedule.js';
import { budgetStatus, reserveReads, settleReads } from '../../../store/x-budget-repo.js';
import { exhaustedMessage } from './budget.js';
import type { XClient } from './client.js';
import { noteXOff, X_OFF_SOURCE_ERROR } from './credentials.js';

export const X_EXPANSIONS = 'author_id';
// note_tweet: a tweet over 280 characters carries its whole text there only when asked for; `text`
// is cut short (the adapter reads note_tweet first).
export const X_TWEET_FIELDS = 'created_at,lang,public_metrics,referenced_tweets,author_id,note_tweet';
export const X_USER_FIELDS = 'username,name,verified,public_metrics';

/** max_results bounds per endpoint (X API v2 reference). */
const SEARCH_LIMITS = { min: 10, max: 100 } as const;
const TIMELINE_LIMITS = { min: 5, max: 100 } as const;

/** How long a source with no credentials waits before it is looked at again. */
const OFF_RECHECK_MS = 15 * 60_000;

export interface XPollDeps {
  /** null: no credentials, X sources are off. */
  client: XClient | null;
  /** Jitter of the next poll, [0, 1). */
  random: () => number;
  /** Posts that may be read per calendar month, across every X source and the stream. */
  monthlyReadBudget: number;
  /** Posts asked for per request (the API allows at most 100). Default 100. */
  pageSize?: number;
  /** Pages per cycle before the rest is left unread. Default 10. */
  maxPages?: number;
  /** Per-request timeout. Default 20 s. */
  requestTimeoutMs?: number;
}

/** The part of an X API v2 timeline/search response this code reads. */
interface XPage {
  data?: unknown[];
  meta?: { newest_id?: string; oldest_id?: string; result_count?: number; next_token?: string };
  errors?: Array<{ title?: string; detail?: string }>;
}

type Query = Record<string, string | number | undefined>;

interface Target {
  endpoint: string;
  query: Query;
  tokenParam: 'next_token' | 'pagination_token';
  limits: { min: number; max: number };
  cursor: CursorState;
}

/** X answered without the posts, for a reason in its own words (an unknown, protected or suspended account): a configuration problem, not a network one. */
class XRefusedError extends Error {}

/**
 * A timeline X refuses answers 200 with `errors` alone, no `data` and no `meta` (a protected
 * account: "Sorry, you are not authorized to see the user with id: [...]"; a suspended one: "User
 * has been suspended"). Taken for an empty page, the source looked healthy and never read a post.
 * Errors beside `data` are partial (a referenced post deleted) and the page stands.
 */
function refusal(page: XPage): string | null {
  if (Array.isArray(page.data) || page.meta || !page.errors?.length) return null;
  const e = page.errors[0]!;
  return `X refused the request: ${[e.title, e.detail].filter(Boolean).join(': ') || 'errors without data'}`;
}

/** The pages read so far in this cycle: handed back on success and on failure alike. */
type Cycle = Post[][];

/**
 * Reads what is new on a configured `twitter` source. Resolves with the pages and the cursor,
 * or with `facts.stopped` when X is off or the budget is spent; throws a LivePollError for a
 * failed request or an unreadable answer.
 */
export async function pollX(ctx: ReadContext, source: SourceState, cfg: TwitterSourceConfig, deps: XPollDeps): Promise<LivePoll> {
  if (!deps.client) {
    noteXOff(ctx);
    const next = new Date(ctx.clock.now() + Math.max(source.interval_ms, OFF_RECHECK_MS)).toISOString();
    return { pages: [], facts: { stopped: X_OFF_SOURCE_ERROR, nextPollAt: next } };
  }
  const cycle: Cycle = [];
  try {
    return await runCycle(ctx, source, cfg, deps.client, deps, cycle, true);
  } catch (err) {
    throw failure(ctx, source, deps, cycle, err);
  }
}

async function runCycle(
  ctx: ReadContext,
  source: SourceState,
  cfg: TwitterSourceConfig,
  client: XClient,
  deps: XPollDeps,
  cycle: Cycle,
  mayRestart: boolean,
): Promise<LivePoll> {
  const target = await resolveTarget(cfg, client, readCursor(source.cursor), deps);
  const sinceId = target.cursor.since_id;
  const pageSize = Math.max(target.limits.min, Math.min(target.limits.max, deps.pageSize ?? target.limits.max));
  const maxPages = deps.maxPages ?? 10;
  const parseCtx: ParseContext = {
    origin: `X API /2/${target.endpoint}`,
    provider: source.provider,
    resolveProvider: (h) => ctx.config.catalog.resolve(h),
    skipped: (problem) => ctx.log.warn({ source: source.id, problem }, 'X sent a tweet that could not be read; it was left out'),
  };

  // A cycle the rate limit paused part-way goes on from the page where it stopped.
  let newest: string | undefined = target.cursor.cycle_newest;
  let token: string | undefined = target.cursor.next_token;
  let rate: TwitterRateLimit | undefined;
  for (;;) {
    const reservation = await reserveReads(ctx.db, deps.monthlyReadBudget, pageSize, target.limits.min, ctx.clock.now());
    if (!reservation) return budgetExhausted(ctx, source, deps, cycle);
    let page: XPage;
    try {
      const res = await client.api.v2.get<XPage>(
        target.endpoint,
        {
          ...target.query,
          max_results: reservation.reads,
          since_id: sinceId,
          [target.tokenParam]: token,
          expansions: X_EXPANSIONS,
          'tweet.fields': X_TWEET_FIELDS,
          'user.fields': X_USER_FIELDS,
        },
        { fullResponse: true, timeout: deps.requestTimeoutMs ?? 20_000 },
      );
      page = res.data;
      rate = res.rateLimit;
    } catch (err) {
      await settleReads(ctx.db, reservation, 0, ctx.clock.now());
      const refused = mayRestart ? refusedParameter(err) : null;
      if (refused) {
        // Recent search reaches back 7 days only, and a page token does not live for ever: when
        // the API refuses ours, start the cycle again without it. The store ignores duplicates.
        ctx.log.info({ source: source.id, parameter: refused }, `X refused the saved ${refused}; reading again without it`);
        const { next_token: _t, cycle_newest: _n, ...rest } = target.cursor;
        if (refused === 'since_id') delete rest.since_id;
        return runCycle(ctx, { ...source, cursor: writeCursor(rest) }, cfg, client, deps, cycle, false);
      }
      throw err;
    }
    await settleReads(ctx.db, reservation, Array.isArray(page.data) ? page.data.length : 0, ctx.clock.now());
    const refused = refusal(page);
    if (refused) throw new XRefusedError(refused);
    // The page is handed to the adapter as the object the client read: no text round trip.
    cycle.push(responsePostsOf(page, parseCtx));
    if (!token) newest = page.meta?.newest_id;
    ctx.metrics.fetches.inc({ source: source.id, outcome: 'ok' });
    token = page.meta?.next_token;
    if (!token) break;
    if (rate && rate.remaining <= 0) {
      // More pages wait, but this window has no request left. The since_id cursor stays; the
      // page token is kept beside it so the next poll, after the reset, goes on from here.
      const until = resetIso(rate, ctx.clock.now()) ?? nextPollAt(ctx, source, deps.random);
      const paused: CursorState = { ...target.cursor, next_token: token };
      if (newest) paused.cycle_newest = newest;
      ctx.log.info({ source: source.id, pages: cycle.length, until }, 'X rate limit reached mid-pagination; the rest is read after the reset');
      return { pages: cycle, cursor: writeCursor(paused), facts: { nextPollAt: until } };
    }
    if (cycle.length >= maxPages) {
      ctx.log.warn({ source: source.id, pages: cycle.length }, 'more new posts than the page cap allows in one cycle; older ones are left unread');
      break;
    }
  }

  const { next_token: _t, cycle_newest: _n, ...cursor } = target.cursor;
  if (newest) cursor.since_id = newest;
  // The window this cycle used up resets then: the next poll waits for it.
  const reset = rate && rate.remaining <= 0 ? resetIso(rate, ctx.clock.now()) : null;
  return { pages: cycle, cursor: writeCursor(cursor), facts: reset ? { notBefore: reset } : {} };
}

/** The endpoint and fixed parameters; for a timeline, the user id (looked up once, kept in the cursor). */
async function resolveTarget(cfg: TwitterSourceConfig, client: XClient, cursor: CursorState, deps: XPollDeps): Promise<Target> {
  if (cfg.query) {
    const { user: _u, user_id: _i, ...rest } = cursor;
    return { endpoint: 'tweets/search/recent', query: { query: cfg.query }, tokenParam: 'next_token', limits: SEARCH_LIMITS, cursor: rest };
  }
  const user = cfg.user ?? '';
  let userId = cursor.user?.toLowerCase() === user.toLowerCase() ? cursor.user_id : undefined;
  let kept = cursor;
  if (!userId) {
    const res = await client.api.v2.get<{ data?: { id?: string } }>('users/by/username/:username', undefined, {
      params: { username: user },
      fullResponse: true,
      timeout: deps.requestTimeoutMs ?? 20_000,
    });
    userId = res.data.data?.id;
    if (!userId || !/^\d+$/.test(userId)) throw new XRefusedError(`X has no account @${user}`);
    // A different account: its timeline has its own ids.
    kept = { user, user_id: userId };
  }
  return {
    endpoint: `users/${userId}/tweets`,
    query: {},
    tokenParam: 'pagination_token',
    limits: TIMELINE_LIMITS,
    cursor: { ...kept, user, user_id: userId },
  };
}

async function budgetExhausted(ctx: ReadContext, source: SourceState, deps: XPollDeps, cycle: Cycle): Promise<LivePoll> {
  const s = await budgetStatus(ctx.db, deps.monthlyReadBudget, ctx.clock.now());
  ctx.log.warn(
    { source: source.id, used: s.used, limit: s.limit, month: s.month, resumes: s.resetsAt },
    'X monthly read budget exhausted; polling stops until the month changes',
  );
  // The pages read before the budget ran out are stored; the cursor stays (no `cursor`).
  return { pages: cycle, facts: { stopped: exhaustedMessage(s), nextPollAt: s.resetsAt } };
}

/** x-rate-limit-reset (epoch seconds, server time) as ISO, when it is still ahead of the clock. */
function resetIso(rate: TwitterRateLimit | undefined, nowMs: number): string | null {
  const reset = rate?.reset;
  if (reset === undefined || !Number.isFinite(reset)) return null;
  const ms = reset * 1000;
  return ms > nowMs ? new Date(ms).toISOString() : null;
}

/** The saved parameter a 400 names (an expired since_id or page token), if it names one. */
function refusedParameter(err: unknown): 'since_id' | 'next_token' | 'pagination_token' | null {
  if (!(err instanceof ApiResponseError) || err.code !== 400) return null;
  const text = JSON.stringify(err.data ?? {});
  for (const p of ['since_id', 'next_token', 'pagination_token'] as const) if (text.includes(p)) return p;
  return null;
}

/** An X API failure in words: the status and X's own detail, a cut-short answer, a request that failed. */
export function describeXError(err: unknown): string {
  if (err instanceof ApiResponseError) {
    const d = err.data;
    const detail = d?.detail ?? d?.title ?? (d?.errors?.[0] && 'message' in d.errors[0] ? d.errors[0].message : undefined);
    return `X API answered ${err.code}${detail ? `: ${detail}` : ''}`;
  }
  if (err instanceof ApiPartialResponseError) return `X API response cut short: ${err.message}`;
  if (err instanceof ApiRequestError) return `X API request failed: ${err.requestError?.message ?? err.message}`;
  return err instanceof Error ? err.message : String(err);
}

/** The typed error for a failed cycle, with the pages read before it and when to poll next. */
function failure(ctx: ReadContext, source: SourceState, deps: XPollDeps, cycle: Cycle, err: unknown): LivePollError {
  const failures = source.consecutive_failures + 1;
  if (err instanceof ParseError) return new LivePollError(`X API /2 response: ${err.message}`, { kind: 'parse', pages: cycle });
  let error = describeXError(err);
  let next: string;
  let code: string;
  if (err instanceof ApiResponseError && (err.rateLimitError || err.code === 429)) {
    const reset = resetIso(err.rateLimit, ctx.clock.now());
    next = reset ?? nextPollAt(ctx, source, deps.random, { consecutiveFailures: failures, retryAfterMs: 15 * 60_000 });
    error = reset ? `X rate limit hit (429); next poll at the reset, ${next}` : `X rate limit hit (429) with no reset time; next poll at ${next}`;
    code = 'rate_limited';
  } else {
    next = nextPollAt(ctx, source, deps.random, { consecutiveFailures: failures });
    if (err instanceof XRefusedError) error = err.message;
    code = err instanceof ApiResponseError ? `http_${err.code}` : 'network';
  }
  if (cycle.length > 0) error += ` (after ${cycle.length} page(s) stored; cursor kept, they are read again next time)`;
  return new LivePollError(error, { kind: 'fetch', code, pages: cycle, nextPollAt: next, logMessage: 'X poll failed' });
}
