// @ts-check
// The incident panel's evidence list: each post with its tier, author, source and link, its
// trust and contribution, and why the classifier scored it so (why.js).

import { el, $, reconcile, sourceLink } from './dom.js';
import { tierBadge } from './labels.js';
import { timeEl } from './time.js';
import { whyLine } from './why.js';

/** @typedef {import('./types/api.js').Evidence} Evidence */

/** Posts listed before "Show all". */
export const EVIDENCE_SHOWN = 50;

/** @param {number | null} n */
const score = (n) => (typeof n === 'number' ? n.toFixed(2) : '–');

/** The incident whose evidence the person asked to see all of ("Show all" holds across updates). */
let expandedFor = '';

/** Items on screen by post id, with what each was drawn from. @type {Map<string, { li: HTMLElement, sig: string }>} */
let shownItems = new Map();

/**
 * One post as an item of the list (the one on screen when the post is unchanged).
 * @param {Evidence} e
 */
function item(e) {
  const sig = JSON.stringify(e);
  const old = shownItems.get(e.post_id);
  if (old && old.sig === sig) return old.li;
  return el(
    'li',
    { class: `ev-item${e.official ? ' ev-official' : ''}`, 'data-post': e.post_id },
    el(
      'div',
      { class: 'ev-line' },
      tierBadge(e.tier),
      el('span', { class: 'ev-author', dir: 'auto' }, e.author_label || e.source_id),
      el('span', { class: 'muted' }, e.source_kind),
      el('span', { class: 'muted' }, timeEl(e.published_at)),
      sourceLink(e.url),
    ),
    e.title ? el('p', { class: 'ev-title', dir: 'auto' }, e.title) : null,
    el('p', { class: 'ev-text', dir: 'auto' }, e.text),
    el(
      'p',
      { class: 'ev-scores' },
      el('span', null, 'trust ', el('strong', null, score(e.trust))),
      el('span', null, 'contribution ', el('strong', null, score(e.contribution))),
    ),
    whyLine(e),
  );
}

/**
 * Fills #d-evidence with the first EVIDENCE_SHOWN posts and a button for the rest (all of them
 * once the person asked for all for this incident). Posts already on screen stay in place, so an
 * update keeps focus, selection and the reading position.
 * @param {string} incidentId
 * @param {Evidence[]} evidence strongest first
 */
export function renderEvidence(incidentId, evidence) {
  const list = $('d-evidence');
  if (list.getAttribute('data-incident') !== incidentId) {
    shownItems = new Map();
    list.replaceChildren();
    list.setAttribute('data-incident', incidentId);
  }
  const shown = expandedFor === incidentId ? evidence.length : EVIDENCE_SHOWN;
  /** @type {Map<string, { li: HTMLElement, sig: string }>} */
  const next = new Map();
  /** @type {Element[]} */
  const items = evidence.slice(0, shown).map((e) => {
    const li = item(e);
    next.set(e.post_id, { li, sig: JSON.stringify(e) });
    return li;
  });
  shownItems = next;
  if (evidence.length > shown) {
    const more = el('button', { class: 'btn btn-quiet', type: 'button' }, `Show all ${evidence.length}`);
    more.addEventListener('click', () => {
      expandedFor = incidentId;
      renderEvidence(incidentId, evidence);
      // Focus moves to the first post that was hidden, not to the page's body.
      const first = list.children[shown];
      if (first instanceof HTMLElement) {
        first.tabIndex = -1;
        first.focus();
      }
    });
    items.push(el('li', { class: 'ev-more' }, more));
  }
  reconcile(list, items);
}
