// @ts-check
// The incident panel's content: badge, title, where, the facts (confidence, first seen, what
// the status page said and when, our affected features), evidence, official updates, timeline.

import { el, $, sourceLink } from './dom.js';
import { badge, isClosed, isOpen, statusKey, tierBadge } from './labels.js';
import { serverNow, tick, timeEl } from './time.js';
import { clockText } from './clocks.js';
import { duration, plural } from './format.js';
import { renderEvidence } from './evidence.js';
import { silenceNote } from './official-page.js';

/** @typedef {import('./types/api.js').IncidentDetail} IncidentDetail */
/** @typedef {import('./dom.js').Children} Children */

/**
 * True while the panel shows "Loading…" for an incident just opened: its first drawing starts
 * at the top (the title, its status, Close), where an update keeps the reading position.
 */
let fresh = false;

/** Empties the panel while another incident loads. */
export function clearDetail() {
  fresh = true;
  $('detail').scrollTop = 0; // where the last incident was read
  $('detail-title').textContent = 'Loading…';
  $('d-badge').replaceChildren();
  for (const x of ['d-where', 'd-notice', 'd-action-status']) $(x).textContent = '';
  for (const x of ['d-facts', 'd-evidence', 'd-official', 'd-timeline']) $(x).replaceChildren();
  $('d-evidence').removeAttribute('data-incident');
  $('d-export').hidden = true;
}

const FOCUSABLE = 'a[href], button, [tabindex]';

/**
 * Where the reader is in the panel: the focused element (and, should it be redrawn, its place
 * among the focusable elements of its section) and the first item in view with its position.
 */
function readingPosition() {
  const panel = $('detail');
  const active = document.activeElement;
  const inside = active instanceof HTMLElement && panel.contains(active) ? active : null;
  const box = inside?.closest('[id]') ?? null;
  const index = box && inside ? [...box.querySelectorAll(FOCUSABLE)].indexOf(inside) : -1;
  const top = panel.getBoundingClientRect().top;
  const anchor = [...panel.querySelectorAll('li, dt, h3')].find((n) => n.getBoundingClientRect().bottom > top) ?? null;
  return { inside, box, index, anchor, anchorTop: anchor ? anchor.getBoundingClientRect().top : 0 };
}

/**
 * Puts the reader back: the same element focused (or the one in its place), the same item at
 * the same height.
 * @param {ReturnType<typeof readingPosition>} pos
 */
function restorePosition(pos) {
  const panel = $('detail');
  if (pos.anchor && pos.anchor.isConnected) panel.scrollTop += pos.anchor.getBoundingClientRect().top - pos.anchorTop;
  const { inside } = pos;
  if (!inside || document.activeElement === inside) return;
  if (inside.isConnected) inside.focus({ preventScroll: true });
  else {
    const again = pos.box && pos.box.isConnected ? pos.box.querySelectorAll(FOCUSABLE)[pos.index] : null;
    (again instanceof HTMLElement ? again : $('detail-title')).focus({ preventScroll: true });
  }
}

/**
 * A <dt>/<dd> pair of the facts list.
 * @param {string} label
 * @param {...Children} value
 */
function fact(label, ...value) {
  return [el('dt', null, label), el('dd', null, ...value)];
}

/**
 * What the status page did: spoke after a lag, is silent (a running clock, or why none runs:
 * the page is not watched or cannot be read), or never posted.
 * @param {IncidentDetail} d
 * @returns {Children[]}
 */
function officialFact(d) {
  if (typeof d.official_lag_seconds === 'number') {
    return [`Spoke ${duration(d.official_lag_seconds)} after our first signal`, d.official_first_at ? [' (', timeEl(d.official_first_at), ')'] : null];
  }
  if (isOpen(d.status)) {
    const note = silenceNote(d);
    if (note) return [note];
    const since = Date.parse(d.first_seen_at);
    return [
      el(
        'span',
        { class: 'silence silence-running' },
        el('span', { class: 'pulse', 'aria-hidden': 'true' }),
        'Silent for ',
        el('span', { class: 'clock', role: 'timer', 'data-since': String(since) }, clockText(since, serverNow())),
      ),
    ];
  }
  return ['Never posted about it'];
}

/**
 * Draws the incident; drawn again for an update, it keeps focus, "Show all" and the reading
 * position, and leaves the posts already shown in place.
 * @param {IncidentDetail} d
 */
export function renderDetail(d) {
  const pos = fresh ? null : readingPosition();
  fresh = false;
  $('d-badge').replaceChildren(badge(d.status));
  $('d-badge').className = '';
  $('detail-title').textContent = d.title || d.provider_name || d.id;
  $('d-where').textContent = [d.provider_name, d.components.join(', '), d.regions.join(', ')].filter(Boolean).join(' · ');

  const pct = Math.round((d.confidence || 0) * 100);
  const affects = d.affects.map((f) => f.name);
  $('d-facts').replaceChildren(
    ...fact('Confidence', `${pct}% · severity ${d.severity}`),
    ...fact('First seen', timeEl(d.first_seen_at, true)),
    ...fact('Status page', ...officialFact(d)),
    ...(d.confirmed_at ? fact('Confirmed', timeEl(d.confirmed_at, true)) : []),
    ...(d.resolved_at ? fact('Resolved', timeEl(d.resolved_at, true)) : []),
    ...fact('Affects our', affects.length ? affects.join(', ') : el('span', { class: 'muted' }, 'No feature in our impact map')),
    ...fact('Evidence', plural(d.evidence_count, 'post')),
  );
  $('d-export').hidden = !isClosed(d.status);

  $('d-evidence-title').textContent = `Evidence (${d.evidence.length})`;
  renderEvidence(d.id, d.evidence);

  $('d-official').replaceChildren(
    ...(d.official_updates.length
      ? d.official_updates.map((u) =>
          el(
            'li',
            { class: 'official-item' },
            el(
              'div',
              { class: 'ev-line' },
              timeEl(u.published_at),
              u.official ? el('span', { class: 'chip' }, u.official.status) : null,
              tierBadge(u.tier),
              sourceLink(u.url),
            ),
            u.title ? el('p', { class: 'ev-title', dir: 'auto' }, u.title) : null,
            el('p', { class: 'ev-text', dir: 'auto' }, u.text),
          ),
        )
      : [el('li', { class: 'muted' }, 'The provider has not posted an update yet.')]),
  );

  $('d-timeline').replaceChildren(
    ...(d.timeline.length
      ? d.timeline
          .toSorted((a, b) => Date.parse(a.at) - Date.parse(b.at))
          .map((t) =>
            el(
              'li',
              { class: `tl-item tl-${statusKey(t.status)}` },
              el('span', { class: 'tl-when' }, timeEl(t.at)),
              el('span', { class: 'tl-summary' }, t.summary),
            ),
          )
      : [el('li', { class: 'muted' }, 'No events recorded.')]),
  );
  tick();
  if (pos) restorePosition(pos);
}
