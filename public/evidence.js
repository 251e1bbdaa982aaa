// @ts-check
// The incident panel's evidence list: each post with its tier, author, source and link, its
// trust and contribution, and why the classifier scored it so (why.js).

import { el, $, sourceLink } from './dom.js';
import { tierBadge } from './labels.js';
import { timeEl } from './time.js';
import { whyLine } from './why.js';

/** @typedef {import('./types/api.js').Evidence} Evidence */

/** Posts listed before "Show all". */
export const EVIDENCE_SHOWN = 50;

/** @param {number | null} n */
const score = (n) => (typeof n === 'number' ? n.toFixed(2) : '–');

/**
 * Fills #d-evidence with the first `shown` posts and a button for the rest.
 * @param {Evidence[]} evidence strongest first
 * @param {number} shown
 */
export function renderEvidence(evidence, shown) {
  const items = evidence
    .slice(0, shown)
    .map((e) =>
      el(
        'li',
        { class: `ev-item${e.official ? ' ev-official' : ''}` },
        el(
          'div',
          { class: 'ev-line' },
          tierBadge(e.tier),
          el('span', { class: 'ev-author' }, e.author_label || e.source_id),
          el('span', { class: 'muted' }, e.source_kind),
          el('span', { class: 'muted' }, timeEl(e.published_at)),
          sourceLink(e.url),
        ),
        e.title ? el('p', { class: 'ev-title' }, e.title) : null,
        el('p', { class: 'ev-text' }, e.text),
        el(
          'p',
          { class: 'ev-scores' },
          el('span', null, 'trust ', el('strong', null, score(e.trust))),
          el('span', null, 'contribution ', el('strong', null, score(e.contribution))),
        ),
        whyLine(e),
      ),
    );
  if (evidence.length > shown) {
    const more = el('button', { class: 'btn btn-quiet', type: 'button' }, `Show all ${evidence.length}`);
    more.addEventListener('click', () => renderEvidence(evidence, evidence.length));
    items.push(el('li', { class: 'ev-more' }, more));
  }
  $('d-evidence').replaceChildren(...items);
}
