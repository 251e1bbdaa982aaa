// @ts-check
// outage-radar: the support staff's page. Plain ES modules, no build step, no framework; each
// module has one job (docs/ARCHITECTURE.md, "Add a page view", has the map). This one wires the
// page's events to them and starts it: filters, cards, the incident panel, the keyboard, the
// live stream, the key form, the status pages we watch and the demo's replay banner.

import { onAuthNeeded } from './api.js';
import { bindAuth, needAuth } from './auth.js';
import { focusedCardId } from './cards.js';
import { route, leaveIncident, watchScreenWidth } from './detail.js';
import { copyNotice, exportTimeline } from './detail-actions.js';
import { $ } from './dom.js';
import { loadFeed, scheduleRefresh } from './feed.js';
import { setReachable } from './feed-view.js';
import { fillStatusOptions, loadProviders, readFilterControls, syncFilterControls } from './filter-controls.js';
import { writeFilters } from './filters.js';
import { bindKeyboard } from './keyboard.js';
import { connect } from './live.js';
import { startProviderCoverage } from './provider-coverage.js';
import { startReplay } from './replay.js';
import { incidentHash } from './route.js';
import { state } from './state.js';
import { tick } from './time.js';

/** Events arrive on status changes; evidence and rank move in between: reload this often. */
const PERIODIC_RELOAD_MS = 60_000;

function filtersChanged() {
  state.filters = readFilterControls();
  writeFilters(state.filters);
  void loadFeed();
}

function bindFilters() {
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  $('filters').addEventListener('change', filtersChanged);
  // After the browser has reset the controls.
  $('filters').addEventListener('reset', () => setTimeout(filtersChanged));
}

/** A click anywhere on a card opens it, except on its links and buttons. */
function bindCardLists() {
  for (const list of [$('feed'), $('recent-list')]) {
    list.addEventListener('click', (e) => {
      const t = e.target;
      if (!(t instanceof Element) || t.closest('a, button')) return;
      if (String(window.getSelection() ?? '').length > 0) return; // selecting text
      const id = t.closest('.card')?.getAttribute('data-id');
      if (id) location.hash = incidentHash(id);
    });
    list.addEventListener('focusin', (e) => {
      const id = focusedCardId();
      if (id && e.target instanceof HTMLElement) state.currentId = id;
    });
  }
}

function bindDetailPanel() {
  $('d-close').addEventListener('click', leaveIncident);
  $('d-copy').addEventListener('click', () => state.openId && void copyNotice(state.openId));
  $('d-export').addEventListener('click', () => state.openId && void exportTimeline(state.openId));
  watchScreenWidth();
  window.addEventListener('hashchange', route);
  window.addEventListener('popstate', route);
}

/** Loads the feed, then the rest; again after a key is entered. */
async function start() {
  syncFilterControls(state.filters);
  await loadFeed();
  if (state.authNeeded) return;
  void loadProviders();
  startProviderCoverage();
  connect();
  route();
  // Between incident events the pipeline stores posts and moves evidence: reload after each
  // replay step so the viewer watches them arrive.
  startReplay({
    onStep: () => {
      scheduleRefresh(0);
      void loadProviders(); // it failed if the demo was still starting
    },
    // The demo's server stopped: the clocks stop and the lists say they are the last known.
    onReach: (reachable) => (reachable ? scheduleRefresh(0) : setReachable(false)),
    // The demo keeps no keys, so the sources page (an admin's) cannot be used there.
    onFound: () => {
      $('sources-link').hidden = true;
    },
  });
}

onAuthNeeded(needAuth);
fillStatusOptions();
bindFilters();
bindCardLists();
bindDetailPanel();
bindKeyboard();
bindAuth(start);
setInterval(tick, 1000);
setInterval(() => {
  if (document.visibilityState === 'visible' && state.loaded && !state.authNeeded) scheduleRefresh(0);
}, PERIODIC_RELOAD_MS);
void start();
