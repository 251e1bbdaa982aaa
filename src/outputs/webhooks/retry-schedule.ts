/**
 * When to try again after a failed attempt. The delays follow the Standard Webhooks example
 * schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, then 10 h once more): about 33 hours of retries,
 * long enough to ride out a receiver's own outage. Jitter spreads retries so a receiver that
 * comes back is not hit by every queued message in the same second.
 */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = Object.freeze([
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
]);

/** The first try plus one per schedule entry. */
export const MAX_ATTEMPTS = DEFAULT_RETRY_SCHEDULE_MS.length + 1;

/** ±20 %. */
export const DEFAULT_JITTER = 0.2;

/** A receiver's Retry-After is honoured up to this; past it we keep our own schedule. */
export const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

export interface RetryDelayOptions {
  schedule?: readonly number[];
  /** Fraction either side of the scheduled delay. */
  jitter?: number;
  /** In [0, 1); injected so tests get exact delays. */
  random?: () => number;
  /** From the failed response's Retry-After header. */
  retryAfterMs?: number;
}

/**
 * The wait before the next attempt after attempt number `failedAttempt` (1-based) failed: the
 * schedule's entry with jitter, or the receiver's Retry-After when that is longer (capped at a
 * day so a hostile header cannot park a message forever). Past the schedule's end, its last
 * entry repeats.
 *
 * @example
 * retryDelayMs(1, { random: () => 0.5 })                        // 5000
 * retryDelayMs(1, { random: () => 0.5, retryAfterMs: 120_000 }) // 120000
 */
export function retryDelayMs(failedAttempt: number, opts: RetryDelayOptions = {}): number {
  const schedule = opts.schedule ?? DEFAULT_RETRY_SCHEDULE_MS;
  const jitter = opts.jitter ?? DEFAULT_JITTER;
  const random = opts.random ?? Math.random;
  const base = schedule[Math.min(Math.max(failedAttempt, 1), schedule.length) - 1] ?? 0;
  const jittered = Math.round(base * (1 + jitter * (2 * random() - 1)));
  const asked = opts.retryAfterMs === undefined ? 0 : Math.min(opts.retryAfterMs, MAX_RETRY_AFTER_MS);
  return Math.max(jittered, asked, 0);
}
