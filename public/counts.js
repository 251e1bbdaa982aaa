// Every count on the page, from one place: the feed's `counts` (GET /api/v1/feed), which the
// API takes over all matching incidents, not over the page of them the lists show. Headings,
// "At a glance" and the tab title read these numbers, so two views never disagree; a list
// shorter than its count says "showing n of m".

const ZERO = { suspected: 0, corroborated: 0, confirmed: 0, open: 0, resolved: 0, faded: 0 };

export function readCounts(body) {
  const c = body && typeof body.counts === 'object' && body.counts ? body.counts : {};
  const out = { ...ZERO };
  for (const k of Object.keys(ZERO)) out[k] = Number.isInteger(c[k]) && c[k] >= 0 ? c[k] : 0;
  return out;
}

/** "3", or "50 of 73" when the list holds fewer than there are. */
export function countLabel(listed, total) {
  return listed < total ? `${listed} of ${total}` : String(total);
}

/** How many incidents the main list is about, given its status filter. */
export function listTotal(counts, status) {
  if (!status) return counts.open;
  if (status === 'all') return counts.open + counts.resolved + counts.faded;
  return Object.hasOwn(counts, status) ? counts[status] : 0;
}
