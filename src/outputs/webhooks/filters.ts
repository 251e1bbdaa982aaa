import { CLOSED_STATES, OPEN_STATES, type Incident, type IncidentState } from '../../domain/incident.js';
import type { IncidentEvent } from '../../store/incidents-repo.js';
import type { WebhookFilters } from './schemas.js';

/** How certain a status is: its place in OPEN_STATES (suspected < corroborated < confirmed); -1 when not open. */
const certaintyOf = (s: string): number => (OPEN_STATES as readonly string[]).indexOf(s);
const CLOSED: ReadonlySet<IncidentState> = new Set(CLOSED_STATES);

export interface FilterFacts {
  event: Pick<IncidentEvent, 'type' | 'status'>;
  incident: Pick<Incident, 'provider' | 'components' | 'confidence'>;
  /** The impact map names at least one of our features for this incident. */
  affectsUs: boolean;
  /** The subscription was sent an earlier message about this incident. */
  sentBefore: boolean;
  /** Whether a filter's component names one the incident names (the catalog knows aliases); default: the same word, any case. */
  sameComponent?: (wanted: string, named: string) => boolean;
}

const sameWord = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A resolution or fade (by type, or a change to a closed status): sent only to those told before. */
export function closesIncident(event: Pick<IncidentEvent, 'type' | 'status'>): boolean {
  return event.type === 'resolved' || event.type === 'faded' || CLOSED.has(event.status);
}

/**
 * Whether a subscription wants this incident event. Deliberately simple:
 *
 * | event                         | sent before | delivered?                                    |
 * |-------------------------------|-------------|-----------------------------------------------|
 * | resolved / faded (type or status) | yes     | yes, whatever the filters say now             |
 * | resolved / faded              | no          | no: news of an end for something never announced |
 * | opened / changed              | -           | when every filter below passes                |
 *
 * Filters (all must pass; an empty list means "any"):
 * - providers: the incident's provider is listed
 * - components: the incident names one of them (case-insensitive, by any name the catalog knows
 *   for it); an incident that names no component yet does not match a non-empty list
 * - min_status: the event's status is at least this certain (suspected < corroborated < confirmed)
 * - min_confidence: the incident's confidence is at least this
 * - affects_us_only: the impact map links the incident to one of our features
 *
 * A subscriber with min_status "confirmed" therefore gets nothing while an incident is only
 * suspected, then a "changed" message when it is confirmed, then its resolution.
 *
 * @example
 * wantsEvent(sub.filters, { event, incident, affectsUs: true, sentBefore: false }) // true
 */
export function wantsEvent(filters: WebhookFilters, facts: FilterFacts): boolean {
  const { event, incident } = facts;
  if (closesIncident(event)) return facts.sentBefore;

  if (filters.providers.length && !filters.providers.includes(incident.provider)) return false;
  if (filters.components.length) {
    const same = facts.sameComponent ?? sameWord;
    if (!filters.components.some((c) => incident.components.some((named) => same(c, named)))) return false;
  }
  const certainty = certaintyOf(event.status);
  if (certainty < 0 || certainty < certaintyOf(filters.min_status)) return false;
  if (incident.confidence < filters.min_confidence) return false;
  if (filters.affects_us_only && !facts.affectsUs) return false;
  return true;
}
