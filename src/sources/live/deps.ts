import type { FetchDeps } from '../../fetch/index.js';
import type { JetstreamDeps } from './bluesky/jetstream.js';
import type { Timers } from './timers.js';
import type { XClient } from './x/client.js';
import type { XStreamEvent, XStreamOptions } from './x/stream.js';

/**
 * Posts per calendar month the X plan lets us read, when nothing else is said. Basic allows
 * more; set `x.monthly_read_budget` to the plan's figure.
 */
export const DEFAULT_X_MONTHLY_READ_BUDGET = 10_000;

export interface XLiveOptions {
  /** A ready client (tests, replay); null: X is off. Absent: made from X_BEARER_TOKEN, if set. */
  client?: XClient | null;
  /** Where the X API is (a replay server), for the client made from X_BEARER_TOKEN; default X_API_BASE_URL. */
  baseUrl?: string;
  monthlyReadBudget?: number;
  /** Posts per request, at most 100. */
  pageSize?: number;
  /** The filtered stream; absent or null: not started. */
  stream?: XStreamOptions | null;
  onStreamEvent?: (e: XStreamEvent) => void;
}

/**
 * What the live sources are given: the fetch parts and jitter (the pipeline's PipelineDeps has
 * them), and what tests and replay may set.
 */
export interface LiveDeps {
  fetch: FetchDeps;
  /** Returns [0, 1): jitter of the next poll. */
  random: () => number;
  x?: XLiveOptions;
  /** Mastodon paging (tests): statuses per request (at most 40), pages per cycle, and the overlap (overrides the source's). */
  mastodon?: { pageSize?: number; maxPages?: number; overlapMs?: number };
  timers?: Timers;
  jetstream?: Partial<Pick<JetstreamDeps, 'rewindMs' | 'saveEveryMs' | 'silenceMs' | 'onEvent'>> & {
    /** Accounts to follow per bluesky source id (Jetstream wantedDids). */
    wantedDids?: Record<string, readonly string[]>;
  };
  /** Hold a Redis lock per stream so that one process at most consumes it. Default true. */
  exclusive?: boolean;
}
