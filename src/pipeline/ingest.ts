import { createHash } from 'node:crypto';
import type { AppContext } from '../app/context.js';
import type { Post } from '../domain/post.js';
import { fetchDocument, FetchError } from '../fetch/index.js';
import { ParseError, type ParseContext } from '../sources/adapter.js';
import { isDocumentPolled, type DocumentPlugin } from '../sources/plugin.js';
import { pluginFor } from '../sources/registry.js';
import { decodeDocument } from '../sources/decode.js';
import { getSource, type SourceState } from '../store/sources-repo.js';
import { storedPostIds } from '../store/posts-repo.js';
import type { PipelineDeps } from './deps.js';
import { componentChangePosts, type ComponentState } from '../sources/component-state.js';
import { getState, putState } from '../store/kv-repo.js';
import { isSocialPolledKind } from '../sources/live/index.js';
import { capItems } from './fair-share.js';
import { pollSocialSource } from './ingest-live.js';
import { recordOutcome, type IngestResult } from './record-outcome.js';
import { storeAndQueue } from './store-posts.js';
import { pacedSource } from './poll-pace.js';
import { withdrawnItems } from './withdrawn-items.js';
import { closingUpdates } from './closing-updates.js';
import { shownOpenings } from './shown-openings.js';
import { incidentsBetweenPolls, readRecentIncidents } from './between-polls.js';

/**
 * One poll of one source: fetch (conditional), parse with the real adapter, store new posts once,
 * queue them for analysis, and record the outcome on the source, including when to poll next.
 * A failed fetch or parse is recorded, never thrown: the scheduler decides the retry.
 */
export async function ingestSource(ctx: AppContext, deps: PipelineDeps, sourceId: string): Promise<IngestResult> {
  const stored = await getSource(ctx.db, sourceId);
  if (!stored || !stored.enabled || stored.paused) return { outcome: 'skipped', newPosts: 0 };
  // Kinds read through their APIs with a cursor (X, Mastodon) bring their own reader.
  if (isSocialPolledKind(stored.kind)) return pollSocialSource(ctx, deps, sourceId);
  // Its next poll is timed at the busy interval while its provider has an incident or a burst.
  const source = await pacedSource(ctx, stored);
  const at = new Date(ctx.clock.now()).toISOString();
  const plugin = pluginFor(source.kind);
  const adapter = plugin && isDocumentPolled(plugin) ? plugin : undefined;
  if (!source.url || !adapter) {
    // Not pollable (a stream kind): pause it so the scheduler stops offering it, and say why.
    const error = `source ${source.id}: kind ${source.kind} is not polled`;
    return recordOutcome(ctx, deps.random, source, at, { type: 'stopped', error, newPosts: 0, pause: true, nextPollAt: at });
  }

  let res;
  const started = process.hrtime.bigint();
  try {
    res = await fetchDocument(
      { url: source.url, sourceId: source.id, etag: source.etag ?? undefined, lastModified: source.last_modified ?? undefined },
      deps.fetch,
    );
  } catch (err) {
    const e = err instanceof FetchError ? err : new FetchError('network', source.url, (err as Error).message, { sourceId: source.id });
    return recordOutcome(ctx, deps.random, source, at, {
      type: 'fetch-error',
      error: e.message,
      code: e.code,
      newPosts: 0,
      ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}),
    });
  } finally {
    ctx.metrics.fetchSeconds.observe({ source: source.id }, Number(process.hrtime.bigint() - started) / 1e9);
  }

  if (res.notModified) {
    ctx.metrics.fetches.inc({ source: source.id, outcome: 'not_modified' });
    return recordOutcome(ctx, deps.random, source, at, {
      type: 'not-modified',
      newPosts: 0,
      ...(res.cacheMaxAgeMs !== undefined ? { cacheMaxAgeMs: res.cacheMaxAgeMs } : {}),
    });
  }
  ctx.metrics.fetches.inc({ source: source.id, outcome: 'ok' });
  const text = decodeDocument(res.body, res.contentType);
  const hash = createHash('sha256').update(text).digest('hex');
  const fetched = {
    etag: res.etag ?? null,
    lastModified: res.lastModified ?? null,
    contentHash: hash,
    ...(res.cacheMaxAgeMs !== undefined ? { cacheMaxAgeMs: res.cacheMaxAgeMs } : {}),
  };
  if (hash === source.content_hash) return recordOutcome(ctx, deps.random, source, at, { type: 'unchanged', newPosts: 0, ...fetched });

  let posts: Post[];
  const parseContext: ParseContext = {
    origin: source.url,
    provider: source.provider,
    resolveProvider: (h) => ctx.config.catalog.resolve(h),
    readAt: at,
    official: source.tier === 'official',
    skipped: (problem) =>
      ctx.log.warn(
        { source: source.id, problem },
        'part of the document could not be read (the problem says whether the item was left out or kept without it)',
      ),
  };
  try {
    posts = await adapter.parse(text, parseContext);
  } catch (err) {
    const error = err instanceof ParseError ? `${source.url}: ${err.message}` : `${source.url}: adapter failed: ${(err as Error).message}`;
    return recordOutcome(ctx, deps.random, source, at, { type: 'parse-error', error, newPosts: 0 });
  }
  // An incident the page listed as going on and no longer lists has been ended by its removal.
  // Asked only when the source had incidents going on: it reads the document once more.
  const withdrawn = await withdrawnItems(ctx, source, posts, at, () => adapter.listsAllGoingOn?.(text) === true);
  // The page changed since it was last read: its list of recent incidents, ended ones included.
  const recent = await readRecentIncidents(ctx, deps, adapter, source, text, parseContext, at);
  // Where the page keeps each incident's closing update (that list, or the incident's own document): when and how.
  const ended = await closingUpdates(ctx, deps, adapter, source, withdrawn, parseContext, recent?.posts ?? []);
  // An incident that opened and ended between two polls: the update that had it going on.
  const openings = await shownOpenings(ctx, adapter, source, posts);
  // One the page listed only between two polls (or wrote up after the fact), from the same list.
  const between = await incidentsBetweenPolls(ctx, source, posts, recent);
  posts = [...posts, ...(await componentChanges(ctx, adapter, source, text, at)), ...ended, ...openings, ...between];
  const { kept, dropped } = await capNewItems(ctx, posts);
  if (dropped) ctx.log.warn({ source: source.id, items: posts.length, kept: kept.length, dropped }, 'poll cut to the per-poll item cap');
  const fresh = await storeAndQueue(ctx, source, kept, at);
  return recordOutcome(ctx, deps.random, source, at, { type: 'ok', newPosts: fresh, dropped, ...fetched });
}

/**
 * The per-poll cap, counted over the items not stored yet: a page that lists its whole history
 * (Google Cloud's incidents.json, hundreds of incidents) brings every stored update again at
 * each change, and capping those flagged the source as cut at every poll while nothing new was
 * lost. Stored items pass (storing them again is nothing; an unanalyzed one is queued again), the
 * new ones are capped newest first; a history longer than the cap is stored over the next
 * changed polls, newest first.
 */
async function capNewItems(ctx: AppContext, posts: Post[]): Promise<{ kept: Post[]; dropped: number }> {
  if (posts.length <= ctx.config.queue.max_items_per_poll) return { kept: posts, dropped: 0 };
  const stored = await storedPostIds(
    ctx.db,
    posts.map((p) => p.id),
  );
  const capped = capItems(
    posts.filter((p) => !stored.has(p.id)),
    ctx.config.queue.max_items_per_poll,
  );
  const keep = new Set(capped.kept);
  return { kept: posts.filter((p) => stored.has(p.id) || keep.has(p)), dropped: capped.dropped };
}

/**
 * Records on a source that its poll job failed every attempt (an internal failure such as the
 * store refusing a write): the source shows `failing` with the error, and its next poll is
 * pushed back like any failed fetch, so one bad poll never silences it.
 */
export async function recordIngestFailure(ctx: AppContext, deps: PipelineDeps, sourceId: string, error: string): Promise<void> {
  const source = await getSource(ctx.db, sourceId);
  if (!source) return;
  await recordOutcome(ctx, deps.random, source, new Date(ctx.clock.now()).toISOString(), { type: 'job-failed', error });
}

/** Official posts for component status changes since the last poll, for a kind whose documents show them; saves the new state. */
async function componentChanges(ctx: AppContext, plugin: DocumentPlugin, source: SourceState, text: string, at: string): Promise<Post[]> {
  const now = plugin.componentStates?.(text) ?? null;
  if (!now) return [];
  const key = `components:${source.id}`;
  const before = await getState<ComponentState[]>(ctx.db, key);
  await putState(ctx.db, key, now, at);
  return componentChangePosts(source, before, now, at, { statesOnly: plugin.statesOnly === true });
}
