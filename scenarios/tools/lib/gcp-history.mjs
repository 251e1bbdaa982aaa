// Real Google Cloud status history → the incidents.json status.cloud.google.com served over time.
// Reads one incidents.json (the page's whole history: ended incidents stay listed, newest `begin`
// first, each with every update newest first) and rebuilds the document as it was at any moment:
// an incident is listed from its first update on, with the updates published by then.
//
// What the final document does not say, and how it is rebuilt:
// - `end` is set when the page first said the incident was over: at its first AVAILABLE update
//   (GCP backdates `end` to when the impact stopped, often before that update or even before the
//   first one), else, for an incident ended without an AVAILABLE update, at its `modified`.
//   Its value then is the final `end`, or that moment if the final `end` is later (8 of 157
//   incidents, whose `end` was corrected when a report was added days later: a page never shows
//   an end in the future). An open incident has no `end` key, as the live document shows.
// - From its `modified` on (its last change), an incident is served exactly as the real document
//   has it. Before, `modified` is its newest update's, the open incident's current locations are
//   its newest update's and an ended one's are the final document's; severity, products, title
//   and `status_impact` are the final ones (their history is not published).
// - An update is served with its final status word. GCP can relabel one: MfiGCW4E26MPGRnCJ8by's
//   23:15:28 update was SERVICE_DISRUPTION in a live capture and is AVAILABLE in the final
//   document (how long it stayed so is not known, so it is not rebuilt here;
//   test/pipeline/gcp-relabelled-update.test.ts plays both real readings).
import { readFileSync } from 'node:fs';

const iso = (t) => new Date(t).toISOString();

/** Every incident of the document, oldest first update first, with the times the rebuild needs (ISO, UTC). */
export function loadGcpHistory(file) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  return doc
    .map((record) => {
      const updates = [...record.updates].map((u) => ({ at: iso(u.when), update: u })).sort((a, b) => a.at.localeCompare(b.at));
      const modified = iso(record.modified);
      const firstAvailable = updates.find((u) => u.update.status === 'AVAILABLE')?.at ?? null;
      const end = record.end ? iso(record.end) : null;
      const endShownAt = end === null ? null : (firstAvailable ?? modified);
      return {
        record,
        updates,
        modified,
        firstUpdateAt: updates[0].at,
        end,
        endShownAt,
        firstEnd: end === null ? null : end <= endShownAt ? end : endShownAt,
      };
    })
    .sort((a, b) => a.firstUpdateAt.localeCompare(b.firstUpdateAt) || a.record.id.localeCompare(b.record.id));
}

/** The incident as the page listed it at `t` (ISO), or null before its first update. */
function recordAt(h, t) {
  if (t >= h.modified) return h.record;
  const shown = h.updates.filter((u) => u.at <= t).map((u) => u.update);
  if (!shown.length) return null;
  const newest = shown.at(-1);
  const ended = h.endShownAt !== null && h.endShownAt <= t;
  const r = h.record;
  const out = {};
  // The real document's key order; `end` only once set.
  for (const k of Object.keys(r)) {
    if (k === 'end') {
      if (ended) out.end = h.firstEnd.replace('.000Z', '+00:00');
    } else if (k === 'modified') out.modified = newest.modified && iso(newest.modified) <= t ? newest.modified : newest.when;
    else if (k === 'updates') out.updates = [...shown].reverse();
    else if (k === 'most_recent_update') out.most_recent_update = newest;
    else if (k === 'currently_affected_locations')
      out.currently_affected_locations = ended ? r.currently_affected_locations : (newest.affected_locations ?? []);
    else if (k === 'previously_affected_locations') out.previously_affected_locations = ended ? r.previously_affected_locations : [];
    else out[k] = r[k];
  }
  return out;
}

/** incidents.json as served at `t` (ISO): every incident listed by then, newest `begin` first, as GCP orders it. */
export function incidentsJsonAt(history, t) {
  return history
    .map((h) => recordAt(h, t))
    .filter(Boolean)
    .sort((a, b) => iso(b.begin).localeCompare(iso(a.begin)) || b.id.localeCompare(a.id));
}

/** The moments in [from, to) the document changed: each update, each end shown, each incident's last change. */
export function gcpChangeTimes(history, from, to) {
  const ts = new Set();
  for (const h of history) for (const t of [...h.updates.map((u) => u.at), h.endShownAt, h.modified]) if (t && t >= from && t < to) ts.add(t);
  return [...ts].sort();
}

/** What a real run should show for one incident, as of `asOf` (ISO): when the page opened it and what end it gave. */
export function gcpTruthOf(h, asOf) {
  const r = h.record;
  const endKnown = h.endShownAt !== null && h.endShownAt <= asOf;
  const lastUpdateAt = h.updates.filter((u) => u.at <= asOf).at(-1)?.at ?? null;
  return {
    id: r.id,
    name: r.external_desc,
    severity: r.severity,
    products: r.affected_products.map((p) => p.title),
    first_update_at: h.firstUpdateAt,
    // When the page first said it was over, and the `end` it gave (backdated: often before the update saying so).
    end_shown_at: h.endShownAt,
    end: h.end,
    // The `end` the page gave with its latest update by `asOf` (the window's end): what the run's
    // resolved_at should be. A run stores each update once, as first read, so an `end` corrected
    // later without a new update (modified after the last update) is not seen, and need not be.
    resolved_at: endKnown ? (lastUpdateAt !== null && lastUpdateAt >= h.modified ? h.end : h.firstEnd) : null,
    updates: h.updates.length,
  };
}
