/**
 * Times written for people: "Jan  9, 14:40 UTC" in Statuspage feed content and "12:53 PM PDT"
 * in AWS update blocks. They carry a zone abbreviation instead of an offset and usually no
 * year, so the zone comes from a table and the year from a reference date.
 */

/**
 * Offsets in minutes east of UTC for the abbreviations status pages print. The abbreviation is
 * taken as written ("PST" in August is still UTC-8): pages print the zone they mean.
 * Ambiguous ones take the reading status pages use (CST is US Central, IST is India) unless the
 * page's own offset says otherwise (OTHER_READINGS).
 */
const ZONES: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  UT: 0,
  Z: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  CET: 60,
  MET: 60,
  WAT: 60,
  CEST: 120,
  MEST: 120,
  EET: 120,
  SAST: 120,
  CAT: 120,
  IST: 330,
  EEST: 180,
  MSK: 180,
  EAT: 180,
  TRT: 180,
  GST: 240,
  PKT: 300,
  NPT: 345,
  BDT: 360,
  ICT: 420,
  WIB: 420,
  SGT: 480,
  HKT: 480,
  AWST: 480,
  PHT: 480,
  WITA: 480,
  JST: 540,
  KST: 540,
  WIT: 540,
  ACST: 570,
  ACDT: 630,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  HST: -600,
  AKST: -540,
  AKDT: -480,
  PST: -480,
  PDT: -420,
  MST: -420,
  MDT: -360,
  CST: -360,
  CDT: -300,
  EST: -300,
  EDT: -240,
  AST: -240,
  ADT: -180,
  NST: -210,
  NDT: -150,
  // Israel's summer time, Hawaii-Aleutian summer time, Samoa and Chamorro (Guam), as tzdata prints them.
  IDT: 180,
  HDT: -540,
  SST: -660,
  CHST: 600,
  BRT: -180,
  ART: -180,
  CLT: -240,
  CLST: -180,
};

/**
 * The other zones an abbreviation of the table names, minutes east of UTC. Pages in Beijing print
 * CST (+08), in Jerusalem and Dublin IST (+02, +01), in Manila PST (+08); older tzdata printed AST
 * for Riyadh (+03) and BST for Dhaka (+06). The page's own offset tells which one it meant.
 */
const OTHER_READINGS: Readonly<Record<string, readonly number[]>> = {
  CST: [480],
  IST: [120, 60],
  PST: [480],
  AST: [180],
  BST: [360],
};

/** The reading of an abbreviation that fits the page's offset (a daylight-saving hour apart at most). */
function readingNear(usual: number, others: readonly number[], pageOffset: number): number {
  if (Math.abs(usual - pageOffset) <= 60) return usual;
  const fits = others.filter((o) => Math.abs(o - pageOffset) <= 60).sort((a, b) => Math.abs(a - pageOffset) - Math.abs(b - pageOffset));
  return fits[0] ?? usual;
}

/**
 * Minutes east of UTC for an abbreviation or a numeric offset ("+0530", "UTC+2"), else null.
 * `pageOffset` is the offset the page's own dates carry (a feed entry's `published`), when known
 * and not zero: it picks between the readings of an ambiguous abbreviation, and stands in for an
 * abbreviation the table does not know (a page prints the zone it lives in).
 */
export function zoneOffsetMinutes(zone: string | null | undefined, pageOffset?: number | null): number | null {
  if (!zone) return null;
  const z = zone.trim().toUpperCase();
  const known = ZONES[z];
  const hint = pageOffset ? pageOffset : null;
  if (known !== undefined) return hint === null ? known : readingNear(known, OTHER_READINGS[z] ?? [], hint);
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (!m) return /^[A-Z]{3,5}$/.test(z) ? hint : null;
  // Real offsets run from -12:00 to +14:00; "+99" is no zone.
  if (Number(m[2]) > 14 || Number(m[3] ?? 0) > 59) return null;
  const mins = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -mins : mins;
}

/**
 * The offset a machine-written date declares, in minutes east of UTC: "2019-11-20T18:35:28-08:00"
 * (Atom) → -480, "Thu, 23 Dec 2021 10:30:37 +0100" (RSS) → 60, "…Z" or "… GMT" → 0; null when
 * it names none.
 */
export function declaredOffsetMinutes(date: string | null | undefined): number | null {
  if (!date) return null;
  const s = date.trim();
  if (/(?:\dZ|\s(?:GMT|UTC|UT|Z))$/i.test(s)) return 0;
  const m = /[\dT\s]([+-])(\d{2}):?(\d{2})$/.exec(s);
  if (!m || Number(m[2]) > 14 || Number(m[3]) > 59) return null;
  const mins = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -mins : mins;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** 0..11 for "Jan".."Dec" (any case, full names too), else null. */
export function monthIndex(name: string): number | null {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i >= 0 ? i : null;
}

/** Epoch ms of a wall-clock time in a fixed offset, or null when the date does not exist. */
export function wallClockToEpoch(year: number, month: number, day: number, hour: number, minute: number, offsetMinutes: number): number | null {
  if (hour > 23 || minute > 59 || day < 1 || day > 31) return null;
  const local = Date.UTC(year, month, day, hour, minute);
  const d = new Date(local);
  // Date.UTC rolls Feb 30 over to March; such a date is not the one written.
  if (d.getUTCMonth() !== month || d.getUTCDate() !== day) return null;
  return local - offsetMinutes * 60_000;
}

/**
 * The instant of a yearless wall-clock time, taking the year that puts it nearest `reference`
 * (epoch ms): a December update in an entry dated January belongs to the year before.
 */
export function nearestYear(month: number, day: number, hour: number, minute: number, offsetMinutes: number, reference: number): number | null {
  const y = new Date(reference).getUTCFullYear();
  let best: number | null = null;
  for (const year of [y - 1, y, y + 1]) {
    const t = wallClockToEpoch(year, month, day, hour, minute, offsetMinutes);
    if (t !== null && (best === null || Math.abs(t - reference) < Math.abs(best - reference))) best = t;
  }
  return best;
}

/**
 * A yearless "Mon D, HH:MM ZONE" (optionally with a year) as printed in Statuspage feeds. The zone
 * is an abbreviation ("UTC", "PST"), "GMT+8" / "UTC-03:30", or a bare numeric offset of two or
 * four digits ("+08", "-03", "+0530", "+05:30"), as pages in zones without an abbreviation print it.
 */
export interface FeedStamp {
  month: number;
  day: number;
  year: number | null;
  hour: number;
  minute: number;
  zone: string;
}

const FEED_STAMP =
  /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s*(?:(\d{4})\s*[-,]?\s*)?(\d{1,2}):(\d{2})\s*(AM|PM)?\s*([A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Reads the text of a feed update's time stamp, or null when it is not one. */
export function readFeedStamp(text: string): FeedStamp | null {
  const m = FEED_STAMP.exec(text.replace(/[\s\u00a0]+/g, ' ').trim());
  if (!m) return null;
  const month = monthIndex(m[1]!);
  if (month === null) return null;
  let hour = Number(m[4]);
  const ampm = m[6]?.toUpperCase();
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (ampm === 'PM' ? 12 : 0);
  }
  return { month, day: Number(m[2]), year: m[3] ? Number(m[3]) : null, hour, minute: Number(m[5]), zone: m[7] ?? 'UTC' };
}

/**
 * The instant a feed stamp names: its zone converted to UTC (read against the page's own offset,
 * see zoneOffsetMinutes), its year when written, else the year nearest `reference`. Null when the
 * zone is unknown or the date impossible.
 */
export function stampToEpoch(s: FeedStamp, reference: number, pageOffset?: number | null): number | null {
  const offset = zoneOffsetMinutes(s.zone, pageOffset);
  if (offset === null) return null;
  if (s.year !== null) return wallClockToEpoch(s.year, s.month, s.day, s.hour, s.minute, offset);
  return nearestYear(s.month, s.day, s.hour, s.minute, offset, reference);
}
