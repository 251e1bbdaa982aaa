import type { Signal } from '../domain/incident.js';

/**
 * When a signal happened for the incident's timestamps: the post's own time, but never later
 * than the injected clock's now (a post dated in the future must not stretch the incident).
 */
export function eventTime(signal: Pick<Signal, 'published_at'>, now: number): number {
  const t = ms(signal.published_at);
  return Number.isFinite(t) ? Math.min(t, now) : now;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Date.parse, memoised (bounded): the same evidence timestamps are read on every new signal. */
export function ms(isoTime: string): number {
  const hit = parsed.get(isoTime);
  if (hit !== undefined) return hit;
  const t = Date.parse(isoTime);
  if (parsed.size >= MEMO_LIMIT) parsed.clear();
  parsed.set(isoTime, t);
  return t;
}

const MEMO_LIMIT = 50_000;
const parsed = new Map<string, number>();
