// @ts-check
// The incident cards on screen: which element shows which incident, focus among them, the open
// marker, in-place updates from the live stream, and evidence loaded as cards come into view.

import { card, fillCardEvidence } from './card.js';
import { cachedDetail, getDetail } from './details.js';
import { el } from './dom.js';
import { state } from './state.js';

/** @typedef {import('./types/api.js').Incident} Incident */

/** Card elements by incident id, for in-place updates. @type {Map<string, HTMLElement>} */
const cardsById = new Map();

/**
 * Fills a list (<ol>) with the incidents' cards; `clearCards()` first when re-rendering all.
 * @param {HTMLElement} list
 * @param {Incident[]} incidents
 */
export function fillList(list, incidents) {
  list.replaceChildren(...incidents.map((inc) => el('li', { class: 'card-item' }, placed(inc))));
}

export function clearCards() {
  cardsById.clear();
}

/**
 * A card, registered as the one showing its incident.
 * @param {Incident} inc
 */
function placed(inc) {
  const art = card(inc);
  cardsById.set(inc.id, art);
  return art;
}

/** The incident id of the card that has focus, if any. */
export function focusedCardId() {
  const a = document.activeElement;
  const c = a instanceof Element ? a.closest('.card') : null;
  return c ? c.getAttribute('data-id') : null;
}

/**
 * Focuses an incident's card link; false when it is not in the feed.
 * @param {string} id
 */
export function focusCard(id, scroll = true) {
  const art = cardsById.get(id);
  const link = art && art.querySelector('.card-link');
  if (!(link instanceof HTMLElement)) return false;
  link.focus({ preventScroll: true });
  if (scroll) link.closest('.card')?.scrollIntoView({ block: 'nearest' });
  state.currentId = id;
  return true;
}

/** Marks the card of the incident in the panel. */
export function setOpenMarker() {
  for (const [id, art] of cardsById) art.classList.toggle('is-open', id === state.openId);
}

/**
 * An event's incident replaces its card at once; the ranked feed reloads right after.
 * @param {Incident} inc
 */
export function patchIncident(inc) {
  for (const list of [state.active, state.recent]) {
    const i = list.findIndex((x) => x.id === inc.id);
    if (i >= 0) list[i] = inc;
  }
  const old = cardsById.get(inc.id);
  if (!old) return;
  const hadFocus = old.contains(document.activeElement);
  const fresh = placed(inc);
  fresh.classList.add('is-updated');
  old.replaceWith(fresh);
  if (hadFocus) focusCard(inc.id, false);
  observeCards();
}

// Details (evidence) load for the cards on screen, a few at a time, once per incident version.

/** @param {Element} art */
function loadCardEvidence(art) {
  const id = art.getAttribute('data-id');
  const version = art.getAttribute('data-version');
  if (!id) return;
  getDetail(id, version)
    .then((detail) => {
      const box = cardsById.get(id)?.querySelector('.card-evidence');
      if (box) fillCardEvidence(box, detail);
    })
    .catch(() => {});
}

/** @type {IntersectionObserver | null} */
const observer =
  'IntersectionObserver' in window
    ? new IntersectionObserver(
        (entries) => {
          for (const e of entries) {
            if (!e.isIntersecting) continue;
            observer?.unobserve(e.target);
            loadCardEvidence(e.target);
          }
        },
        { rootMargin: '200px' },
      )
    : null;

/** Asks for the evidence of every card whose detail of its version is not cached yet. */
export function observeCards() {
  for (const art of cardsById.values()) {
    const id = art.getAttribute('data-id');
    if (id && cachedDetail(id, art.getAttribute('data-version'))) continue;
    if (observer) observer.observe(art);
    else loadCardEvidence(art);
  }
}
