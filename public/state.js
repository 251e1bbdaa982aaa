// @ts-check
// The page's state: what the API last said, what is open and focused, and the reader key. One
// object that the modules read and write; each field says who sets it.

import { tabKey } from './tab-key.js';
import { readFilters } from './filters.js';
import { readCounts } from './counts.js';

/** @typedef {import('./types/api.js').Incident} Incident */
/** @typedef {import('./types/api.js').IncidentDetail} IncidentDetail */
/** @typedef {import('./types/api.js').WatchItem} WatchItem */
/** @typedef {import('./types/api.js').FeedCoverage} FeedCoverage */
/** @typedef {import('./types/api.js').Notice} Notice */

/**
 * @typedef {object} PageState
 * @property {string} key The reader API key ('' for none): auth.js.
 * @property {import('./filters.js').Filters} filters The filters shown and asked for: main.js.
 * @property {Incident[]} active The main list: feed.js.
 * @property {WatchItem[]} watch Watch items: feed.js.
 * @property {Incident[]} recent Resolved in the counts' window: feed.js.
 * @property {import('./counts.js').Counts} counts The feed's counts (counts.js): every number the page shows.
 * @property {FeedCoverage | null} coverage What the sources can see (coverage.js).
 * @property {boolean} more More incidents than the main list holds (a closed-status filter has no count).
 * @property {number} skewMs Server clock minus this browser's clock, so clocks tick in the server's time.
 * @property {number | null} lostAt The server's time when it stopped answering (clocks stop there), null while it answers: feed-view.js.
 * @property {string | null} generatedAt When the feed shown was generated (the server's time): feed.js.
 * @property {Incident[] | null} openForGlance The open incidents "At a glance" describes when the main list has another status filter: feed.js.
 * @property {Map<string, { version: string, detail: IncidentDetail }>} details Incident details by id, per version: details.js.
 * @property {Map<string, Notice & { version: string | null }>} notices Customer notices by id, per version: notice.js.
 * @property {string | null} openId The incident in the detail panel: detail.js.
 * @property {string | null} currentId The incident whose card had focus last (j/k resume from there).
 * @property {boolean} authNeeded The API asked for a key: auth.js.
 * @property {boolean} loaded The feed has answered once.
 * @property {number} loadSeq The latest feed load; an older one's answer is dropped.
 */

const keyOfTab = tabKey('outage-radar.key');

/**
 * Keeps the reader key for this tab.
 * @param {string} key
 */
export function storeKey(key) {
  keyOfTab.store(key);
}

export function forgetStoredKey() {
  keyOfTab.forget();
}

/** @type {PageState} */
export const state = {
  key: keyOfTab.read(),
  filters: readFilters(location.search),
  active: [],
  watch: [],
  recent: [],
  counts: readCounts(null),
  coverage: null,
  more: false,
  skewMs: 0,
  lostAt: null,
  generatedAt: null,
  openForGlance: null,
  details: new Map(),
  notices: new Map(),
  openId: null,
  currentId: null,
  authNeeded: false,
  loaded: false,
  loadSeq: 0,
};
