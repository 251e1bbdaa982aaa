import { createHash } from 'node:crypto';
import type { AppContext } from '../app/context.js';
import type { Post, PostKind } from '../domain/post.js';
import { fetchDocument, FetchError, nextPollDelay, shouldPause } from '../fetch/index.js';
import { ParseError } from '../sources/adapter.js';
import { adapterFor } from '../sources/registry.js';
import { decodeDocument } from '../sources/decode.js';
import { getSource, recordPoll, type SourceState } from '../store/sources-repo.js';
import { insertPosts, unanalyzed } from '../store/posts-repo.js';
import type { PipelineDeps } from './deps.js';
import { readComponentStates, componentChangePosts, type ComponentState } from '../sources/component-state.js';
import { getState, putState } from '../store/kv-repo.js';
import { isSocialPolledKind, pollSocialSource } from '../sources/live/index.js';
import { capItems, fairPriorities } from './fair-share.js';

/** In the running pipeline a post's kind follows its source's trust tier (cli.md, parse rules). */
function kindForTier(tier: string, parsed: PostKind): PostKind {
  if (tier === 'official') return 'official';
  if (tier === 'news') return 'news';
  if (tier === 'first-party') return 'report';
  if (parsed === 'official') return 'official';
  return tier === 'community' || tier === 'public' || tier === 'unknown' || tier === 'staff' || tier === 'provider-account' ? 'social' : parsed;
}

export interface IngestResult {
  outcome: 'ok' | 'not-modified' | 'unchanged' | 'fetch-error' | 'parse-error' | 'skipped';
  newPosts: number;
  error?: string;
}

/**
 * One poll of one source: fetch (conditional), parse with the real adapter, store new posts once,
 * queue them for analysis, and record the outcome on the source, including when to poll next.
 * A failed fetch or parse is recorded, never thrown: the scheduler decides the retry.
 */
export async function ingestSource(ctx: AppContext, deps: PipelineDeps, sourceId: string): Promise<IngestResult> {
  const source = await getSource(ctx.db, sourceId);
  if (!source || !source.enabled || source.paused) return { outcome: 'skipped', newPosts: 0 };
  // X and Mastodon are read through their APIs with a since_id cursor, not as one document.
  if (isSocialPolledKind(source.kind)) return pollSocialSource(ctx, { ...deps, x: { ...deps.x, baseUrl: ctx.config.secrets.xApiBaseUrl ?? undefined } }, sourceId);
  const at = new Date(ctx.clock.now()).toISOString();
  const adapter = adapterFor(source.kind);
  if (!source.url || !adapter) {
    // Not pollable (a stream kind): pause it so the scheduler stops offering it, and say why.
    const error = `source ${source.id}: kind ${source.kind} is not polled`;
    await recordPoll(ctx.db, source.id, { at, ok: false, error, pause: true, next_poll_at: at });
    return { outcome: 'skipped', newPosts: 0, error };
  }
  const next = (facts: { failures?: number; cacheMaxAgeMs?: number; retryAfterMs?: number }) =>
    new Date(
      ctx.clock.now() +
        nextPollDelay(
          { intervalMs: source.interval_ms, consecutiveFailures: facts.failures, cacheMaxAgeMs: facts.cacheMaxAgeMs, retryAfterMs: facts.retryAfterMs },
          { random: deps.random, minDelayMs: Math.min(10_000, source.interval_ms) },
        ),
    ).toISOString();

  let res;
  const started = process.hrtime.bigint();
  try {
    res = await fetchDocument({ url: source.url, sourceId: source.id, etag: source.etag ?? undefined, lastModified: source.last_modified ?? undefined }, deps.fetch);
  } catch (err) {
    const e = err instanceof FetchError ? err : new FetchError('network', source.url, (err as Error).message, { sourceId: source.id });
    ctx.metrics.fetches.inc({ source: source.id, outcome: e.code });
    await recordPoll(ctx.db, source.id, {
      at,
      ok: false,
      error: e.message,
      next_poll_at: next({ failures: source.consecutive_failures + 1, retryAfterMs: e.retryAfterMs }),
    });
    ctx.log.warn({ source: source.id, code: e.code, err: e.message }, 'fetch failed');
    return { outcome: 'fetch-error', newPosts: 0, error: e.message };
  } finally {
    ctx.metrics.fetchSeconds.observe({ source: source.id }, Number(process.hrtime.bigint() - started) / 1e9);
  }

  if (res.notModified) {
    ctx.metrics.fetches.inc({ source: source.id, outcome: 'not_modified' });
    await recordPoll(ctx.db, source.id, { at, ok: true, next_poll_at: next({ cacheMaxAgeMs: res.cacheMaxAgeMs }) });
    return { outcome: 'not-modified', newPosts: 0 };
  }
  ctx.metrics.fetches.inc({ source: source.id, outcome: 'ok' });
  const text = decodeDocument(res.body);
  const hash = createHash('sha256').update(text).digest('hex');
  const common = { at, ok: true as const, etag: res.etag ?? null, last_modified: res.lastModified ?? null, content_hash: hash, next_poll_at: next({ cacheMaxAgeMs: res.cacheMaxAgeMs }) };
  if (hash === source.content_hash) {
    await recordPoll(ctx.db, source.id, common);
    return { outcome: 'unchanged', newPosts: 0 };
  }

  let posts: Post[];
  try {
    posts = await adapter.parse(text, { origin: source.url, provider: source.provider, resolveProvider: (h) => ctx.config.catalog.resolve(h) });
  } catch (err) {
    const msg = err instanceof ParseError ? `${source.url}: ${err.message}` : `${source.url}: adapter failed: ${(err as Error).message}`;
    const pause = shouldPause(source.parse_failures + 1);
    await recordPoll(ctx.db, source.id, { at, ok: false, error: msg, parse_failed: true, pause, next_poll_at: next({ failures: source.consecutive_failures + 1 }) });
    ctx.log.warn({ source: source.id, err: msg, paused: pause }, pause ? 'source paused after repeated parse failures' : 'parse failed');
    return { outcome: 'parse-error', newPosts: 0, error: msg };
  }
  if (source.kind === 'statuspage') posts = [...posts, ...(await componentChanges(ctx, source, text, at))];
  const { kept, dropped } = capItems(posts, ctx.config.queue.max_items_per_poll);
  if (dropped) ctx.log.warn({ source: source.id, items: posts.length, kept: kept.length, dropped }, 'poll cut to the per-poll item cap');
  const fresh = await storeAndQueue(ctx, source, kept, at);
  await recordPoll(ctx.db, source.id, { ...common, changed: fresh > 0, new_posts: fresh, dropped });
  return { outcome: 'ok', newPosts: fresh };
}

/**
 * Records on a source that its poll job failed every attempt (an internal failure such as the
 * store refusing a write): the source shows `failing` with the error, and its next poll is
 * pushed back like any failed fetch, so one bad poll never silences it.
 */
export async function recordIngestFailure(ctx: AppContext, deps: PipelineDeps, sourceId: string, error: string): Promise<void> {
  const source = await getSource(ctx.db, sourceId);
  if (!source) return;
  const delay = nextPollDelay({ intervalMs: source.interval_ms, consecutiveFailures: source.consecutive_failures + 1 }, { random: deps.random, minDelayMs: Math.min(10_000, source.interval_ms) });
  const at = new Date(ctx.clock.now()).toISOString();
  await recordPoll(ctx.db, source.id, { at, ok: false, error, next_poll_at: new Date(ctx.clock.now() + delay).toISOString() });
}

/** Official posts for component status changes since the last poll; saves the new state. */
async function componentChanges(ctx: AppContext, source: SourceState, text: string, at: string): Promise<Post[]> {
  const now = readComponentStates(text);
  if (!now) return [];
  const key = `components:${source.id}`;
  const before = await getState<ComponentState[]>(ctx.db, key);
  await putState(ctx.db, key, now, at);
  return componentChangePosts(source.id, source.provider, before, now, at);
}

/**
 * Stores posts once and queues for analysis every one of them that has no signal yet, not only
 * the new ones: a crash between storing and queueing is healed by the next poll.
 */
export async function storeAndQueue(ctx: AppContext, source: Pick<SourceState, 'id' | 'tier' | 'provider'>, posts: Post[], atIso: string): Promise<number> {
  const shaped = posts.map((p) => ({ ...p, kind: kindForTier(source.tier, p.kind), provider: p.provider ?? source.provider }));
  const fresh = await insertPosts(ctx.db, source.id, source.tier, shaped, atIso);
  const pending = await unanalyzed(ctx.db, shaped.map((p) => p.id));
  await ctx.queues.addBulk('analyze', pending.map((postId) => ({ postId })), fairPriorities(pending.length));
  if (fresh.length) ctx.metrics.postsIngested.inc({ source: source.id }, fresh.length);
  return fresh.length;
}
