/**
 * Plain text from the HTML and entity-encoded strings that feeds and status pages carry.
 * Some feeds encode twice ("&amp;lt;p&amp;gt;"), so decoding repeats until the text is stable.
 */
import { CP1252_HIGH } from './decode.js';
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

/**
 * Entities decoded once. A numeric reference to 128-159 (C1 controls, never meant as text) is
 * read as the windows-1252 character of that byte, as HTML5 does: feeds written in Word carry
 * `don&#146;t` for "don’t" (the five codes windows-1252 leaves unassigned stay as they are).
 */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) return whole;
      if (code >= 0x80 && code <= 0x9f) return CP1252_HIGH[code - 0x80]!;
      try {
        return String.fromCodePoint(code);
      } catch {
        return whole;
      }
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

/**
 * An element name with an optional namespace prefix: Atom `type="xhtml"` content may write its
 * HTML as `<xhtml:div>`, `<xhtml:img …/>`, which must go like `<div>` and `<img>`.
 */
const PREFIX = '(?:[a-z_][\\w.-]*:)?';

/**
 * Elements that separate what is on either side of them (blocks, list items, table cells, a
 * definition list's terms and descriptions): they become a space, so "<dt>Time</dt><dd>21:42</dd>"
 * reads "Time 21:42", not "Time21:42". Inline elements (a, b, span, img...) are removed.
 */
const BLOCK_NAMES = [
  'p|br|hr|div|pre|blockquote|address|center|main|nav|aside|section|article|header|footer|hgroup',
  'h[1-6]|ul|ol|li|dl|dt|dd|dir|menu',
  'table|caption|thead|tbody|tfoot|tr|td|th',
  'figure|figcaption|details|summary|fieldset|legend',
].join('|');
const BLOCK_TAGS = new RegExp(`<\\/?${PREFIX}(?:${BLOCK_NAMES})\\b[^>]*>`, 'gi');
const ANY_TAG = new RegExp(`<\\/?${PREFIX}[a-z][a-z0-9-]*(\\s[^<>]*)?\\/?>`, 'gi');

function stripTagsOnce(s: string): string {
  return s
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(BLOCK_TAGS, ' ')
    .replace(ANY_TAG, '');
}

/**
 * HTML → plain text: tags removed, entities decoded until stable, C1 controls read as
 * windows-1252, whitespace folded. The rounds
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
    .replace(C1_CONTROLS, windows1252Char)
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/**
 * C1 controls are never text: in a feed they are windows-1252 punctuation that was read as
 * Latin-1 by whoever wrote the feed (`don\u0092t`), or a `&#146;` the XML parser already turned
 * into U+0092. Each becomes its windows-1252 character (’), as HTML5 reads `&#146;`.
 */
const C1_CONTROLS = /[\u0080-\u009f]/g;
const windows1252Char = (c: string): string => CP1252_HIGH[c.charCodeAt(0) - 0x80]!;

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
  if (typeof value === 'string') {
    const written = timeWithColon(value);
    if (readWritten(written) !== null) return readWritten(written);
    // Day and month names in another language ("Seg, 24 Set 2018"): Date reads only English.
    const english = englishNames(written);
    return english === null ? null : readWritten(english);
  }
  const d = value instanceof Date ? value : new Date(value);
  const t = d.getTime();
  return Number.isFinite(t) ? d.toISOString() : null;
}

function readWritten(s: string): string | null {
  if (!dayExists(s)) return null;
  const d = new Date(explicitZone(s));
  const t = d.getTime();
  return Number.isFinite(t) ? d.toISOString() : null;
}

/**
 * RFC 822 allows the time without its colon and RSS 0.9x feeds write it so ("03 Apr 02 1500
 * GMT"); Date then reads the day alone and the time of day is lost. A two-digit year becomes
 * four digits as Date reads it (00-49: 20xx), so a zone-less time still gets its UTC reading.
 */
function timeWithColon(s: string): string {
  const m = /^((?:[^\d]*?\s)?\d{1,2}\s+[\p{L}]{3,}\.?\s+)(\d{2}|\d{4})\s+(\d{2})(\d{2})(?=\s|$)/u.exec(s.trim());
  if (!m) return s;
  const year = m[2]!.length === 2 ? String(Number(m[2]) < 50 ? 2000 + Number(m[2]) : 1900 + Number(m[2])) : m[2]!;
  return `${m[1]}${year} ${m[3]}:${m[4]}${s.trim().slice(m[0].length)}`;
}

/**
 * Month names in the languages feeds are commonly written in (English, Portuguese, Spanish,
 * French, German, Italian, Dutch), lower-case and without accents. A word names a month when it
 * starts at least three letters of one month's names and of no other month's ("set", "sept.",
 * "déc", "März", "juil."; "jui" could be juin or juillet and names none).
 */
const MONTH_NAMES: readonly string[][] = [
  ['january', 'janeiro', 'enero', 'janvier', 'januar', 'janner', 'gennaio', 'januari'],
  ['february', 'fevereiro', 'febrero', 'fevrier', 'februar', 'febbraio', 'februari'],
  ['march', 'marco', 'marzo', 'mars', 'marz', 'mrz', 'maart', 'mrt'],
  ['april', 'abril', 'avril', 'aprile'],
  ['may', 'maio', 'mayo', 'mai', 'maggio', 'mei'],
  ['june', 'junho', 'junio', 'juin', 'juni', 'giugno'],
  ['july', 'julho', 'julio', 'juillet', 'juli', 'luglio'],
  ['august', 'agosto', 'aout', 'augustus'],
  ['september', 'setembro', 'septiembre', 'setiembre', 'septembre', 'settembre'],
  ['october', 'outubro', 'octubre', 'octobre', 'oktober', 'ottobre'],
  ['november', 'novembro', 'noviembre', 'novembre'],
  ['december', 'dezembro', 'diciembre', 'decembre', 'dezember', 'dicembre'],
];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Words that join a long date ("24 de setembro de 2018 às 19:42", "Montag, den 24. September"). */
const DATE_JOINERS = new Set(['de', 'del', 'den', 'der', 'di', 'le', 'el', 'a', 'as', 'um', 'om', 'alle', 'at', 'uhr']);

const plainWord = (w: string): string =>
  w
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** 0..11 for a month's name or abbreviation in one of MONTH_NAMES' languages, else null. */
function monthOfWord(token: string): number | null {
  const word = /^(\p{L}+)\.?,?$/u.exec(token)?.[1];
  if (!word) return null;
  const w = plainWord(word);
  if (w.length < 3) return null;
  const months = MONTH_NAMES.flatMap((names, i) => (names.some((n) => n.startsWith(w)) ? [i] : []));
  return months.length === 1 ? months[0]! : null;
}

/**
 * The date with its month named in English and its weekday and joining words dropped, or null
 * when it names no month. A word before the day's number is a weekday when a month follows the
 * number ("Seg, 24 Set 2018"); otherwise it is the month ("Mai 24, 2018").
 */
function englishNames(s: string): string | null {
  const tokens = s
    .trim()
    .replace(/\b(\d{1,2})\.(?=\s*\p{L})/gu, '$1')
    .split(/\s+/);
  const firstDigit = tokens.findIndex((t) => /\d/.test(t));
  if (firstDigit < 0) return null;
  const monthAfterDay = tokens.slice(firstDigit + 1).some((t) => monthOfWord(t) !== null);
  const out: string[] = [];
  let named = false;
  for (const [i, token] of tokens.entries()) {
    const month = monthOfWord(token);
    if (i < firstDigit && (monthAfterDay || month === null)) continue; // a weekday
    if (month !== null && !named) {
      out.push(EN_MONTHS[month]! + (token.endsWith(',') ? ',' : ''));
      named = true;
    } else if (!DATE_JOINERS.has(plainWord(token))) {
      out.push(token);
    }
  }
  return named ? out.join(' ') : null;
}
