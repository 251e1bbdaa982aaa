import { isActiveState, type Incident, type IncidentState } from '../domain/incident.js';
import type { CorrelateConfig } from './config.js';
import { ms } from './time.js';

/** What the evidence of one incident (including the new signal) establishes. */
export interface LifecycleFacts {
  /** At least one provider incident is attached and the status page's latest word on every one of them ends it. */
  pageResolved: boolean;
  /** The status page or the provider's own account said there is a problem. */
  providerConfirmed: boolean;
  /** Independent authors enough, or a complaint burst, or a staff/news source. */
  corroborated: boolean;
  /** The new signal alone is strong enough to open an incident (score ≥ openMinScore). */
  credible: boolean;
  /**
   * Enough to call it a suspected incident rather than a watch item: at least two independent
   * authors, a burst over the baseline, or a claim from a trusted tier (not `public`/`unknown`).
   */
  backed: boolean;
  /** The incident so far is a watch item (it never was suspected or further). */
  watchOnly: boolean;
}

/**
 * The next status of an incident (null: none yet) after one more signal, or null when the
 * signal must not open one. Rows are tried top to bottom; the first that matches wins.
 *
 *  #  current                    | page resolved | provider confirmed | corroborated | credible | backed | next
 *  -- ---------------------------|---------------|--------------------|--------------|----------|--------|-------------
 *  1  none                       | yes           | *                  | *            | *        | *      | none: nothing open to resolve
 *  2  none                       | no            | yes                | *            | *        | *      | confirmed: the provider opened it
 *  3  none                       | no            | no                 | yes          | *        | *      | corroborated (a staff or news post, or a burst)
 *  4  none                       | no            | no                 | no           | yes      | yes    | suspected
 *  4w none                       | no            | no                 | no           | yes      | no     | watching: one public author is a watch item
 *  5  none                       | no            | no                 | no           | no       | *      | none: too weak to open anything
 *  6  any                        | yes           | *                  | *            | *        | *      | resolved (the page has the last word)
 *  7  resolved                   | no            | *                  | *            | *        | *      | confirmed: the page reopened its incident
 *  8  confirmed                  | no            | *                  | *            | *        | *      | confirmed: chatter never downgrades
 *  9  watching/susp./corr./faded | no            | yes                | *            | *        | *      | confirmed
 * 10  watching/susp./corr./faded | no            | no                 | yes          | *        | *      | corroborated
 * 11  corroborated               | no            | no                 | no           | *        | *      | corroborated: never downgraded
 * 12  suspected                  | no            | no                 | no           | *        | *      | suspected
 * 12w watching                   | no            | no                 | no           | *        | yes    | suspected: backed now
 * 12x watching                   | no            | no                 | no           | *        | no     | watching
 * 13  faded                      | no            | no                 | no           | yes      | yes, or was an incident | suspected: the chatter came back
 * 13w faded watch item           | no            | no                 | no           | yes      | no     | watching: the lone author is back
 * 14  faded                      | no            | no                 | no           | no       | *      | faded: one weak post does not reopen
 *
 * Row 7 is reachable only through official posts: matchIncident lets a resolved incident take
 * chatter (absorbed by row 6) and official updates of its own provider incidents, nothing else.
 * Faded incidents reach rows 9-14 only within the reopen window (matchIncident).
 */
export function nextStatus(current: IncidentState | null, f: LifecycleFacts): IncidentState | null {
  if (current === null) {
    if (f.pageResolved) return null; //                                                    1
    if (f.providerConfirmed) return 'confirmed'; //                                         2
    if (f.corroborated) return 'corroborated'; //                                           3
    if (!f.credible) return null; //                                                        5
    return f.backed ? 'suspected' : 'watching'; //                                          4, 4w
  }
  if (f.pageResolved) return 'resolved'; //                                                 6
  if (current === 'resolved') return 'confirmed'; //                                        7
  if (current === 'confirmed') return 'confirmed'; //                                       8
  if (f.providerConfirmed) return 'confirmed'; //                                           9
  if (f.corroborated) return 'corroborated'; //                                             10
  if (current === 'corroborated') return 'corroborated'; //                                 11
  if (current === 'suspected') return 'suspected'; //                                       12
  if (current === 'watching') return f.backed ? 'suspected' : 'watching'; //                 12w, 12x
  if (!f.credible) return 'faded'; //                                                       14
  return f.backed || !f.watchOnly ? 'suspected' : 'watching'; //                            13, 13w
}

/**
 * The status an incident takes when time passes with no new signal (sweep).
 *
 *  #  current                | silent for (since last signal) | status page spoke | next
 *  -- -----------------------|--------------------------------|-------------------|-----------
 *  1  watching/susp./corrob. | ≥ fadeMs                       | (never: it would be confirmed) | faded
 *  2  suspected/corroborated | < fadeMs                       | -                 | unchanged
 *  3  confirmed              | ≥ staleConfirmedMs             | no (accounts only) | faded: the provider said something once and then nothing
 *  4  confirmed              | *                              | yes               | confirmed: only the page closes what it opened
 *  5  confirmed              | < staleConfirmedMs             | no                | confirmed
 *  6  resolved/faded         | *                              | *                 | unchanged: closed
 */
export function statusAfterSilence(
  incident: Pick<Incident, 'status' | 'last_signal_at' | 'official_first_at'>,
  now: number,
  config: Pick<CorrelateConfig, 'fadeMs' | 'staleConfirmedMs'>,
): IncidentState {
  const silentFor = now - ms(incident.last_signal_at);
  switch (incident.status) {
    case 'watching':
    case 'suspected':
    case 'corroborated':
      return silentFor >= config.fadeMs ? 'faded' : incident.status; //                     1, 2
    case 'confirmed':
      if (incident.official_first_at !== null) return 'confirmed'; //                       4
      return silentFor >= config.staleConfirmedMs ? 'faded' : 'confirmed'; //               3, 5
    default:
      return incident.status; //                                                            6
  }
}

const ORDER: Record<IncidentState, number> = { faded: 0, watching: 1, suspected: 2, corroborated: 3, confirmed: 4, resolved: 5 };

/** True when `status` is at least as far along as `than` (resolved counts as past confirmed). */
export function atLeast(status: IncidentState, than: IncidentState): boolean {
  return ORDER[status] >= ORDER[than];
}

/** Not closed: a watch item or an open incident (signals may join it). */
export function isOpen(status: IncidentState): boolean {
  return isActiveState(status);
}
