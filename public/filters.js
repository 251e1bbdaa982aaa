// @ts-check
// The feed's filters, as the page holds them and as the URL's query string carries them (the
// hash is the incident route), and the feed query they make.

import { isListed, LISTED_STATES } from './labels.js';

/** Incidents asked for per feed request. */
const FEED_LIMIT = 50;

/**
 * `status`: '' for the open incidents, 'all', or one listed status. `min_confidence`: '' or a
 * number in (0, 1] as written in the URL.
 * @typedef {{ provider: string, status: '' | 'all' | import('./labels.js').ListedState, min_confidence: string, affects_us: boolean }} Filters
 */

/**
 * A status filter as the page knows it; anything else means "open ones".
 * @param {string | null} value
 * @returns {Filters['status']}
 */
export function statusFilter(value) {
  return value === 'all' || (value !== null && isListed(value)) ? value : '';
}

/**
 * The filters a query string asks for, with anything malformed dropped.
 * @param {string} search location.search
 * @returns {Filters}
 */
export function readFilters(search) {
  const q = new URLSearchParams(search);
  const conf = Number(q.get('min_confidence'));
  return {
    provider: (q.get('provider') || '').slice(0, 64),
    status: statusFilter(q.get('status')),
    min_confidence: q.get('min_confidence') && conf > 0 && conf <= 1 ? String(conf) : '',
    affects_us: q.get('affects_us') === '1' || q.get('affects_us') === 'true',
  };
}

/**
 * Puts the filters in the address bar, keeping the path and the incident route.
 * @param {Filters} f
 */
export function writeFilters(f) {
  const q = new URLSearchParams();
  if (f.provider) q.set('provider', f.provider);
  if (f.status) q.set('status', f.status);
  if (f.min_confidence) q.set('min_confidence', f.min_confidence);
  if (f.affects_us) q.set('affects_us', '1');
  const s = q.toString();
  history.replaceState(history.state, '', `${location.pathname}${s ? `?${s}` : ''}${location.hash}`);
}

/**
 * The query of GET /api/v1/feed for these filters; `extra` overrides.
 * @param {Filters} f
 * @param {Record<string, string>} [extra]
 */
export function feedQuery(f, extra = {}) {
  const q = new URLSearchParams();
  if (f.provider) q.set('provider', f.provider);
  if (f.status === 'all') q.set('status', LISTED_STATES.join(','));
  else if (f.status) q.set('status', f.status);
  if (f.min_confidence) q.set('min_confidence', f.min_confidence);
  if (f.affects_us) q.set('affects_us', 'true');
  q.set('limit', String(FEED_LIMIT));
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

/**
 * True when any filter narrows the feed.
 * @param {Filters} f
 */
export const isFiltered = (f) => Boolean(f.provider || f.min_confidence || f.affects_us || f.status);
