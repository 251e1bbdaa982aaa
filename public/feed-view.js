// @ts-check
// The feed as it is drawn: the heading and its count, the coverage banner, the main list, the
// recently resolved and the watching lists, "At a glance" and the tab title, from the state.

import { $ } from './dom.js';
import { isClosed, STATUS_LABEL } from './labels.js';
import { countLabel, listTotal } from './counts.js';
import { emptyFeedText, renderCoverage } from './coverage.js';
import { renderWatch } from './watch.js';
import { renderGlance } from './glance.js';
import { clearCards, fillList, focusCard, focusedCardId, observeCards } from './cards.js';
import { isFiltered } from './filters.js';
import { serverNow, tick } from './time.js';
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

function feedTitle() {
  const s = state.filters.status;
  if (s === 'all') return 'All incidents';
  if (s) return `${STATUS_LABEL[s]} incidents`;
  return 'Active incidents';
}

/** Draws the whole feed from the state, keeping the focus on the card that had it. */
export function renderFeed() {
  const focused = focusedCardId();
  const hadFocusInFeed = focused !== null && document.activeElement instanceof HTMLElement && document.activeElement.classList.contains('card-link');
  clearCards();
  $('feed-title').textContent = feedTitle();
  const status = state.filters.status;
  const closedFilter = status === 'all' || isClosed(status);
  $('feed-count').textContent = !state.loaded
    ? ''
    : closedFilter
      ? `${state.active.length}${state.more ? '+' : ''}`
      : countLabel(state.active.length, listTotal(state.counts, status));
  renderCoverage($('coverage'), state.loaded ? state.coverage : null);
  fillList($('feed'), state.active);
  fillList($('recent-list'), state.recent);
  $('recent').hidden = state.recent.length === 0;
  const watching = renderWatch($('watching-list'), state.watch, serverNow());
  $('watching').hidden = watching === 0;
  $('watching-count').textContent = String(watching);
  $('recent-count').textContent = countLabel(state.recent.length, state.counts.resolved);
  if (state.loaded && state.active.length === 0) setFeedState(emptyFeedText(state.coverage, isFiltered(state.filters)));
  const open = state.counts.open;
  document.title = open ? `(${open}) outage-radar` : 'outage-radar';
  renderGlance();
  if (focused && hadFocusInFeed) focusCard(focused, false);
  tick();
  observeCards();
}
