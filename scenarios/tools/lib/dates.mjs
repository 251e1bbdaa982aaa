// Time helpers. The data files give times as ISO 8601 strings (UTC); the code works in epoch ms.
import { int } from './random.mjs';

export const ms = (iso) => Date.parse(iso);
/** X gives created_at to the second: "…T17:41:12.000Z". */
export const isoSec = (t) => new Date(Math.floor(t / 1000) * 1000).toISOString();
/** "HHMM" in UTC, for file names. */
export const hhmm = (t) => new Date(t).toISOString().slice(11, 16).replace(':', '');

/**
 * A written post's time: `iso` as given when it has milliseconds, else plus random milliseconds,
 * so that posts written to the second still get the sub-second spread real ones have.
 */
export const withMs = (rnd, iso) => (/\.\d{3}Z$/.test(iso) ? ms(iso) : ms(iso) + int(rnd, 0, 999));

/** Times from `from` to `to` (both included), `stepMs` apart. */
export function every(from, to, stepMs) {
  const out = [];
  for (let t = from; t <= to; t += stepMs) out.push(t);
  return out;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n) => String(n).padStart(2, '0');
/** RFC 822 date in a fixed zone: rfc822(t, { name: 'PST', offset_minutes: -480 }) → "Tue, 28 Feb 2017 09:37:00 PST". */
export function rfc822(t, zone) {
  const d = new Date(t + zone.offset_minutes * 60_000);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${zone.name}`;
}
