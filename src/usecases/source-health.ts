import type { SourceState } from '../store/sources-repo.js';

/**
 * A source is stale when it has not succeeded for three intervals: a status page that stops
 * answering during a spike of complaints is itself evidence.
 */
export function sourceHealth(s: SourceState, nowMs: number) {
  const lastOk = s.last_success_at ? Date.parse(s.last_success_at) : null;
  const staleness_seconds = lastOk === null ? null : Math.max(0, Math.round((nowMs - lastOk) / 1000));
  const stale = lastOk === null ? s.consecutive_failures > 0 : nowMs - lastOk > 3 * s.interval_ms;
  const state = s.paused ? 'paused' : !s.enabled ? 'disabled' : s.consecutive_failures > 0 ? 'failing' : stale ? 'stale' : lastOk ? 'healthy' : 'pending';
  return { ...s, state, stale, staleness_seconds };
}
