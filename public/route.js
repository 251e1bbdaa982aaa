// @ts-check
// The incident route in the address's hash: #/incidents/<id> opens the incident's panel.

/** @param {string} id */
export const incidentHash = (id) => `#/incidents/${encodeURIComponent(id)}`;

/**
 * The incident id a hash routes to, or null (the feed, or a malformed id).
 * @param {string} hash location.hash
 */
export function routedIncidentId(hash) {
  const m = /^#\/incidents\/(.+)$/.exec(hash);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1] ?? '');
  } catch {
    return null;
  }
}
