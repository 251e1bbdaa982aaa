/**
 * The one place a poll's outcome is written on its source: health (last success, failures in a
 * row, last error, paused), the cursor, and when to poll next. Document polls (ingest.ts) and
 * live polls (ingest-live.ts) both end here, so every kind follows the same rules: the interval
 * with back-off and jitter, Retry-After and cache lifetimes, pausing after repeated parse
 * failures, one metric and one log line per failure.
 */
import type { AppContext } from '../app/context.js';
import { shouldPause } from '../fetch/index.js';
import { laterOf, nextPollAt } from '../sources/live/schedule.js';
import { recordPoll, type SourceState } from '../store/sources-repo.js';

export interface IngestResult {
  outcome: 'ok' | 'not-modified' | 'unchanged' | 'fetch-error' | 'parse-error' | 'skipped';
  newPosts: number;
  error?: string;
}

/** What happened in one poll, as the recorder needs it. */
export type PollOutcome =
  /** Read and stored (or nothing new): the source is healthy. */
  | {
      type: 'ok' | 'not-modified' | 'unchanged';
      newPosts: number;
      /** Whether the document changed (a change is recorded as `last_change_at`); default: new posts came. */
      changed?: boolean;
      cursor?: string;
      etag?: string | null;
      lastModified?: string | null;
      contentHash?: string;
      /** Items left out by the per-poll cap. */
      dropped?: number;
      cacheMaxAgeMs?: number;
      /** The next poll is at this instant, not by the interval rule. */
      nextPollAt?: string;
      /** The next poll is not before this instant. */
      notBefore?: string;
    }
  /** The poll did not run or stopped early (no credentials, budget spent, not pollable). */
  | { type: 'stopped'; error: string; newPosts: number; nextPollAt: string; pause?: boolean }
  /** The fetch failed (network, HTTP status, rate limit). `code` labels the fetch metric. */
  | { type: 'fetch-error'; error: string; code: string; newPosts: number; retryAfterMs?: number; nextPollAt?: string; logMessage?: string }
  /** The answer could not be read: counts toward pausing the source. */
  | { type: 'parse-error'; error: string; newPosts: number }
  /** The poll job itself failed every attempt (the store refused a write, …). */
  | { type: 'job-failed'; error: string };

/**
 * Records one poll of `source` that started at `at` (ISO) and says what the ingest job
 * returns. Never throws for the outcome itself; a store failure propagates (the job retries).
 */
export async function recordOutcome(ctx: AppContext, random: () => number, source: SourceState, at: string, o: PollOutcome): Promise<IngestResult> {
  const failures = source.consecutive_failures + 1;
  switch (o.type) {
    case 'ok':
    case 'not-modified':
    case 'unchanged': {
      let next = o.nextPollAt ?? nextPollAt(ctx, source, random, { cacheMaxAgeMs: o.cacheMaxAgeMs });
      if (o.notBefore) next = laterOf(next, o.notBefore);
      await recordPoll(ctx.db, source.id, {
        at,
        ok: true,
        next_poll_at: next,
        ...(o.etag !== undefined ? { etag: o.etag } : {}),
        ...(o.lastModified !== undefined ? { last_modified: o.lastModified } : {}),
        ...(o.contentHash !== undefined ? { content_hash: o.contentHash } : {}),
        ...(o.cursor !== undefined ? { cursor: o.cursor } : {}),
        ...(o.type === 'ok' ? { changed: o.changed ?? o.newPosts > 0, new_posts: o.newPosts } : {}),
        ...(o.dropped !== undefined ? { dropped: o.dropped } : {}),
      });
      return { outcome: o.type, newPosts: o.newPosts };
    }
    case 'stopped':
      await recordPoll(ctx.db, source.id, { at, ok: false, error: o.error, next_poll_at: o.nextPollAt, ...(o.pause ? { pause: true } : {}) });
      return { outcome: 'skipped', newPosts: o.newPosts, error: o.error };
    case 'fetch-error': {
      ctx.metrics.fetches.inc({ source: source.id, outcome: o.code });
      const next = o.nextPollAt ?? nextPollAt(ctx, source, random, { consecutiveFailures: failures, retryAfterMs: o.retryAfterMs });
      await recordPoll(ctx.db, source.id, { at, ok: false, error: o.error, next_poll_at: next });
      if (o.logMessage) ctx.log.warn({ source: source.id, err: o.error, next }, o.logMessage);
      else ctx.log.warn({ source: source.id, code: o.code, err: o.error }, 'fetch failed');
      return { outcome: 'fetch-error', newPosts: o.newPosts, error: o.error };
    }
    case 'parse-error': {
      const pause = shouldPause(source.parse_failures + 1);
      const next = nextPollAt(ctx, source, random, { consecutiveFailures: failures });
      await recordPoll(ctx.db, source.id, { at, ok: false, error: o.error, parse_failed: true, pause, next_poll_at: next });
      ctx.log.warn({ source: source.id, err: o.error, paused: pause }, pause ? 'source paused after repeated parse failures' : 'parse failed');
      return { outcome: 'parse-error', newPosts: o.newPosts, error: o.error };
    }
    case 'job-failed':
      await recordPoll(ctx.db, source.id, { at, ok: false, error: o.error, next_poll_at: nextPollAt(ctx, source, random, { consecutiveFailures: failures }) });
      return { outcome: 'fetch-error', newPosts: 0, error: o.error };
  }
}
