// @ts-check
// "Watching": lone public posts about a provider (GET /api/v1/watch). Not incidents: no impact,
// no clock, no notice. Each shows its provider, its post(s) and how long ago it was first seen.

import { el } from './dom.js';

/** @typedef {import('./types/api.js').WatchItem} WatchItem */

/**
 * @param {string} iso
 * @param {number} nowMs
 */
function ago(iso, nowMs) {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '';
  const min = Math.max(0, Math.round((nowMs - t) / 60_000));
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  return `${h} h ${min % 60} min ago`;
}

/**
 * Whether a watch item belongs under the feed's filters (its provider, its confidence).
 * @param {WatchItem} w
 * @param {import('./filters.js').Filters} f
 */
export function watchMatches(w, f) {
  if (f.provider && w.provider !== f.provider) return false;
  if (f.min_confidence && w.confidence < Number(f.min_confidence)) return false;
  return true;
}

/**
 * Renders the watch items into `list` (an <ol>); returns how many.
 * @param {HTMLElement} list
 * @param {WatchItem[]} items
 * @param {number} nowMs the server's now
 */
export function renderWatch(list, items, nowMs) {
  const rows = items.map((w) => {
    const post = w.posts[0] ?? null;
    const count = w.evidence_count;
    return el(
      'li',
      { class: 'watch-item', 'data-id': w.id },
      el(
        'div',
        { class: 'watch-line' },
        el('strong', null, w.provider_name),
        el('span', { class: 'muted' }, ` · ${count === 1 ? '1 post' : `${count} posts`} from one author · first seen ${ago(w.first_seen_at, nowMs)}`),
      ),
      post ? el('p', { class: 'watch-text', dir: 'auto' }, `${post.author ? `${post.author}: ` : ''}${post.text}`) : null,
    );
  });
  list.replaceChildren(...rows);
  return rows.length;
}
