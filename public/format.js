// @ts-check
// Words for numbers on the page: durations, running clocks and counted nouns. The server's
// src/domain/duration.ts follows the same rule, so the API's sentences and the page read alike.

/** @param {number} n */
const pad = (n) => String(n).padStart(2, '0');

/**
 * A settled duration: "40 s", "11 min", "1 h 58 min", "3 d 4 h".
 * @param {number} totalSeconds
 */
export function duration(totalSeconds) {
  const s = Math.max(0, Math.round(Number(totalSeconds) || 0));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/**
 * A running clock, to the second: "45 s", "12 min 04 s", "2 h 03 min 09 s".
 * @param {number} totalSeconds
 */
export function clock(totalSeconds) {
  const s = Math.max(0, Math.floor(Number(totalSeconds) || 0));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h} h ${pad(m)} min ${pad(s % 60)} s`;
  if (m > 0) return `${m} min ${pad(s % 60)} s`;
  return `${s} s`;
}

/**
 * "1 post", "2 posts", "0 posts".
 * @param {number} n
 * @param {string} one
 */
export function plural(n, one, many = `${one}s`) {
  const k = Number(n) || 0;
  return `${k} ${k === 1 ? one : many}`;
}
