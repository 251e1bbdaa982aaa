/**
 * The ingest stage for live sources: polls of `twitter` and `mastodon` sources (read through
 * their APIs with a since_id cursor, not as one document), and the streams this process runs.
 * The sources read and parse (src/sources/live/); this stores what they read, page after page,
 * and then records the outcome, the cursor included, so the cursor never passes a post that
 * is not stored.
 */
import type { AppContext } from '../app/context.js';
import type { Post } from '../domain/post.js';
import { getSource, listSources, type SourceState } from '../store/sources-repo.js';
import { LivePollError, pollLiveSource, startLiveSources, type LiveDeps, type LiveSources } from '../sources/live/index.js';
import { recordOutcome, type IngestResult, type PollOutcome } from './record-outcome.js';
import { postSink, storeAndQueue } from './store-posts.js';

/**
 * One poll of a `twitter` or `mastodon` source: reads what is new since the cursor, stores it,
 * queues it for analysis, and records the outcome and the next poll on the source. Never throws
 * for a failed fetch.
 */
export async function pollSocialSource(ctx: AppContext, deps: LiveDeps, sourceId: string): Promise<IngestResult> {
  const source = await getSource(ctx.db, sourceId);
  if (!source || !source.enabled || source.paused) return { outcome: 'skipped', newPosts: 0 };
  const at = new Date(ctx.clock.now()).toISOString();
  let outcome: PollOutcome;
  try {
    const read = await pollLiveSource(ctx, deps, source);
    if (read.skipped) return { outcome: 'skipped', newPosts: 0, error: read.skipped };
    const newPosts = await storePages(ctx, source, read.pages, at);
    const { stopped, nextPollAt, notBefore } = read.facts;
    outcome = stopped
      ? { type: 'stopped', error: stopped, newPosts, nextPollAt: nextPollAt ?? at }
      : {
          type: 'ok',
          newPosts,
          ...(read.cursor !== undefined ? { cursor: read.cursor } : {}),
          ...(nextPollAt ? { nextPollAt } : {}),
          ...(notBefore ? { notBefore } : {}),
        };
  } catch (err) {
    if (!(err instanceof LivePollError)) throw err;
    // What was read before the failure is stored; the cursor stays, so it is read again.
    const newPosts = await storePages(ctx, source, err.pages, at);
    outcome =
      err.kind === 'parse'
        ? { type: 'parse-error', error: err.message, newPosts }
        : {
            type: 'fetch-error',
            error: err.message,
            code: err.code,
            newPosts,
            ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}),
            ...(err.nextPollAt !== undefined ? { nextPollAt: err.nextPollAt } : {}),
            ...(err.logMessage !== undefined ? { logMessage: err.logMessage } : {}),
          };
  }
  return recordOutcome(ctx, deps.random, source, at, outcome);
}

/** Stores pages in the order they were read, each as its own batch; the number of new posts. */
async function storePages(ctx: AppContext, source: SourceState, pages: Post[][], at: string): Promise<number> {
  let fresh = 0;
  for (const posts of pages) fresh += await storeAndQueue(ctx, source, posts, at);
  return fresh;
}

/**
 * Starts this process's streams (Jetstream, the X filtered stream), storing through the pipeline.
 * A stream's source disabled while running stores nothing from then on, and a trust tier changed
 * while running applies to what it stores next: the source's row is read at each store. (Its
 * connection stays open until the next start; `asRunning` then leaves it closed.)
 */
export function startLiveStreams(ctx: AppContext, deps: LiveDeps): LiveSources {
  const sink = postSink(ctx);
  return startLiveSources(ctx, deps, async (source, posts, atIso) => {
    const row = await getSource(ctx.db, source.id);
    if (row && (!row.enabled || row.paused)) return 0;
    return sink(row ? { ...source, tier: row.tier } : source, posts, atIso);
  });
}

/**
 * The context with sources.yaml as the sources table runs it, after the configuration sync and
 * the runtime overrides: what the streams are started from, so a stream disabled at runtime
 * stays closed at the next start, until reset.
 */
export async function asRunning(ctx: AppContext): Promise<AppContext> {
  const rows = new Map((await listSources(ctx.db)).map((r) => [r.id, r]));
  const sources = ctx.config.sources.map((s) => {
    const row = rows.get(s.id);
    return row ? { ...s, enabled: row.enabled && !row.paused, trust: row.tier } : s;
  });
  return { ...ctx, config: { ...ctx.config, sources } };
}
