// @ts-check
// Whether the provider's own status page can be read (the API's official_page.state). "Status
// page silent for 12 min" means something only when the page is watched and answers; when it is
// not watched, fails, has gone stale or is paused, its silence says nothing, and the page says
// why instead of counting (the API gives silent_for_seconds null then). The card, "At a glance"
// and the incident panel show this note in place of their clock.

import { el } from './dom.js';
import { UNREADABLE_PAGE_STATES } from './domain.js';

/** @typedef {import('./types/api.js').Incident} Incident */
/** @typedef {import('./domain.js').UnreadablePageState} UnreadablePageState */

/** @type {Record<UnreadablePageState, string>} */
const WORDS = {
  not_watched: 'Status page not watched',
  failing: 'Status page unreachable',
  stale: 'Status page unreachable',
  paused: 'Status page unreadable (paused)',
};
/** @type {Record<UnreadablePageState, string>} */
const WHY = {
  not_watched: 'No source reads this provider’s status page, so its silence says nothing.',
  failing: 'Our last poll of its status page failed: we cannot tell whether it has said anything.',
  stale: 'Its status page has not answered for three polling intervals: we cannot tell whether it has said anything.',
  paused: 'Its status page could not be read several times in a row and is paused until the next start.',
};

/**
 * @param {string} s
 * @returns {s is UnreadablePageState}
 */
const isUnreadable = (s) => /** @type {readonly string[]} */ (UNREADABLE_PAGE_STATES).includes(s);

/**
 * The page's state when its silence means nothing (not watched, unreachable, paused), else null.
 * @param {Incident} inc
 * @returns {UnreadablePageState | null}
 */
export function unreadablePage(inc) {
  const state = inc.official_page.state;
  return isUnreadable(state) ? state : null;
}

/**
 * What to show instead of the "silent for" clock, or null when the clock should run.
 * @param {Incident} inc
 */
export function silenceNote(inc) {
  const state = unreadablePage(inc);
  if (!state) return null;
  return el('span', { class: `silence silence-unknown silence-${state.replace('_', '-')}`, title: WHY[state], 'data-page': state }, WORDS[state]);
}
