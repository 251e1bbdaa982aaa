import type { SourceState } from '../store/sources-repo.js';
import { sourceHealth } from './source-health.js';
import { humanDuration, plural } from '../domain/duration.js';

/**
 * What the feed can see right now. "No active incidents" is only true when the sources answer:
 * with nothing watched, or every source failing or stale, an empty feed means "we cannot tell",
 * and the feed says that first.
 *
 *   none      no source is watched
 *   starting  sources are watched but none has been polled yet
 *   blind     no source gives data (failing, stale or paused)
 *   partial   some sources give no data
 *   ok        every watched source answers
 */
export type CoverageStatus = 'none' | 'starting' | 'blind' | 'partial' | 'ok';

export interface SourceGap {
  id: string;
  provider: string | null;
  state: string;
  last_success_at: string | null;
  last_error: string | null;
}

export interface Coverage {
  status: CoverageStatus;
  watched: number;
  healthy: number;
  failing: number;
  stale: number;
  pending: number;
  never_succeeded: number;
  /** The newest successful poll of any watched source. */
  last_data_at: string | null;
  /** One sentence for people; null when every source answers. */
  message: string | null;
  /** The watched sources that give no data, worst first. */
  gaps: SourceGap[];
}

const NAMED = 3;

/** "for 12 min" since the newest of these successes (each named source has been silent at least that long), or "yet". */
function silentFor(successes: Array<string | null>, nowMs: number): string {
  const times = successes.filter((t): t is string => t !== null).map((t) => Date.parse(t));
  return times.length ? `for ${humanDuration((nowMs - Math.max(...times)) / 1000)}` : 'yet';
}

export function coverageOf(sources: readonly SourceState[], nowMs: number): Coverage {
  const watched = sources.filter((s) => s.enabled).map((s) => sourceHealth(s, nowMs));
  const count = (state: string) => watched.filter((s) => s.state === state).length;
  const healthy = count('healthy');
  const pending = count('pending');
  const okTimes = watched.map((s) => s.last_success_at).filter((t): t is string => t !== null);
  // Failing, stale and paused first (longest silent first), then the ones not polled yet.
  const gaps = watched
    .filter((s) => s.state !== 'healthy')
    .sort(
      (a, b) =>
        Number(a.state === 'pending') - Number(b.state === 'pending') ||
        (a.last_success_at ?? '').localeCompare(b.last_success_at ?? '') ||
        a.id.localeCompare(b.id),
    )
    .map((s) => ({ id: s.id, provider: s.provider, state: s.state, last_success_at: s.last_success_at, last_error: s.last_error }));
  const n = watched.length;
  let status: CoverageStatus;
  let message: string | null;
  if (n === 0) {
    status = 'none';
    message =
      'No source is watched, so nothing is being checked: add sources to sources.yaml in the configuration folder (or while running, with POST /api/v1/sources).';
  } else if (pending === n) {
    status = 'starting';
    message = `Checking ${plural(n, 'source')} for the first time.`;
  } else if (healthy === 0) {
    status = 'blind';
    message = `No data from ${n} of ${plural(n, 'source')} ${silentFor(okTimes, nowMs)}: an empty feed means we cannot tell, not that all is well.`;
  } else if (gaps.length > 0) {
    status = 'partial';
    const names =
      gaps
        .slice(0, NAMED)
        .map((g) => g.id)
        .join(', ') + (gaps.length > NAMED ? ` and ${gaps.length - NAMED} more` : '');
    message = `No data from ${gaps.length} of ${plural(n, 'source')} (${names}) ${silentFor(
      gaps.map((g) => g.last_success_at),
      nowMs,
    )}.`;
  } else {
    status = 'ok';
    message = null;
  }
  return {
    status,
    watched: n,
    healthy,
    failing: count('failing') + count('paused'),
    stale: count('stale'),
    pending,
    never_succeeded: watched.filter((s) => s.last_success_at === null).length,
    last_data_at: okTimes.length ? new Date(Math.max(...okTimes.map((t) => Date.parse(t)))).toISOString() : null,
    message,
    gaps,
  };
}
