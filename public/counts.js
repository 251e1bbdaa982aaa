// @ts-check
// Every count on the page, from one place: the feed's `counts` (GET /api/v1/feed), which the
// API takes over all matching incidents, not over the page of them the lists show. Headings,
// "At a glance" and the tab title read these numbers, so two views never disagree; a list
// shorter than its count says "showing n of m".

/** @typedef {Omit<import('./types/api.js').FeedCounts, 'closed_since'>} Counts */

/** How far back "Resolved" counts closed incidents (the API's counts window). */
export const RECENT_HOURS = 24;

/** @type {Counts} */
const ZERO = { suspected: 0, corroborated: 0, confirmed: 0, open: 0, resolved: 0, faded: 0 };

/**
 * The counts of a feed answer; zeros before the first one.
 * @param {import('./types/api.js').FeedPage | null} page
 * @returns {Counts}
 */
export function readCounts(page) {
  if (!page) return { ...ZERO };
  const { suspected, corroborated, confirmed, open, resolved, faded } = page.counts;
  return { suspected, corroborated, confirmed, open, resolved, faded };
}

/**
 * "3", or "50 of 73" when the list holds fewer than there are.
 * @param {number} listed
 * @param {number} total
 */
export function countLabel(listed, total) {
  return listed < total ? `${listed} of ${total}` : String(total);
}

/**
 * How many incidents the main list is about, given its status filter.
 * @param {Counts} counts
 * @param {import('./filters.js').Filters['status']} status
 */
export function listTotal(counts, status) {
  if (!status) return counts.open;
  if (status === 'all') return counts.open + counts.resolved + counts.faded;
  return counts[status];
}
