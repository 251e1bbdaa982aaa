/**
 * Plain text from the HTML and entity-encoded strings that feeds and status pages carry.
 * Some feeds encode twice ("&amp;lt;p&amp;gt;"), so decoding repeats until the text is stable.
 */

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

/** HTML → plain text: tags removed, entities decoded until stable, whitespace folded. */
export function htmlToText(input: string | null | undefined): string {
  if (!input) return '';
  let s = input;
  for (let i = 0; i < 5; i++) {
    const next = decodeEntities(stripTagsOnce(s));
    if (next === s) break;
    s = next;
  }
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Any date string or epoch → ISO-8601 UTC with milliseconds, or null when unreadable. */
export function toIso(value: string | number | Date | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const d = value instanceof Date ? value : new Date(value);
  const t = d.getTime();
  return Number.isFinite(t) ? d.toISOString() : null;
}
