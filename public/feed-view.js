// @ts-check
// The feed as it is drawn: the heading and its count, the coverage banner, the main list, the
// recently resolved and the watching lists, "At a glance" and the tab title, from the state.

import { $ } from './dom.js';
import { isClosed, STATUS_LABEL } from './labels.js';
import { countLabel, listTotal } from './counts.js';
import { emptyFeedText, renderCoverage } from './coverage.js';
import { renderWatch } from './watch.js';
import { renderGlance } from './glance.js';
import { observeCards, selectionInside, syncLists } from './cards.js';
import { isFiltered } from './filters.js';
import { serverNow, tick, whenText } from './time.js';
import { state } from './state.js';

/**
 * The line under the heading: loading trouble, an empty feed's reason, or nothing.
 * @param {string} text
 */
export function setFeedState(text) {
  const p = $('feed-state');
  p.textContent = text;
  p.hidden = !text;
}

/**
 * Whether the server answers. When it stops, the clocks stop where they were (time.js), the
 * lists are marked as last known, and the line under the heading says since when.
 * @param {boolean} reachable
 */
export function setReachable(reachable) {
  if (reachable) {
    if (state.lostAt === null) return;
    state.lostAt = null;
    $('main').classList.remove('is-stale');
    return;
  }
  if (state.lostAt === null) state.lostAt = serverNow();
  $('main').classList.add('is-stale');
  setFeedState(`The server cannot be reached. Shown as last known at ${whenText(state.lostAt)}; the clocks are stopped. Trying again shortly.`);
  tick();
}

/** A card kept as it was while text in it was selected: drawn again once the selection is gone. */
let deferred = false;
document.addEventListener('selectionchange', () => {
  if (deferred && !selectionInside($('feed')) && !selectionInside($('recent-list'))) {
    deferred = false;
    renderFeed();
  }
});

function feedTitle() {
  const s = state.filters.status;
  if (s === 'all') return 'All incidents';
  if (s) return `${STATUS_LABEL[s]} incidents`;
  return 'Active incidents';
}

/**
 * Draws the feed from the state. Cards of unchanged incidents stay as they are, and focus stays
 * where it was; a card with selected text in it waits until the selection is gone.
 */
export function renderFeed() {
  deferred = selectionInside($('feed')) || selectionInside($('recent-list'));
  $('feed-title').textContent = feedTitle();
  const status = state.filters.status;
  const closedFilter = status === 'all' || isClosed(status);
  $('feed-count').textContent = !state.loaded
    ? ''
    : closedFilter
      ? `${state.active.length}${state.more ? '+' : ''}`
      : countLabel(state.active.length, listTotal(state.counts, status));
  renderCoverage($('coverage'), state.loaded ? state.coverage : null);
  syncLists([
    [$('feed'), state.active],
    [$('recent-list'), state.recent],
  ]);
  $('recent').hidden = state.recent.length === 0;
  const watching = renderWatch($('watching-list'), state.watch, serverNow());
  $('watching').hidden = watching === 0;
  $('watching-count').textContent = String(watching);
  $('recent-count').textContent = countLabel(state.recent.length, state.counts.resolved);
  if (state.loaded && state.active.length === 0) setFeedState(emptyFeedText(state.coverage, isFiltered(state.filters)));
  const open = state.counts.open;
  document.title = open ? `(${open}) outage-radar` : 'outage-radar';
  renderGlance();
  tick();
  observeCards();
}
