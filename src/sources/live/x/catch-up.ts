/**
 * A filtered-stream gap the backfill cannot cover, read back with recent search. X's answer to a
 * disconnection longer than backfill covers ("Recovery and redundancy",
 * docs.x.com/x-api/fundamentals/recovery-and-redundancy) is Recovery, a stream connection with
 * start_time / end_time that re-sends up to 24 hours, but like backfill it is for Enterprise
 * access only. Recent search reaches every plan: a stream rule is written in the query language
 * it reads, so each rule is asked again as a query over the gap (start_time, end_time), newest
 * first.
 *
 * Each post read is billed like a streamed one, so the catch-up is bounded: at most `maxPosts`
 * posts per gap, reserved from the shared monthly budget before each request. The rules share
 * the cap in turn, one page each (the impact-map providers' rules come first, as they do in
 * the stream), then further pages of the rules that have more, until the cap or the gap is
 * done. Recent search reaches back 7 days and not nearer than 10 s to now: the window is cut to
 * that. Any failure (a 429, a network error, an exhausted budget) ends the catch-up with what
 * it stored so far and names the rest. So does the rate limit's last quarter: recent search's
 * request window is shared with the X watch's polls (./watch.ts), which must still be able to
 * read a provider's query when a connection that flaps brings gap after gap.
 */
import type { ParseContext } from '../../adapter.js';
import { responsePostsOf } from '../../adapters/twitter/response.js';
import type { Post } from '../../../domain/post.js';
import type { ReadContext } from '../../read-context.js';
import { reserveReads, settleReads } from '../../../store/x-budget-repo.js';
import type { XClient } from './client.js';
import { describeXError, X_EXPANSIONS, X_TWEET_FIELDS, X_USER_FIELDS } from './poll.js';
import type { StreamRule } from './rules.js';

/** The farthest back recent search reads (X API v2 reference), less a minute of slack. */
const SEARCH_REACH_MS = 7 * 24 * 3_600_000 - 60_000;
/** end_time must be at least 10 s before the request (X API v2 reference). */
const END_MARGIN_MS = 10_000;
/** max_results bounds of recent search. */
const MIN_PAGE = 10;
const MAX_PAGE = 100;
/** The share of recent search's request window a catch-up leaves to the polls. */
const RATE_RESERVE = 0.25;

export interface CatchUpWindow {
  from: number;
  to: number;
}

export interface CatchUpResult {
  /** The window asked for (ISO), after cutting it to what recent search reaches; null when nothing was left to ask. */
  from: string | null;
  to: string | null;
  requests: number;
  /** Posts read (billed), stored or already there. */
  posts: number;
  /** Every rule was read to its end within the window. */
  complete: boolean;
  /** Why it stopped short (the cap, the budget, an error); null when complete. */
  stoppedBy: string | null;
}

export interface CatchUpDeps {
  client: XClient;
  /** Stores one page's posts, with the provider its rule names (null when it names several). */
  store: (posts: Post[], provider: string | null) => Promise<void>;
  monthlyReadBudget: number;
  /** The provider a rule names, or null (a rule packs several providers). */
  providerOf: (rule: StreamRule) => string | null;
  requestTimeoutMs?: number;
  /** Aborted when the stream stops: no request is started after that. */
  signal?: AbortSignal;
}

/** X's time parameters in whole seconds (RFC 3339, no fraction). */
function xTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The part of a gap recent search can still read at `nowMs`; null when none. */
export function searchableWindow(gap: CatchUpWindow, nowMs: number): CatchUpWindow | null {
  const from = Math.max(gap.from, nowMs - SEARCH_REACH_MS);
  const to = Math.min(gap.to, nowMs - END_MARGIN_MS);
  return to - from >= 1000 ? { from, to } : null;
}

interface SearchPage {
  data?: unknown[];
  meta?: { next_token?: string };
}

/** Reads the gap back, rule by rule, within `maxPosts`; throws only when the store fails, never for X's or the budget's sake. */
export async function catchUpGap(
  ctx: ReadContext,
  deps: CatchUpDeps,
  rules: readonly StreamRule[],
  gap: CatchUpWindow,
  maxPosts: number,
): Promise<CatchUpResult> {
  const window = searchableWindow(gap, ctx.clock.now());
  const result: CatchUpResult = { from: null, to: null, requests: 0, posts: 0, complete: true, stoppedBy: null };
  if (!window || !rules.length) return result;
  result.from = xTime(window.from);
  result.to = xTime(window.to);
  // Rules with more to read, and where each goes on from (undefined: its first page).
  let pending = rules.map((rule) => ({ rule, token: undefined as string | undefined }));
  while (pending.length) {
    const next: typeof pending = [];
    for (const [i, p] of pending.entries()) {
      if (deps.signal?.aborted) return stop(result, 'the stream stopped');
      const left = maxPosts - result.posts;
      if (left < MIN_PAGE) return stop(result, `the catch-up cap of ${maxPosts} posts`);
      // A fair share of what is left for this round's remaining rules, within the page bounds.
      const share = Math.max(MIN_PAGE, Math.min(MAX_PAGE, Math.floor(left / (pending.length - i))));
      const reservation = await reserveReads(ctx.db, deps.monthlyReadBudget, share, MIN_PAGE, ctx.clock.now());
      if (!reservation) return stop(result, 'the monthly read budget');
      let page: SearchPage;
      let rate: { limit: number; remaining: number } | undefined;
      try {
        result.requests++;
        const res = await deps.client.api.v2.get<SearchPage>(
          'tweets/search/recent',
          {
            query: p.rule.value,
            start_time: result.from,
            end_time: result.to,
            max_results: reservation.reads,
            expansions: X_EXPANSIONS,
            'tweet.fields': X_TWEET_FIELDS,
            'user.fields': X_USER_FIELDS,
            ...(p.token ? { next_token: p.token } : {}),
          },
          { fullResponse: true, timeout: deps.requestTimeoutMs ?? 20_000 },
        );
        page = res.data;
        rate = res.rateLimit;
      } catch (err) {
        await settleReads(ctx.db, reservation, 0, ctx.clock.now());
        return stop(result, describeXError(err));
      }
      const read = Array.isArray(page.data) ? page.data.length : 0;
      await settleReads(ctx.db, reservation, read, ctx.clock.now());
      result.posts += read;
      const provider = deps.providerOf(p.rule);
      const parseCtx: ParseContext = {
        origin: 'X API /2/tweets/search/recent (a filtered-stream gap read back)',
        provider,
        resolveProvider: (h) => ctx.config.catalog.resolve(h),
        skipped: (problem) => ctx.log.warn({ problem }, 'X recent search sent a tweet that could not be read; it was left out'),
      };
      let posts: Post[];
      try {
        posts = responsePostsOf(page, parseCtx);
      } catch (err) {
        // An answer that is no X response (a proxy's page, a changed API): what came before stays.
        return stop(result, `an answer that is not an X API response (${err instanceof Error ? err.message : String(err)})`);
      }
      if (posts.length) await deps.store(posts, provider);
      if (page.meta?.next_token) next.push({ rule: p.rule, token: page.meta.next_token });
      const more = i < pending.length - 1 || next.length > 0;
      if (more && rate && rate.remaining <= rate.limit * RATE_RESERVE)
        return stop(result, `the recent-search rate limit (${rate.remaining} of ${rate.limit} requests left, kept for the polls)`);
    }
    pending = next;
  }
  return result;
}

function stop(result: CatchUpResult, why: string): CatchUpResult {
  return { ...result, complete: false, stoppedBy: why };
}
