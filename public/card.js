// @ts-check
// One incident's card in the feed: provider and components, status, confidence, how long the
// status page stayed silent, regions, our affected features and its strongest evidence.

import { el, sourceLink } from './dom.js';
import { badge, isClosed, isOpen, statusKey, tierBadge } from './labels.js';
import { timeEl, serverNow } from './time.js';
import { clockText } from './clocks.js';
import { duration, plural } from './format.js';
import { incidentHash } from './route.js';
import { cachedDetail, versionOf } from './details.js';
import { state } from './state.js';
import { silenceNote } from './official-page.js';

/** @typedef {import('./types/api.js').Incident} Incident */
/** @typedef {import('./types/api.js').IncidentDetail} IncidentDetail */
/** @typedef {import('./types/api.js').Evidence} Evidence */

/**
 * The card of an incident, with its evidence when this version's detail is cached (else a
 * placeholder that cards.js fills when the card comes into view).
 * @param {Incident} inc
 */
export function card(inc) {
  const art = el('article', { class: `card card-${statusKey(inc.status)}`, 'data-id': inc.id, 'data-version': versionOf(inc) });
  if (inc.id === state.openId) art.classList.add('is-open');

  const link = el('a', { class: 'card-link' }, inc.provider_name);
  link.href = incidentHash(inc.id);
  if (inc.components.length) link.append(el('span', { class: 'card-components' }, ` · ${inc.components.join(', ')}`));

  const pct = Math.round(Math.max(0, Math.min(1, inc.confidence || 0)) * 100);
  const fill = el('span', { class: 'conf-fill' });
  fill.style.width = `${pct}%`; // CSSOM, which the style-src policy allows
  const conf = el(
    'span',
    { class: 'conf', title: `Confidence ${pct}%` },
    el('span', { class: 'conf-bar', 'aria-hidden': 'true' }, fill),
    el('span', { class: 'conf-num' }, `${pct}%`),
    el('span', { class: 'sr-only' }, ' confidence'),
  );

  art.append(
    el('div', { class: 'card-head' }, badge(inc.status), el('h3', { class: 'card-title' }, link), conf),
    el('p', { class: 'card-text', dir: 'auto' }, headline(inc)),
    el(
      'div',
      { class: 'card-meta' },
      inc.regions.length
        ? el(
            'span',
            { class: 'chips', 'aria-label': 'Regions' },
            inc.regions.map((r) => el('span', { class: 'chip' }, r)),
          )
        : el('span', { class: 'chip chip-quiet' }, 'All regions'),
      silenceEl(inc),
      el('span', { class: 'meta-item' }, 'First seen ', timeEl(inc.first_seen_at, true)),
    ),
  );
  if (inc.affects.length) {
    art.append(
      el(
        'p',
        { class: 'affects' },
        el('span', { class: 'affects-label' }, 'Affects our'),
        ' ',
        inc.affects.map((f, i) => [i ? ', ' : '', el('strong', null, f.name)]),
      ),
    );
  }
  const ev = el('div', { class: 'card-evidence', 'aria-label': 'Strongest evidence' });
  const detail = cachedDetail(inc.id, versionOf(inc));
  if (detail) fillCardEvidence(ev, detail);
  else ev.append(el('p', { class: 'muted small' }, inc.evidence_count ? `${plural(inc.evidence_count, 'post')} of evidence…` : 'No evidence attached yet.'));
  art.append(ev);
  return art;
}

/**
 * The title's own words: "AWS S3 (us-east-1): Increased Error Rates" → "Increased Error Rates".
 * @param {Incident} inc
 */
function headline(inc) {
  const title = inc.title;
  const i = title.indexOf(': ');
  return i > 0 && i < title.length - 2 ? title.slice(i + 2) : title;
}

/**
 * How long the status page stayed silent: a running clock while open (or why there is none:
 * the page is not watched or cannot be read), else the lag.
 * @param {Incident} inc
 */
function silenceEl(inc) {
  if (typeof inc.official_lag_seconds === 'number') {
    return el('span', { class: 'silence silence-spoke' }, el('span', { class: 'silence-label' }, 'Official after '), duration(inc.official_lag_seconds));
  }
  if (isOpen(inc.status)) {
    const note = silenceNote(inc);
    if (note) return note;
    const since = Date.parse(inc.first_seen_at);
    return el(
      'span',
      { class: 'silence silence-running', title: 'The provider has not said anything on its status page yet' },
      el('span', { class: 'pulse', 'aria-hidden': 'true' }),
      el('span', { class: 'silence-label' }, 'Status page silent for '),
      el('span', { class: 'clock', role: 'timer', 'data-since': String(since) }, clockText(since, serverNow())),
    );
  }
  return el('span', { class: 'silence silence-never' }, 'Status page never posted');
}

/**
 * The post's title and text, once: a text that starts with its title is shown alone.
 * @param {Evidence} e
 */
function evidenceSnippet(e) {
  return e.title && e.text && !e.text.startsWith(e.title) ? `${e.title} — ${e.text}` : e.text || e.title || '';
}

/**
 * The card's three strongest pieces of evidence (a closed incident's last official update first).
 * @param {Element} box the card's .card-evidence
 * @param {IncidentDetail} detail
 */
export function fillCardEvidence(box, detail) {
  // A resolved incident leads with the status page's last word (the resolving update), which the
  // strongest-first order puts behind the page's earlier, equally weighted updates.
  const last = isClosed(detail.status) ? detail.official_updates.at(-1) : undefined;
  const top = last ? [last, ...detail.evidence.filter((e) => e.post_id !== last.post_id)].slice(0, 3) : detail.evidence.slice(0, 3);
  if (!top.length) {
    box.replaceChildren(el('p', { class: 'muted small' }, 'No evidence attached yet.'));
    return;
  }
  box.replaceChildren(
    el('h4', { class: 'ev-heading' }, 'Strongest evidence'),
    el(
      'ul',
      { class: 'ev-top' },
      top.map((e) =>
        el(
          'li',
          { class: 'ev-top-item' },
          el(
            'div',
            { class: 'ev-line' },
            tierBadge(e.tier),
            el('span', { class: 'ev-author', dir: 'auto' }, e.author_label || e.source_id),
            el('span', { class: 'muted' }, timeEl(e.published_at)),
            sourceLink(e.url),
          ),
          el('p', { class: 'ev-text', dir: 'auto' }, evidenceSnippet(e)),
        ),
      ),
    ),
  );
}
