/**
 * Plain text from the HTML and entity-encoded strings that feeds and status pages carry.
 * Some feeds encode twice ("&amp;lt;p&amp;gt;"), so decoding repeats until the text is stable.
 */
import { monthIndex, zoneOffsetMinutes } from './kit/feed-times.js';

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  copy: '©',
  reg: '®',
  trade: '™',
  bull: '•',
  middot: '·',
  laquo: '«',
  raquo: '»',
  euro: '€',
  pound: '£',
  deg: '°',
  times: '×',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) return whole;
      try {
        return String.fromCodePoint(code);
      } catch {
        return whole;
      }
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

const BLOCK_TAGS = /<\/?(p|br|div|li|ul|ol|tr|td|th|table|h[1-6]|blockquote|pre|hr|section|article|header|footer)\b[^>]*>/gi;

function stripTagsOnce(s: string): string {
  return s
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(BLOCK_TAGS, ' ')
    .replace(/<\/?[a-z][a-z0-9-]*(\s[^<>]*)?\/?>/gi, '');
}

/**
 * HTML → plain text: tags removed, entities decoded until stable, whitespace folded. The rounds
 * are bounded (a document can nest encodings without end); tags are stripped once more after
 * the last decode, so a text encoded more often than the bound still never comes out as markup.
 */
export function htmlToText(input: string | null | undefined): string {
  if (!input) return '';
  let s = input;
  for (let i = 0; i < 10; i++) {
    const next = decodeEntities(stripTagsOnce(s));
    if (next === s) break;
    s = next;
  }
  return stripTagsOnce(s)
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/**
 * Plain text that escapes a few characters as entities and has no markup (X tweet text, where
 * `<`, `>` and `&` come as `&lt;`, `&gt;`, `&amp;`): entities decoded until stable, as every
 * post text is, and whitespace folded, but nothing removed: `<stdin>` or `a<b and c>d` there
 * are words, not tags.
 */
export function entitiesToText(input: string | null | undefined): string {
  if (!input) return '';
  let s = input;
  for (let i = 0; i < 10; i++) {
    const next = decodeEntities(s);
    if (next === s) break;
    s = next;
  }
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

const ISO_WITHOUT_ZONE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;
const ENDS_WITH_OFFSET = /(?:\dZ|[+-]\d{2}:?\d{2})$/i;
const ENDS_WITH_ZONE_WORD = /\s\(?([A-Za-z]{1,5})\)?$/;
const WRITTEN_DATE = [
  /^(\d{4})-(\d{2})-(\d{2})/, // 2023-05-10
  /\b(\d{1,2}) ([A-Za-z]{3,9})\.? (\d{4})\b/, // 10 May 2023
  /\b([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})\b/, // May 10, 2023
];

/**
 * The date string with its zone made explicit, for Date to read the same on every machine: a
 * time written without a zone is UTC (Date would read it in the host's zone, so one document
 * gave other times under another TZ), and a zone abbreviation Date does not know (CEST, BST, JST,
 * IST...) becomes its offset (Date gave up, and the item was dated "now" at every poll).
 */
function explicitZone(raw: string): string {
  let s = raw.trim();
  // Only what looks like a date gets a zone: Date reads "soon GMT" as a day in 2001.
  if (ENDS_WITH_OFFSET.test(s) || !/\b\d{4}\b/.test(s)) return s;
  // "GMT+1", "UTC-5": a short offset Date reads as written.
  if (/\s(?:GMT|UTC|UT)[+-]\d{1,2}(?::?\d{2})?$/i.test(s)) return s;
  let offset = 0;
  const word = ENDS_WITH_ZONE_WORD.exec(s);
  // "10:00 AM" ends with a word that is no zone: the time is zone-less, so UTC.
  if (word && !/^[ap]m$/i.test(word[1]!)) {
    const known = zoneOffsetMinutes(word[1]);
    if (known === null) return s; // a word we do not know: Date reads it or gives up, as before
    offset = known;
    s = s.slice(0, word.index);
  }
  const a = Math.abs(offset);
  const hh = String(Math.floor(a / 60)).padStart(2, '0');
  const mm = String(a % 60).padStart(2, '0');
  const sign = offset < 0 ? '-' : '+';
  const iso = ISO_WITHOUT_ZONE.exec(s);
  if (iso) return `${iso[1]}T${iso[2]}${sign}${hh}:${mm}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return `${s}T00:00${sign}${hh}:${mm}`;
  return `${s} GMT${sign}${hh}${mm}`;
}

/** False for a written day that does not exist (31 Feb), which Date would roll over into March. */
function dayExists(s: string): boolean {
  for (const [i, re] of WRITTEN_DATE.entries()) {
    const m = re.exec(s);
    if (!m) continue;
    const [year, month, day] =
      i === 0
        ? [Number(m[1]), Number(m[2]) - 1, Number(m[3])]
        : i === 1
          ? [Number(m[3]), monthIndex(m[2]!), Number(m[1])]
          : [Number(m[3]), monthIndex(m[1]!), Number(m[2])];
    if (month === null) continue;
    const d = new Date(Date.UTC(year, month, day));
    return d.getUTCMonth() === month && d.getUTCDate() === day;
  }
  return true;
}

/**
 * Any date string or epoch → ISO-8601 UTC with milliseconds, or null when unreadable or when the
 * day written does not exist. A string without a zone is read as UTC, whatever the host's TZ.
 */
export function toIso(value: string | number | Date | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' && !dayExists(value)) return null;
  const d = value instanceof Date ? value : new Date(typeof value === 'string' ? explicitZone(value) : value);
  const t = d.getTime();
  return Number.isFinite(t) ? d.toISOString() : null;
}
