// @ts-check
// Loading the feed: the main list with its counts and coverage, the recently resolved, the watch
// items; one load at a time wins, and reloads are spaced so an event storm cannot exhaust the
// API's rate limit.

import { fetchFeed, fetchWatch, httpError } from './api.js';
import { feedQuery } from './filters.js';
import { readCounts, RECENT_HOURS } from './counts.js';
import { renderFeed, setFeedState, setReachable } from './feed-view.js';
import { watchMatches } from './watch.js';
import { refreshOpenIncident } from './detail.js';
import { serverNow } from './time.js';
import { state } from './state.js';

const MIN_RELOAD_MS = 1_000;

let refreshTimer = 0;
let lastLoadAt = 0;

/**
 * One feed reload soon; events arriving meanwhile ride along with it. At most one reload every
 * MIN_RELOAD_MS, so an event storm cannot exhaust the API's rate limit.
 */
export function scheduleRefresh(delay = 250) {
  if (refreshTimer) return;
  const wait = Math.max(delay, MIN_RELOAD_MS - (Date.now() - lastLoadAt));
  refreshTimer = setTimeout(() => {
    refreshTimer = 0;
    void loadFeed();
  }, wait);
}

/** Loads the feed for the current filters and draws it; on failure says why and tries again. */
export async function loadFeed() {
  const seq = ++state.loadSeq;
  lastLoadAt = Date.now();
  try {
    const sentAt = Date.now();
    const main = await fetchFeed(feedQuery(state.filters));
    const gen = Date.parse(main.generated_at);
    if (Number.isFinite(gen)) state.skewMs = gen - (sentAt + Date.now()) / 2;
    /** @type {import('./types/api.js').Incident[]} */
    let recent = [];
    if (!state.filters.status) {
      // The counts' own window, so "Resolved (24h)" and this list count the same incidents.
      const since = main.counts.closed_since || new Date(serverNow() - RECENT_HOURS * 3600_000).toISOString();
      recent = (await fetchFeed(feedQuery(state.filters, { status: 'resolved', since, limit: '10' }))).incidents;
    }
    // Under a status filter "At a glance" still describes the open incidents its counts count.
    const openForGlance = state.filters.status ? (await fetchFeed(feedQuery({ ...state.filters, status: '' }))).incidents : null;
    // Watch items under the same filters as the list (they never affect us: none then).
    const watch = state.filters.status || state.filters.affects_us ? [] : (await fetchWatch()).watch.filter((w) => watchMatches(w, state.filters));
    if (seq !== state.loadSeq) return; // a newer load answers instead
    setReachable(true);
    state.generatedAt = main.generated_at;
    state.openForGlance = openForGlance;
    state.active = main.incidents;
    state.recent = recent;
    state.watch = watch;
    state.counts = readCounts(main);
    state.coverage = main.coverage;
    state.more = typeof main.next_cursor === 'string';
    state.loaded = true;
    setFeedState('');
    renderFeed();
    refreshOpenIncident();
  } catch (e) {
    if (seq !== state.loadSeq) return;
    const err = httpError(e);
    if (err.status === 401) return; // the key form is showing
    if (err.status === 429) {
      const wait = Math.max(1, err.retryAfter || 5);
      setFeedState(`Too many requests. Trying again in ${wait}s.`);
      setTimeout(scheduleRefresh, wait * 1000);
    } else if (err.status === 400) {
      setFeedState(`These filters were refused: ${err.message}`);
    } else if (err.status === 0) {
      setReachable(false);
      setTimeout(scheduleRefresh, 5000);
    } else {
      setFeedState(`${err.message} Trying again shortly.`);
      // A demo that is still starting says when to come back (503, Retry-After: 1).
      setTimeout(scheduleRefresh, err.status === 503 && err.retryAfter ? err.retryAfter * 1000 : 5000);
    }
  }
}
