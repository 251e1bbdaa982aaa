// @ts-check
// Telling people what happened without moving their focus: the screen-reader announcer and the
// toast (both regions of index.html).

import { $ } from './dom.js';

/**
 * Says `text` to screen readers (#announcer, aria-live).
 * @param {string} text
 */
export function announce(text) {
  const a = $('announcer');
  a.textContent = '';
  // A fresh text node after a tick, so screen readers read repeats too.
  setTimeout(() => (a.textContent = text), 30);
}

let toastTimer = 0;

/**
 * Shows `text` for a few seconds at the bottom of the page.
 * @param {string} text
 */
export function toast(text) {
  const t = $('toast');
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (t.hidden = true), 3500);
}
