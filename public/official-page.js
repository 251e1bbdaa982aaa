// Whether the provider's own status page can be read (the API's official_page.state). "Status
// page silent for 12 min" means something only when the page is watched and answers; when it is
// not watched, fails, has gone stale or is paused, its silence says nothing, and the page says
// why instead of counting (the API gives silent_for_seconds null then).

const WORDS = {
  not_watched: 'Status page not watched',
  failing: 'Status page unreachable',
  stale: 'Status page unreachable',
  paused: 'Status page unreadable (paused)',
};
const WHY = {
  not_watched: 'No source reads this provider’s status page, so its silence says nothing.',
  failing: 'Our last poll of its status page failed: we cannot tell whether it has said anything.',
  stale: 'Its status page has not answered for three polling intervals: we cannot tell whether it has said anything.',
  paused: 'Its status page could not be read several times in a row and is paused until the next start.',
};

/** The page's state when its silence means nothing (not watched, unreachable, paused), else null. */
export function unreadablePage(inc) {
  const state = inc && inc.official_page && typeof inc.official_page === 'object' ? inc.official_page.state : null;
  return typeof state === 'string' && Object.hasOwn(WORDS, state) ? state : null;
}

/** What to show instead of the "silent for" clock, or null when the clock should run. */
export function silenceNote(el, inc) {
  const state = unreadablePage(inc);
  if (!state) return null;
  return el('span', { class: `silence silence-unknown silence-${state.replace('_', '-')}`, title: WHY[state], 'data-page': state }, WORDS[state]);
}
