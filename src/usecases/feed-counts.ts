import type { Incident, IncidentState } from '../domain/incident.js';

/**
 * The feed's counts, from one place: open incidents by status, and the ones closed within the
 * window. The page shows these numbers in its headings and in "At a glance", and lists at most a
 * page of each, so every number it shows is this one and never the length of a truncated list.
 */
export interface FeedCounts {
  suspected: number;
  corroborated: number;
  confirmed: number;
  /** Open: suspected + corroborated + confirmed. */
  open: number;
  /** Closed at or after `closed_since` (by their last change, as `since` filters the feed). */
  resolved: number;
  faded: number;
  closed_since: string;
}

export const CLOSED_WINDOW_HOURS = 24;

export function countIncidents(incidents: readonly Incident[], closedSince: string): FeedCounts {
  const by: Record<IncidentState, number> = { watching: 0, suspected: 0, corroborated: 0, confirmed: 0, resolved: 0, faded: 0 };
  for (const i of incidents) {
    const closed = i.status === 'resolved' || i.status === 'faded';
    if (closed && i.updated_at < closedSince) continue;
    by[i.status]++;
  }
  // Watch items are not incidents (the store leaves them out; this keeps them out of the shape too).
  const { watching: _watching, ...perStatus } = by;
  return { ...perStatus, open: by.suspected + by.corroborated + by.confirmed, closed_since: closedSince };
}
