import type { Clock } from '../../core/clock.js';
import { nextPollDelay, type PollFacts } from '../../fetch/index.js';
import type { SourceState } from '../../store/sources-repo.js';

/**
 * When a polled social source is due next, on the injected clock: the same rule as document
 * sources (interval, back-off after failures, Retry-After, jitter), so the scheduler treats
 * every source alike.
 */
export function nextPollAt(
  ctx: { clock: Clock },
  source: Pick<SourceState, 'interval_ms'>,
  random: () => number,
  facts: Omit<PollFacts, 'intervalMs'> = {},
): string {
  const delay = nextPollDelay({ intervalMs: source.interval_ms, ...facts }, { random, minDelayMs: Math.min(10_000, source.interval_ms) });
  return new Date(ctx.clock.now() + delay).toISOString();
}

/** The later of two ISO instants. */
export function laterOf(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
