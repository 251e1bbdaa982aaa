/**
 * When to poll a source next (miniflux ScheduleNextCheck): never sooner than the source's
 * interval, the server's cache lifetime or its Retry-After; longer after failures; with jitter
 * so sources configured alike do not all fire in the same second. Pure: the scheduler passes
 * the facts and, in tests, the random source.
 */
export interface PollFacts {
  /** The source's configured interval. */
  intervalMs: number;
  /** Failed fetches in a row (0 after a success). */
  consecutiveFailures?: number;
  /** Cache-Control max-age / Expires from the last response. */
  cacheMaxAgeMs?: number;
  /** Retry-After from the last 429 / 503. */
  retryAfterMs?: number;
}

export interface NextPollOptions {
  /** Returns [0, 1). Default Math.random. */
  random?: () => number;
  /** ± fraction of the delay. Default 0.1. */
  jitter?: number;
  /** Back-off stops growing here (unless the interval itself is longer). Default 1 h. */
  maxBackoffMs?: number;
  /** Floor for any delay, so a bad config or header cannot make us hammer a host. Default 10 s. */
  minDelayMs?: number;
  /** Ceiling for any delay, so an absurd max-age or Retry-After cannot silence a source. Default 6 h. */
  maxDelayMs?: number;
}

const HOUR = 60 * 60 * 1000;

/**
 * Milliseconds until the next poll.
 *
 * @example
 * nextPollDelay({ intervalMs: 60_000, consecutiveFailures: 3 }, { random: () => 0.5 }) // 480_000
 * nextPollDelay({ intervalMs: 60_000, retryAfterMs: 300_000 }, { random: () => 0.5 })  // 300_000
 */
export function nextPollDelay(facts: PollFacts, options: NextPollOptions = {}): number {
  const random = options.random ?? Math.random;
  const jitter = options.jitter ?? 0.1;
  const maxBackoffMs = options.maxBackoffMs ?? HOUR;
  const minDelayMs = options.minDelayMs ?? 10_000;
  const maxDelayMs = options.maxDelayMs ?? 6 * HOUR;

  const interval = Math.max(0, facts.intervalMs);
  // Exponent capped so 2^failures stays a finite number for a source down for weeks.
  const failures = Math.min(Math.max(0, facts.consecutiveFailures ?? 0), 30);
  const backedOff = failures === 0 ? interval : Math.max(interval, Math.min(interval * 2 ** failures, maxBackoffMs));
  const retryAfter = facts.retryAfterMs ?? 0;
  const base = Math.max(backedOff, facts.cacheMaxAgeMs ?? 0, retryAfter);

  const jittered = base * (1 + jitter * (2 * random() - 1));
  // Jitter may move a poll later than Retry-After but never earlier: that would earn another 429.
  const delay = Math.max(jittered, retryAfter);
  return Math.round(Math.min(maxDelayMs, Math.max(minDelayMs, delay)));
}

/** Parse failures in a row after which a source is paused for a human to look at. */
export const PARSE_FAILURES_BEFORE_PAUSE = 5;

/**
 * A parse failure is not retried (the same bytes fail the same way), but a feed that changed
 * format fails every poll; after a few in a row, stop polling it and say so.
 */
export function shouldPause(consecutiveParseFailures: number, threshold: number = PARSE_FAILURES_BEFORE_PAUSE): boolean {
  return consecutiveParseFailures >= threshold;
}
