/**
 * One poll of one `mastodon` source: a hashtag timeline (`/api/v1/timelines/tag/:tag`) or an
 * account's statuses (`/api/v1/accounts/:id/statuses`), read with `since_id` = the saved cursor
 * through the shared fetcher (address policy, size cap, timeouts). When more new statuses
 * arrived than one page holds, older pages are read with `max_id` (what the Link header's
 * "next" would say), and the cursor moves only after the last of them is stored.
 *
 * The source URL may be the API path itself, or the page people see: `https://host/tags/aws`
 * (the tag timeline) or `https://host/@AWS` (the account, looked up once and kept in the cursor).
 *
 * Each poll asks from a little before its cursor (./overlap.ts): a status that federates late
 * can have an id below the newest one read. What is read twice is stored once.
 *
 * This module reads and parses; the pipeline stores the pages and saves the returned cursor
 * (src/pipeline/ingest-live.ts), so the cursor moves only after every page is stored.
 */
import type { Post } from '../../../domain/post.js';
import { fetchDocument, FetchError, type FetchDeps } from '../../../fetch/index.js';
import { decodeDocument } from '../../decode.js';
import type { SourceState } from '../../../store/sources-repo.js';
import { ParseError, type ParseContext } from '../../adapter.js';
import { parseStatuses } from '../../adapters/mastodon/parse.js';
import type { ReadContext } from '../../read-context.js';
import type { LiveDeps } from '../deps.js';
import { DEFAULT_OVERLAP_MS, type MastodonSourceConfig } from '../../adapters/mastodon/config.js';
import { compareIds, newestId, oldestId, readCursor, writeCursor, type CursorState } from '../cursor.js';
import { overlapSince } from './overlap.js';
import { LivePollError, type LivePoll } from '../result.js';

export interface MastodonPollDeps {
  fetch: FetchDeps;
  /** Statuses per request (the API allows at most 40). Default 40. */
  pageSize?: number;
  /** Pages per cycle. Default 5. */
  maxPages?: number;
  /** How far before its cursor a poll asks again, for statuses that federate late (./overlap.ts). Default 0. */
  overlapMs?: number;
}

type Endpoint = { kind: 'timeline'; url: URL } | { kind: 'account'; origin: string; acct: string };

/** What to poll for a configured URL. */
export function mastodonEndpoint(sourceUrl: string): Endpoint {
  const url = new URL(sourceUrl);
  const path = url.pathname.replace(/\/+$/, '');
  const tag = /^\/tags\/([^/]+)$/.exec(path);
  if (tag) return { kind: 'timeline', url: new URL(`/api/v1/timelines/tag/${tag[1]}`, url.origin) };
  const account = /^\/@([^/@]+)(?:@([^/]+))?$/.exec(path);
  if (account) return { kind: 'account', origin: url.origin, acct: account[2] ? `${account[1]}@${account[2]}` : account[1]! };
  return { kind: 'timeline', url };
}

/**
 * One poll of a `mastodon` source (ApiPlugin.fetch): its URL is a tag, an account or a
 * timeline; with `hashtags`, the instance whose hashtag timelines are read.
 */
export async function readMastodonSource(ctx: ReadContext, source: SourceState, config: MastodonSourceConfig | null, deps: LiveDeps): Promise<LivePoll> {
  if (!source.url) return { pages: [], facts: {}, skipped: `${source.id} has no URL` };
  const overlapMs = deps.mastodon?.overlapMs ?? (config?.overlap === false ? 0 : (config?.overlap ?? DEFAULT_OVERLAP_MS));
  const poll = { fetch: deps.fetch, ...deps.mastodon, overlapMs };
  if (config?.hashtags.length) return pollHashtags(ctx, source, source.url, config.hashtags, poll);
  return pollMastodon(ctx, source, source.url, poll);
}

/** The pages read so far in this cycle: handed back on success and on failure alike. */
type Cycle = Post[][];

/**
 * Reads what is new on a `mastodon` source with a URL. Resolves with the pages and the cursor;
 * throws a LivePollError for a failed request or an unreadable answer.
 */
export async function pollMastodon(ctx: ReadContext, source: SourceState, sourceUrl: string, deps: MastodonPollDeps): Promise<LivePoll> {
  const cycle: Cycle = [];
  try {
    return await runCycle(ctx, source, sourceUrl, deps, cycle);
  } catch (err) {
    throw failure(source, cycle, err);
  }
}

async function getJson(url: string, source: SourceState, deps: MastodonPollDeps): Promise<string> {
  const res = await fetchDocument({ url, sourceId: source.id, accept: 'application/json' }, deps.fetch);
  // No conditional headers are sent, so a 304 would be the server's own mistake: nothing new.
  return res.notModified ? '[]' : decodeDocument(res.body);
}

async function runCycle(ctx: ReadContext, source: SourceState, sourceUrl: string, deps: MastodonPollDeps, cycle: Cycle): Promise<LivePoll> {
  const cursor: CursorState = readCursor(source.cursor);
  const endpoint = mastodonEndpoint(sourceUrl);
  let timeline: URL;
  if (endpoint.kind === 'account') {
    let id = cursor.acct === endpoint.acct ? cursor.account_id : undefined;
    if (!id) {
      const lookup = new URL('/api/v1/accounts/lookup', endpoint.origin);
      lookup.searchParams.set('acct', endpoint.acct);
      const found = JSON.parse(await getJson(lookup.toString(), source, deps)) as { id?: unknown };
      if (typeof found.id !== 'string' || !/^[0-9A-Za-z]+$/.test(found.id)) throw new ParseError(`${lookup}: no account id in the answer`);
      id = found.id;
      delete cursor.since_id; // another account: its statuses have their own ids
    }
    cursor.acct = endpoint.acct;
    cursor.account_id = id;
    timeline = new URL(`/api/v1/accounts/${id}/statuses`, endpoint.origin);
  } else {
    timeline = endpoint.url;
  }
  const newest = await readTimeline(ctx, source, timeline, cursor.since_id, deps, cycle);
  if (newest) cursor.since_id = newest;
  return { pages: cycle, cursor: writeCursor(cursor), facts: {} };
}

/**
 * Reads one timeline from `since` on, page after page (newest first, older pages with max_id),
 * pushing each page's posts on the cycle; the newest id seen, the timeline's next `since`.
 */
async function readTimeline(ctx: ReadContext, source: SourceState, timeline: URL, since: string | undefined, deps: MastodonPollDeps, cycle: Cycle) {
  const parseCtx: ParseContext = {
    origin: timeline.toString(),
    provider: source.provider,
    resolveProvider: (h) => ctx.config.catalog.resolve(h),
    skipped: (problem) => ctx.log.warn({ source: source.id, problem }, 'Mastodon sent a status that could not be read; it was left out'),
  };
  const limit = Math.max(1, Math.min(40, deps.pageSize ?? 40));
  const maxPages = deps.maxPages ?? 5;
  const from = overlapSince(since, deps.overlapMs ?? 0, ctx.clock.now());
  let newest: string | undefined;
  let maxId: string | undefined;
  for (let pages = 1; ; pages++) {
    const url = new URL(timeline);
    url.searchParams.set('limit', String(limit));
    if (from) url.searchParams.set('since_id', from);
    if (maxId) url.searchParams.set('max_id', maxId);
    const text = await getJson(url.toString(), source, deps);
    const ids = statusIds(text);
    cycle.push(ids.length ? parseStatuses(text, { ...parseCtx, origin: url.toString() }) : []);
    ctx.metrics.fetches.inc({ source: source.id, outcome: 'ok' });
    if (pages === 1) newest = newestId(ids);
    if (ids.length < limit) break;
    const oldest = oldestId(ids);
    if (pages >= maxPages) {
      // Left unread below the cursor is only the overlap, read before: not worth a warning.
      if (!since || !oldest || compareIds(oldest, since) > 0)
        ctx.log.warn(
          { source: source.id, timeline: timeline.toString(), pages },
          'more new statuses than the page cap allows in one cycle; older ones are left unread',
        );
      break;
    }
    maxId = oldest;
  }
  // A status that federated late is below the cursor: the cursor never moves back.
  return newestId([newest, since].filter((x): x is string => x !== undefined));
}

/** Tags per request: the path's tag and four more in `any[]` (Mastodon's TagFeed::LIMIT_PER_MODE). */
export const TAGS_PER_REQUEST = 5;

/**
 * The hashtag timelines of a source with `hashtags`: on the URL's instance, five tags to a
 * request (`/api/v1/timelines/tag/:first?any[]=…`), each group with its own since_id in the
 * cursor (`tags:<first tag>`).
 */
export function hashtagTimelines(instance: string, hashtags: readonly string[]): Array<{ key: string; url: URL }> {
  const origin = new URL(instance).origin;
  const out: Array<{ key: string; url: URL }> = [];
  for (let i = 0; i < hashtags.length; i += TAGS_PER_REQUEST) {
    const [first, ...more] = hashtags.slice(i, i + TAGS_PER_REQUEST);
    const url = new URL(`/api/v1/timelines/tag/${encodeURIComponent(first!)}`, origin);
    for (const t of more) url.searchParams.append('any[]', t);
    out.push({ key: `tags:${first}`, url });
  }
  return out;
}

/** Reads every hashtag group of a source; the cursor moves only when every group was read. */
export async function pollHashtags(
  ctx: ReadContext,
  source: SourceState,
  instance: string,
  hashtags: readonly string[],
  deps: MastodonPollDeps,
): Promise<LivePoll> {
  const cycle: Cycle = [];
  try {
    const cursor = readCursor(source.cursor);
    for (const { key, url } of hashtagTimelines(instance, hashtags)) {
      const newest = await readTimeline(ctx, source, url, cursor[key], deps, cycle);
      if (newest) cursor[key] = newest;
    }
    return { pages: cycle, cursor: writeCursor(cursor), facts: {} };
  } catch (err) {
    throw failure(source, cycle, err);
  }
}

/** The top-level status ids of a timeline page (boosts have their own id, which is what paging uses). */
function statusIds(text: string): string[] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new ParseError('a Mastodon timeline is a JSON array of statuses; this is not JSON');
  }
  if (!Array.isArray(v)) {
    const error = v && typeof v === 'object' && 'error' in v ? String((v as { error: unknown }).error) : null;
    throw new ParseError(error ? `the Mastodon API answered an error: "${error}"` : 'a Mastodon timeline is a JSON array of statuses');
  }
  return v.flatMap((s: unknown) => (s && typeof s === 'object' && typeof (s as { id?: unknown }).id === 'string' ? [(s as { id: string }).id] : []));
}

/** The typed error for a failed cycle, with the pages read before it. */
function failure(source: SourceState, cycle: Cycle, err: unknown): LivePollError {
  const kept = cycle.length > 0 ? ` (after ${cycle.length} page(s) stored; cursor kept)` : '';
  if (err instanceof ParseError) return new LivePollError(`${source.url}: ${err.message}${kept}`, { kind: 'parse', pages: cycle });
  const e = err instanceof FetchError ? err : new FetchError('network', source.url ?? source.id, (err as Error).message, { sourceId: source.id });
  return new LivePollError(`${e.message}${kept}`, { kind: 'fetch', code: e.code, pages: cycle, retryAfterMs: e.retryAfterMs });
}
