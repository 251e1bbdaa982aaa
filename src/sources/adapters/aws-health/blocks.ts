/**
 * Update blocks of a legacy `data.json` event description:
 *   <div><span class="yellowfg"> 1:14 PM PDT</span>&nbsp;text</div>
 * A stamp gives only a time of day (sometimes "Sep 6,  8:25 PM PDT" once the day changed):
 * the date comes from the event's `date`, moving to the next day whenever the time would
 * otherwise go backwards. Bilingual pages put "日本語 | English" inside one block, with times
 * of their own in the Japanese half ("日本時間 2021/07/14 23:01"): only the stamp counts.
 */
import { htmlToText } from '../../text.js';
import { monthIndex, nearestYear, wallClockToEpoch, zoneOffsetMinutes } from '../../kit/feed-times.js';

export interface Block {
  /** Epoch ms of the update. */
  at: number;
  text: string;
}

const STAMP = /<span\b[^>]*>\s*((?:[A-Za-z]{3}\s+\d{1,2},\s*)?\d{1,2}:\d{2}\s*(?:AM|PM)?\s*[A-Za-z]{2,5})\s*<\/span\s*>/gi;
const PARTS = /^(?:([A-Za-z]{3})\s+(\d{1,2}),\s*)?(\d{1,2}):(\d{2})\s*(AM|PM)?\s*([A-Za-z]{2,5})$/i;
const DAY = 86_400_000;

interface Stamp {
  month: number | null;
  day: number | null;
  hour: number;
  minute: number;
  offset: number | null;
}

function readStamp(s: string): Stamp | null {
  const m = PARTS.exec(s.replace(/\s+/g, ' ').trim());
  if (!m) return null;
  let hour = Number(m[3]);
  if (m[5]) hour = (hour % 12) + (m[5].toUpperCase() === 'PM' ? 12 : 0);
  return {
    month: m[1] ? monthIndex(m[1]) : null,
    day: m[2] ? Number(m[2]) : null,
    hour,
    minute: Number(m[4]),
    offset: zoneOffsetMinutes(m[6]),
  };
}

/** The wall-clock date (in the given offset) of an instant. */
function localDate(at: number, offset: number): { y: number; m: number; d: number } {
  const t = new Date(at + offset * 60_000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth(), d: t.getUTCDate() };
}

/**
 * The instant of one stamp. `previous` is the last block's instant (null for the first block,
 * which instead takes the day that puts it nearest the event's own `date`).
 */
function stampInstant(s: Stamp, offset: number, eventDate: number, previous: number | null): number | null {
  if (s.month !== null && s.day !== null) {
    return nearestYear(s.month, s.day, s.hour, s.minute, offset, previous ?? eventDate);
  }
  const ref = previous ?? eventDate;
  const { y, m, d } = localDate(ref, offset);
  const sameDay = wallClockToEpoch(y, m, d, s.hour, s.minute, offset);
  if (sameDay === null) return null;
  if (previous === null) {
    // The event's date is its first update, give or take seconds; a stamp just past midnight
    // of the next day (or just before it) must not land a whole day away.
    return [sameDay - DAY, sameDay, sameDay + DAY].reduce((a, b) => (Math.abs(b - eventDate) < Math.abs(a - eventDate) ? b : a));
  }
  return sameDay < previous ? sameDay + DAY : sameDay;
}

/** The blocks in document order; a description without stamps is one block at the event date. */
export function readBlocks(description: string, eventDate: number): Block[] {
  const stamps = [...description.matchAll(STAMP)];
  if (!stamps.length) {
    const text = htmlToText(description);
    return text ? [{ at: eventDate, text }] : [];
  }
  const out: Block[] = [];
  let previous: number | null = null;
  let lastOffset: number | null = null;
  stamps.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = i + 1 < stamps.length ? (stamps[i + 1]!.index ?? description.length) : description.length;
    const text = htmlToText(description.slice(start, end));
    const stamp = readStamp(m[1]!);
    const offset = stamp?.offset ?? lastOffset ?? 0;
    lastOffset = offset;
    // An unreadable stamp keeps the previous block's time rather than inventing one.
    const at = (stamp ? stampInstant(stamp, offset, eventDate, previous) : null) ?? previous ?? eventDate;
    previous = at;
    out.push({ at, text });
  });
  return out;
}
