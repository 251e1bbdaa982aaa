/**
 * What a live source hands back to the pipeline. A polled live source reads (fetches, pages,
 * counts its reads) and parses; it never stores a post nor records the poll: the pipeline
 * stores the posts, queues them for analysis and records the outcome (src/pipeline/), so
 * nothing under src/sources/ depends on the pipeline. Streams have no poll to return from:
 * they are given a PostSink, and save their own cursor.
 */
import type { Post } from '../../domain/post.js';

/** One poll of a polled live source (X, Mastodon) that ran to its end. */
export interface LivePoll {
  /**
   * The posts read, one array per page, in the order the pages were read. The pipeline stores
   * them page after page (each page's analysis jobs get their own fair-share priorities, as
   * when each page was stored on arrival), and only then saves the cursor.
   */
  pages: Post[][];
  /** The cursor to save once every page is stored; absent: the saved one stays. */
  cursor?: string;
  facts: LivePollFacts;
  /**
   * The source is not one this poller can read (not configured as such, no URL): nothing was
   * read and nothing is recorded on the source; the reason is returned to the caller.
   */
  skipped?: string;
}

/** What the poll learned about when to poll next, beyond the source's interval. */
export interface LivePollFacts {
  /**
   * The poll could not run, or stopped early, for a reason that is not the server failing (no
   * credentials, the monthly read budget spent): recorded as the source's error, with
   * `nextPollAt` as the next poll.
   */
  stopped?: string;
  /** The next poll is at this instant (ISO), not by the interval rule. */
  nextPollAt?: string;
  /** The next poll is not before this instant (ISO): a rate-limit window that resets then. */
  notBefore?: string;
}

/**
 * A poll that failed. `pages` holds what was read before the failure: the pipeline stores it
 * (the cursor stays, so the next poll reads those pages again and the store ignores them).
 */
export class LivePollError extends Error {
  override name = 'LivePollError';
  /** `parse`: the answer could not be read (counts toward pausing the source); `fetch`: anything else. */
  readonly kind: 'fetch' | 'parse';
  /** The fetch-outcome label for metrics (`network`, `http_500`, `rate_limited`, …). */
  readonly code: string;
  readonly pages: Post[][];
  /** Retry-After or an equivalent wait, in ms. */
  readonly retryAfterMs?: number;
  /** The next poll is at this instant (ISO), not by the back-off rule. */
  readonly nextPollAt?: string;
  /** The log line's message (default `fetch failed` / `parse failed`). */
  readonly logMessage?: string;

  constructor(
    message: string,
    o: { kind: 'fetch' | 'parse'; code?: string; pages?: Post[][]; retryAfterMs?: number; nextPollAt?: string; logMessage?: string },
  ) {
    super(message);
    this.kind = o.kind;
    this.code = o.code ?? (o.kind === 'parse' ? 'parse' : 'network');
    this.pages = o.pages ?? [];
    if (o.retryAfterMs !== undefined) this.retryAfterMs = o.retryAfterMs;
    if (o.nextPollAt !== undefined) this.nextPollAt = o.nextPollAt;
    if (o.logMessage !== undefined) this.logMessage = o.logMessage;
  }
}

/** Where a live source is, for storing its posts: its id, trust tier and provider. */
export interface PostSinkSource {
  id: string;
  tier: string;
  provider: string | null;
}

/**
 * Stores posts once and queues them for analysis; resolves with how many were new. The
 * long-lived streams (Jetstream, the X filtered stream) are given one by the pipeline, because
 * they receive posts whenever the server sends them, not when a poll asks.
 */
export type PostSink = (source: PostSinkSource, posts: Post[], atIso: string) => Promise<number>;

/** A long-lived consumer (a stream): stop() closes it, waits for what it received to be stored, saves its cursor. */
export interface LiveHandle {
  stop(): Promise<void>;
}
