// @ts-check
// The incident cards on screen: which element shows which incident, focus among them, the open
// marker, in-place updates (a reload keeps the card of an unchanged incident as it is, and moves
// cards only where the order changed), and evidence loaded as cards come into view.

import { card, fillCardEvidence } from './card.js';
import { cachedDetail, getDetail, versionOf } from './details.js';
import { el, reconcile } from './dom.js';
import { state } from './state.js';

/** @typedef {import('./types/api.js').Incident} Incident */

/** Card elements by incident id, for in-place updates. @type {Map<string, HTMLElement>} */
let cardsById = new Map();

/** What each card was drawn from: an incident drawn the same is not drawn again. @type {WeakMap<Element, string>} */
const drawnFrom = new WeakMap();

/**
 * True when the person has selected text inside `root`: redrawing it would wipe the selection.
 * @param {Element} root
 */
export function selectionInside(root) {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || sel.rangeCount === 0) return false;
  return root.contains(sel.anchorNode) || root.contains(sel.focusNode);
}

/**
 * The card for an incident: the one on screen when it shows the same data, else a new one that
 * keeps the old card's evidence until this version's evidence has loaded (no placeholder flash).
 * @param {Incident} inc
 * @param {Set<Element>} used cards already placed in this render
 */
function cardFor(inc, used) {
  const sig = JSON.stringify(inc);
  const old = cardsById.get(inc.id);
  // Unchanged, or holding the person's text selection (redrawn once the selection is gone).
  if (old && !used.has(old) && (drawnFrom.get(old) === sig || selectionInside(old))) return old;
  const art = card(inc);
  drawnFrom.set(art, sig);
  const oldEv = old?.querySelector('.card-evidence');
  if (oldEv && oldEv.querySelector('.ev-top') && !cachedDetail(inc.id, versionOf(inc))) art.querySelector('.card-evidence')?.replaceWith(oldEv);
  return art;
}

/**
 * Draws each list (<ol>) with its incidents' cards, updating the cards on screen in place.
 * Focus stays where it was, or on the card of its incident when that card was redrawn.
 * @param {[HTMLElement, Incident[]][]} lists
 */
export function syncLists(lists) {
  const active = document.activeElement;
  const focusedId = focusedCardId();
  /** @type {Map<string, HTMLElement>} */
  const next = new Map();
  /** @type {Set<Element>} */
  const used = new Set();
  for (const [list, incidents] of lists) {
    const items = incidents.map((inc) => {
      const art = cardFor(inc, used);
      used.add(art);
      next.set(inc.id, art);
      const old = cardsById.get(inc.id);
      let li = art.parentElement?.classList.contains('card-item') ? art.parentElement : null;
      if (!li && old && old !== art && old.parentElement?.classList.contains('card-item') && !used.has(old.parentElement)) {
        li = old.parentElement;
        old.replaceWith(art);
      }
      if (!li) li = el('li', { class: 'card-item' }, art);
      used.add(li);
      return li;
    });
    reconcile(list, items);
  }
  cardsById = next;
  if (active instanceof HTMLElement && document.activeElement !== active) {
    if (active.isConnected) active.focus({ preventScroll: true });
    else if (focusedId) focusCard(focusedId, false);
  }
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
  if (!old || selectionInside(old)) return; // the reload that follows redraws it, once the selection is gone
  const hadFocus = old.contains(document.activeElement);
  const fresh = card(inc);
  drawnFrom.set(fresh, JSON.stringify(inc));
  cardsById.set(inc.id, fresh);
  const oldEv = old.querySelector('.card-evidence');
  if (oldEv && oldEv.querySelector('.ev-top') && !cachedDetail(inc.id, versionOf(inc))) fresh.querySelector('.card-evidence')?.replaceWith(oldEv);
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
