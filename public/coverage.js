// @ts-check
// What the feed can see, said before anything else. An empty feed is good news only when the
// sources answer; with nothing watched, or every source failing or stale, it means "we cannot
// tell", and the page must not say "every provider looks normal". The sentence comes from the
// API (GET /api/v1/feed → coverage.message), so the page and scripts say the same thing.

import { plural } from './format.js';

/** @typedef {import('./types/api.js').FeedCoverage} FeedCoverage */

/**
 * Fills the banner above the feed; hidden when every watched source answers.
 * @param {HTMLElement} banner
 * @param {FeedCoverage | null} c null before the feed has answered
 */
export function renderCoverage(banner, c) {
  const status = c ? c.status : 'ok';
  banner.hidden = status === 'ok' || !c || typeof c.message !== 'string';
  banner.setAttribute('data-status', status);
  if (banner.hidden || !c) {
    banner.textContent = '';
    return;
  }
  const detail = [];
  if (status === 'blind' || status === 'partial') {
    const parts = [];
    if (c.failing) parts.push(`${c.failing} failing`);
    if (c.stale) parts.push(`${c.stale} stale`);
    if (c.pending) parts.push(`${c.pending} not polled yet`);
    if (c.never_succeeded) parts.push(`${plural(c.never_succeeded, 'source')} never answered`);
    if (parts.length) detail.push(` (${parts.join(', ')})`);
  }
  banner.replaceChildren(String(c.message), ...detail);
}

/**
 * What an empty feed says, depending on what the sources can see.
 * @param {FeedCoverage | null} coverage
 * @param {boolean} filtered
 */
export function emptyFeedText(coverage, filtered) {
  const status = coverage ? coverage.status : 'ok';
  if (status === 'none') return 'No incidents, because no source is watched.';
  if (status === 'starting') return 'No incidents yet: the sources are being checked for the first time.';
  if (status === 'blind') return 'No incidents to show, but no source gives data, so this is not an all-clear.';
  if (filtered) return 'No incidents match these filters.';
  if (status === 'partial') return 'No active incidents among the sources that answer; some sources give no data (above).';
  return 'No active incidents. Every provider we watch looks normal.';
}
