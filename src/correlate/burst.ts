/**
 * Burst detection: many weak complaints at once are strong evidence even when no single post
 * is. Complaints about one provider are counted in fixed buckets (5 min) and each finished
 * bucket is compared with what is normal for that hour of the week (UTC): Monday 09:00 is
 * noisier than Sunday 04:00.
 *
 * Baseline per hour-of-week slot: an exponentially weighted mean and variance of bucket counts
 * (EWMA, weight `alpha` per bucket, so roughly the last `1/alpha` buckets of that slot count).
 * A bucket is a burst when
 *
 *   count ≥ max(minCount, mean + k · max(sd, √mean, 1))
 *
 * √mean is the Poisson spread of rare counts (a slot that saw 0,0,0 has sd 0, and 1 complaint
 * must not be "infinitely" unusual); minCount is the floor below which we never call a burst,
 * whatever the baseline. Counts folded into the baseline are capped at the threshold, so an
 * outage does not teach the detector that outages are normal.
 *
 * Pure: state in, state out, JSON-serialisable, one state per provider; the caller stores it.
 * Time comes from the caller (the injected clock), never from Date.now().
 */

const MINUTE = 60_000;
const SLOTS = 7 * 24;

export interface BurstConfig {
  bucketMs: number;
  alpha: number;
  k: number;
  minCount: number;
  /** After a long gap, at most this many empty buckets are folded (one week covers every slot). */
  maxCatchUpBuckets: number;
}

export const DEFAULT_BURST_CONFIG: BurstConfig = {
  bucketMs: 5 * MINUTE,
  alpha: 0.1,
  k: 3,
  minCount: 5,
  maxCatchUpBuckets: (7 * 24 * 60) / 5,
};

export interface BurstState {
  /** Start of the bucket being counted (ms), or null before the first complaint. */
  bucketStart: number | null;
  count: number;
  /** The bucket just before it, so a burst does not vanish the instant a new bucket starts. */
  previous: { start: number; count: number } | null;
  /** Per hour of the week (0 = Sunday 00:00 UTC): EWMA of bucket counts and their variance. */
  mean: number[];
  variance: number[];
}

export interface BurstReading {
  burst: boolean;
  /** Complaints in the bucket that decided (the current one, or the one before if that burst). */
  count: number;
  /** The baseline mean for that bucket's hour of the week. */
  expected: number;
  threshold: number;
}

export function emptyBurstState(): BurstState {
  return { bucketStart: null, count: 0, previous: null, mean: new Array<number>(SLOTS).fill(0), variance: new Array<number>(SLOTS).fill(0) };
}

/**
 * Counts one complaint at `at` (`weight` 1; weak evidence counts less). Complaints older than the
 * current bucket count in it (history is not rewritten).
 */
export function recordComplaint(state: BurstState, at: number, config: BurstConfig = DEFAULT_BURST_CONFIG, weight = 1): BurstState {
  const s = advanceTo(state, at, config);
  return { ...s, count: s.count + weight };
}

/** Moves the state to the bucket holding `now`, folding every finished bucket into the baseline. */
export function advanceTo(state: BurstState, now: number, config: BurstConfig = DEFAULT_BURST_CONFIG): BurstState {
  const target = bucketOf(now, config);
  if (state.bucketStart === null) return { ...state, bucketStart: target, count: 0, previous: null };
  if (target <= state.bucketStart) return state;

  const mean = [...state.mean];
  const variance = [...state.variance];
  fold(mean, variance, state.bucketStart, state.count, config);
  const gap = Math.round((target - state.bucketStart) / config.bucketMs);
  const empties = Math.min(gap - 1, config.maxCatchUpBuckets);
  for (let i = 1; i <= empties; i++) fold(mean, variance, target - i * config.bucketMs, 0, config);
  const previous = { start: target - config.bucketMs, count: gap === 1 ? state.count : 0 };
  return { bucketStart: target, count: 0, previous, mean, variance };
}

/** Whether complaints are bursting at `now`: in the current bucket, or in the one just finished. */
export function burstAt(state: BurstState, now: number, config: BurstConfig = DEFAULT_BURST_CONFIG): BurstReading {
  const s = advanceTo(state, now, config);
  const current = reading(s, s.bucketStart ?? bucketOf(now, config), s.count, config);
  if (current.burst || !s.previous) return current;
  const before = reading(s, s.previous.start, s.previous.count, config);
  return before.burst ? before : current;
}

export function thresholdFor(state: Pick<BurstState, 'mean' | 'variance'>, at: number, config: BurstConfig = DEFAULT_BURST_CONFIG): number {
  const slot = hourOfWeek(at);
  const mean = state.mean[slot] ?? 0;
  const sd = Math.sqrt(state.variance[slot] ?? 0);
  return Math.max(config.minCount, mean + config.k * Math.max(sd, Math.sqrt(mean), 1));
}

/** 0 … 167: Sunday 00:00-00:59 UTC is 0. */
export function hourOfWeek(at: number): number {
  const d = new Date(at);
  return d.getUTCDay() * 24 + d.getUTCHours();
}

function reading(state: BurstState, start: number, count: number, config: BurstConfig): BurstReading {
  const threshold = thresholdFor(state, start, config);
  return { burst: count >= threshold, count, expected: state.mean[hourOfWeek(start)] ?? 0, threshold };
}

function bucketOf(at: number, config: BurstConfig): number {
  return Math.floor(at / config.bucketMs) * config.bucketMs;
}

/** EWMA update of one slot (West's incremental form), with the count capped at the threshold. */
function fold(mean: number[], variance: number[], start: number, count: number, config: BurstConfig): void {
  const slot = hourOfWeek(start);
  const x = Math.min(count, thresholdFor({ mean, variance }, start, config));
  const m = mean[slot] ?? 0;
  const diff = x - m;
  mean[slot] = m + config.alpha * diff;
  variance[slot] = (1 - config.alpha) * ((variance[slot] ?? 0) + config.alpha * diff * diff);
}
