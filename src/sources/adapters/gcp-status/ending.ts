/**
 * How a Google Cloud incident ends, and when.
 *
 * GCP sets the incident's `end` once it is over, and usually also posts an AVAILABLE update, but
 * not always: in the real capture, NJJp8jkNzFStMyiJZWWD and QEcZsLuW9bqYZggLZXgS carry an `end`
 * and only a SERVICE_DISRUPTION update. Reading the words alone left such an incident open for
 * ever, so `end` is the authority. When no update says so, the end is a post of its own, with its
 * own id: relabelling the last update instead would not reach the pipeline, which stores a post
 * once by id and has already stored that update as it first read (investigating) before GCP set
 * `end`; nor would a resolution alone open the incident it closes.
 */
import { toIso } from '../../text.js';
import type { GcpIncident, GcpUpdate } from './schema.js';

export interface Ending {
  /**
   * When the incident ended: `end`, else the first AVAILABLE update's time. One time for every
   * resolving post, so a later AVAILABLE (an incident report days after) is not a new end.
   */
  resolvedAt: string | null;
  /**
   * When the page showed an end no update states (an `end`, the newest update not AVAILABLE):
   * the time to publish it at, else null. The record's `modified` (the end was set by then),
   * else the later of `end` and the newest update (the page cannot have said it sooner).
   */
  unstatedEndAt: string | null;
}

export function updateTime(u: GcpUpdate): string | null {
  return toIso(u.when) ?? toIso(u.created) ?? toIso(u.modified);
}

export function isAvailable(u: GcpUpdate): boolean {
  return u.status?.toUpperCase() === 'AVAILABLE';
}

/** The update with the latest time (the first listed on a tie: GCP lists newest first). */
function newest(updates: readonly GcpUpdate[]): { update: GcpUpdate; at: string } | null {
  let best: { update: GcpUpdate; at: string } | null = null;
  for (const update of updates) {
    const at = updateTime(update);
    if (at && (!best || at > best.at)) best = { update, at };
  }
  return best;
}

export function endingOf(inc: GcpIncident): Ending {
  const end = toIso(inc.end);
  const firstAvailable = inc.updates
    .filter(isAvailable)
    .map(updateTime)
    .filter((t): t is string => t !== null)
    .sort()[0];
  const last = newest(inc.updates);
  const unstated = end !== null && !(last && isAvailable(last.update));
  // ISO-8601 UTC strings of one format compare as times.
  const lowerBound = last && last.at > (end ?? '') ? last.at : end;
  const modified = toIso(inc.modified);
  return {
    resolvedAt: end ?? firstAvailable ?? null,
    unstatedEndAt: unstated ? (modified && lowerBound && modified >= lowerBound ? modified : lowerBound) : null,
  };
}
