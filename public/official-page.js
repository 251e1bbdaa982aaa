// @ts-check
// Whether the provider's own status page can be read (the API's official_page.state). "Status
// page silent for 12 min" means something only when the page is watched and answers; when it is
// not watched, fails, has gone stale or is paused, its silence says nothing, and the page says
// why instead of counting (the API gives silent_for_seconds null then). The card, "At a glance"
// and the incident panel show this note in place of their clock; its words are the server's
// (public/domain.js, generated from src/domain/official-page.ts).

import { el } from './dom.js';
import { UNREADABLE_PAGE_STATES, UNREADABLE_PAGE_WHY, UNREADABLE_PAGE_WORDS } from './domain.js';

/** @typedef {import('./types/api.js').Incident} Incident */
/** @typedef {import('./domain.js').UnreadablePageState} UnreadablePageState */

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
  return el(
    'span',
    { class: `silence silence-unknown silence-${state.replace('_', '-')}`, title: UNREADABLE_PAGE_WHY[state], 'data-page': state },
    `Status page ${UNREADABLE_PAGE_WORDS[state]}`,
  );
}
