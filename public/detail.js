// @ts-check
// The incident panel (#/incidents/:id): opening and closing it from the address's hash, focus
// going in and back to the card, and, on a narrow screen, the page behind it made inert.

import { getDetail, listedIncident, versionOf } from './details.js';
import { clearDetail, renderDetail } from './detail-view.js';
import { loadNotice } from './notice.js';
import { focusCard, setOpenMarker } from './cards.js';
import { routedIncidentId } from './route.js';
import { httpError } from './api.js';
import { $ } from './dom.js';
import { state } from './state.js';

/** On a phone the panel covers the page: keep Tab and screen readers inside it. */
const narrow = window.matchMedia('(max-width: 999px)');

/** @param {boolean} on */
function setBackgroundInert(on) {
  for (const node of document.querySelectorAll('.top, .replay, .filters, .feed, .glance, .keys, .skip')) {
    if (node instanceof HTMLElement) node.inert = on;
  }
}

/** Follows the screen's width while the panel is open. */
export function watchScreenWidth() {
  narrow.addEventListener('change', () => setBackgroundInert(narrow.matches && state.openId !== null));
}

/** Opens or closes the panel as the address's hash says. */
export function route() {
  const id = routedIncidentId(location.hash);
  if (id && id === state.openId) return; // popstate and hashchange both report one navigation
  if (id) void openIncident(id, true);
  else closeIncident();
}

/** The version (details.js versionOf) of the incident the panel shows. @type {string | null} */
let shownVersion = null;

/**
 * After a feed reload: the panel's incident is drawn again when it changed since it was drawn
 * (new evidence, a new status), as its card is.
 */
export function refreshOpenIncident() {
  const id = state.openId;
  const summary = id ? listedIncident(id) : undefined;
  if (!id || !summary || versionOf(summary) === shownVersion) return;
  void openIncident(id, false);
}

/**
 * Shows the incident in the panel (again, when an event changed it).
 * @param {string} id
 * @param {boolean} moveFocus to the panel's title
 */
export async function openIncident(id, moveFocus) {
  const switching = state.openId !== id;
  state.openId = id;
  state.currentId = id;
  setOpenMarker();
  $('detail').hidden = false;
  $('main').classList.add('has-detail');
  document.body.classList.add('detail-open');
  setBackgroundInert(narrow.matches);
  if (switching) {
    clearDetail();
    shownVersion = null;
  }
  if (moveFocus) $('detail-title').focus({ preventScroll: false });
  try {
    const summary = listedIncident(id);
    const detail = await getDetail(id, summary ? versionOf(summary) : null);
    if (state.openId !== id) return;
    shownVersion = versionOf(detail);
    renderDetail(detail);
    void loadNotice(detail);
  } catch (e) {
    if (state.openId !== id) return;
    const err = httpError(e);
    $('detail-title').textContent = err.status === 404 ? 'This incident does not exist.' : 'The incident could not be loaded.';
    $('d-where').textContent = err.status === 404 ? '' : err.message;
  }
}

/** Hides the panel; focus goes back to the incident's card, or the feed's heading. */
export function closeIncident() {
  const was = state.openId;
  if (!was) return;
  const focusWasInside = $('detail').contains(document.activeElement) || document.activeElement === document.body;
  state.openId = null;
  $('detail').hidden = true;
  $('main').classList.remove('has-detail');
  document.body.classList.remove('detail-open');
  setBackgroundInert(false);
  setOpenMarker();
  if (focusWasInside && !focusCard(was, true)) $('feed-title').focus();
}

/** Esc: back to the feed, without leaving a #/ in the address. */
export function leaveIncident() {
  history.pushState(history.state, '', `${location.pathname}${location.search}`);
  closeIncident();
}
