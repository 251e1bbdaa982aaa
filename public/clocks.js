// @ts-check
// Running clocks ("status page silent for …") that never run backwards.
//
// A clock shows (server now − its start). The page estimates the server's "now" from each feed
// answer; the estimate moves a little with every reload (network time), and it once moved back
// by most of a minute every minute, when the API served a cached generated_at. Whatever the
// estimate does, a clock keeps the highest second shown for its start, so every clock for the
// same start (card, "At a glance", incident view) shows one value that only holds or moves on,
// even when the card is re-rendered.

import { clock } from './format.js';

/** Start time (ms) -> the highest whole second shown for it. @type {Map<number, number>} */
const highest = new Map();

/**
 * Forgets the values shown: the next value of each clock is taken as it is. For a clock that
 * was itself wrong (a demo's replay clock that over-ran the server's) and is set back.
 */
export function resetClocks() {
  highest.clear();
}

/**
 * Seconds since `sinceMs` at `nowMs`, never fewer than already shown for that start.
 * @param {number} sinceMs
 * @param {number} nowMs
 */
export function clockSeconds(sinceMs, nowMs) {
  const seconds = Math.max(0, Math.floor((nowMs - sinceMs) / 1000));
  const value = Math.max(highest.get(sinceMs) ?? 0, seconds);
  highest.set(sinceMs, value);
  return value;
}

/**
 * @param {number} sinceMs
 * @param {number} nowMs
 */
export function clockText(sinceMs, nowMs) {
  return clock(clockSeconds(sinceMs, nowMs));
}

/**
 * Updates every `.clock[data-since]` below `root` to `nowMs`.
 * @param {number} nowMs
 * @param {ParentNode} [root]
 */
export function tickClocks(nowMs, root = document) {
  for (const c of root.querySelectorAll('.clock[data-since]')) {
    const since = Number(c.getAttribute('data-since'));
    if (Number.isFinite(since)) c.textContent = clockText(since, nowMs);
  }
}
