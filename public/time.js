// @ts-check
// Time on the page: the server's "now" (in a demo, the replay's clock), times as <time>
// elements, "5 min ago" that stays fresh, and the tick that moves every clock.

import { state } from './state.js';
import { replayActive, replayNow, replayTimeZone } from './replay.js';
import { duration } from './format.js';
import { tickClocks } from './clocks.js';
import { el } from './dom.js';

/**
 * The server's "now" in ms. In a demo that is the replay's clock, which runs at the replay's
 * speed. While the server cannot be reached the clocks stop at the last time it was seen.
 */
export const serverNow = () => (replayActive() ? replayNow() : state.lostAt !== null ? state.lostAt : Date.now() + state.skewMs);

/** @param {string} iso */
function fmtAgo(iso) {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '';
  const s = (serverNow() - t) / 1000;
  if (s < 45) return 'just now';
  return `${duration(s)} ago`;
}

/** @typedef {{ time: Intl.DateTimeFormat, dateTime: Intl.DateTimeFormat, day: Intl.DateTimeFormat }} Formats */

/** Formatters by zone: this browser's, or in a demo the scenario's, so card times match the banner. @type {Map<string, Formats>} */
const formatters = new Map();

/**
 * @param {string | undefined} timeZone
 * @returns {Formats}
 */
function formatsFor(timeZone) {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    let zone = timeZone;
    try {
      new Intl.DateTimeFormat(undefined, { timeZone: zone });
    } catch {
      zone = undefined;
    }
    // Every time names its zone ("09:47 AM PST"): an agent copies it into a ticket or a customer
    // reply, and in a demo the page tells the scenario's zone, not the agent's.
    f = {
      time: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone: zone }),
      dateTime: new Intl.DateTimeFormat(undefined, {
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZoneName: 'short',
        timeZone: zone,
      }),
      day: new Intl.DateTimeFormat('en-CA', { timeZone: zone }),
    };
    formatters.set(key, f);
  }
  return f;
}

/**
 * The time of day when it is today (server time), else the date and time; with the zone.
 * @param {string} iso
 * @param {number} [nowMs] the server's now, when the caller has it
 */
function fmtWhen(iso, nowMs = serverNow()) {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return String(iso);
  const f = formatsFor(replayTimeZone());
  const d = new Date(t);
  return f.day.format(new Date(nowMs)) === f.day.format(d) ? f.time.format(d) : f.dateTime.format(d);
}

/**
 * A time as the page shows it ("09:56 AM PST", or with the date when not today).
 * @param {number} ms
 */
export const whenText = (ms) => fmtWhen(new Date(ms).toISOString());

/** @param {string} iso */
function utc(iso) {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : String(iso);
}

/**
 * <time> with the local time, the UTC time as tooltip, and optionally "(5m ago)" kept fresh.
 * @param {string} iso
 */
export function timeEl(iso, withAgo = false) {
  const t = el('time', { datetime: iso, title: utc(iso), 'data-when': '' }, fmtWhen(iso));
  if (!withAgo) return t;
  return el('span', { class: 'when' }, t, ' ', el('span', { class: 'ago', 'data-ago': iso }, `(${fmtAgo(iso)})`));
}

/**
 * Moves every running clock and "ago" on the page to now, and tells every time again: a card
 * drawn before the demo's replay answered told its times in this browser's zone, beside times
 * in the scenario's; and a time of day gains its date once that day is no longer today.
 */
export function tick() {
  const now = serverNow();
  tickClocks(now);
  for (const a of document.querySelectorAll('[data-ago]')) a.textContent = `(${fmtAgo(a.getAttribute('data-ago') ?? '')})`;
  for (const t of document.querySelectorAll('time[data-when]')) {
    const text = fmtWhen(t.getAttribute('datetime') ?? '', now);
    if (t.textContent !== text) t.textContent = text; // unchanged text is left alone: a selection in it survives
  }
}
