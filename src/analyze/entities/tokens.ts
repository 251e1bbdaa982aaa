/**
 * A post cut into the word tokens the entity extractor matches (index.ts): words, `@handles`,
 * `#hashtags` and URLs, each with what the matching rules need to know about how it was written
 * (capitalised, at a sentence start, possessive, in a title-case headline).
 */
import { sentenceStart } from '../sentences.js';

export interface Token {
  key: string;
  surface: string;
  /** Where the token's word starts and ends in the text. */
  at: number;
  end: number;
  /** Written with a capital first letter (handles and hashtags count as capitalised). */
  capital: boolean;
  /** Capitalised and not the first word of a sentence. */
  midCapital: boolean;
  /** A word of running text: not a handle, a hashtag or a part of a URL. */
  plain: boolean;
  /** Written with "'s" ("Stripe's", "Discord's down"). */
  possessive: boolean;
  /** Which sentence of the post it is in: context words count within a sentence only. */
  sentence: number;
}

/** Ways a token names a provider outright: a status page URL or host, a handle, a hashtag. */
export interface NameHooks {
  url(url: string): string | null;
  handle(handle: string): string | null;
  hashtag(tag: string): string | null;
  /** A host written without a scheme ("githubstatus.com"). */
  host(host: string): string | null;
}

export interface Tokenized {
  tokens: Token[];
  /** Providers named by a URL, host, handle or hashtag, with the token position of the mention. */
  named: Array<[string, number]>;
  /**
   * Whether the sentence around a token is written in Title Case or in capitals, so that the
   * token's own capital says nothing ("Build a Serverless Slack Bot"; the token itself does not
   * count towards the verdict).
   */
  inTitleCase(token: Token): boolean;
}

const WORD_RE = /(https?:\/\/[^\s/?#]+[^\s]*)|(@[a-z0-9_]+(?:@[a-z0-9.-]+\.[a-z]{2,})?(?:\.[a-z0-9-]+)*)|#([\p{L}\p{N}_]+)|([\p{L}\p{N}]+)(?:['’]s\b)?/giu;

/** A host name written in running text ("githubstatus.com", "status.aws.amazon.com"). */
const HOST_RE = /(?:[a-z0-9-]+\.)+[a-z]{2,}\b/iy;

/** The matching key of a word: lower case, a plural "s" dropped ("droplets", "s3s"). */
export function wordKey(word: string): string {
  let w = word.toLowerCase();
  if (w.endsWith('s') && !w.endsWith('ss') && (w.length > 3 || /\ds$/.test(w))) w = w.slice(0, -1);
  // Availability-zone suffixes: "us-east-1a" is in us-east-1.
  if (/^\d[a-f]$/.test(w)) w = w[0];
  return w;
}

/** Does text[from, to) hold a sentence end: a newline, or ".", "!", "?" before a space or the end? */
function hasSentenceEnd(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    if (c === 46 || c === 33 || c === 63) {
      const n = text.charCodeAt(i + 1);
      if (Number.isNaN(n) || n === 32 || n === 9 || n === 10 || n === 13 || n === 160) return true;
    }
  }
  return false;
}

function isCapital(s: string): boolean {
  const c = s.charCodeAt(0);
  return c > 127 ? /^\p{Lu}/u.test(s) : c >= 65 && c <= 90;
}

export function tokenize(text: string, hooks: NameHooks): Tokenized {
  const tokens: Token[] = [];
  const named: Array<[string, number]> = [];
  let sentence = 0;
  let lastEnd = 0;
  const push = (t: Omit<Token, 'sentence'>): void => {
    // The gap and the token's first character: "status.slack.com" has no sentence end in it.
    if (t.at > lastEnd && hasSentenceEnd(text, lastEnd, t.at)) sentence++;
    if (t.end > lastEnd) lastEnd = t.end;
    (t as Token).sentence = sentence;
    tokens.push(t as Token);
  };
  WORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD_RE.exec(text)) !== null) {
    const at = m.index;
    const end = at + m[0].length;
    if (m[1] !== undefined) {
      const id = hooks.url(m[1]);
      if (id) named.push([id, tokens.length]);
      const host = /^https?:\/\/(?:www\.)?([^/?#:]+)/i.exec(m[1])?.[1] ?? '';
      for (const part of host.split('.')) {
        if (part) push({ key: wordKey(part), surface: part, at, end, capital: false, midCapital: false, plain: false, possessive: false });
      }
    } else if (m[2] !== undefined) {
      const h = m[2].slice(1);
      const id = hooks.handle(h);
      if (id) named.push([id, tokens.length]);
      // An account the catalog does not list may still be a name: "@Slack".
      else if (/^[a-z0-9_]+$/i.test(h)) push({ key: wordKey(h), surface: h, at, end, capital: true, midCapital: true, plain: false, possessive: false });
    } else if (m[3] !== undefined) {
      const id = hooks.hashtag(m[3]);
      if (id) named.push([id, tokens.length]);
      push({ key: wordKey(m[3]), surface: m[3], at, end, capital: true, midCapital: true, plain: false, possessive: false });
    } else if (m[4] !== undefined) {
      // A host without a scheme names the provider whose status page it is.
      if ((text[end] === '.' || text[end] === '-') && text[at - 1] !== '.' && text[at - 1] !== '-') {
        HOST_RE.lastIndex = at;
        const host = HOST_RE.exec(text);
        const id = host ? hooks.host(host[0].toLowerCase()) : null;
        if (id) named.push([id, tokens.length]);
      }
      const capital = isCapital(m[4]);
      push({
        key: wordKey(m[4]),
        surface: m[4],
        at,
        end,
        capital,
        midCapital: capital && !sentenceStart(text, at),
        plain: true,
        possessive: m[0].length > m[4].length,
      });
    }
  }
  const counts = titleCounts(tokens);
  const inTitleCase = (t: Token): boolean => {
    const c = counts.get(t.sentence);
    if (!c) return false;
    const own = counted(t) ? 1 : 0;
    const words = c[0] - own;
    const capitals = c[1] - (own && t.capital ? 1 : 0);
    return words >= TITLE_MIN_WORDS && capitals >= words * TITLE_SHARE;
  };
  return { tokens, named, inTitleCase };
}

/** Title Case: of the longer words after a sentence's first, at least this share capitalised. */
const TITLE_SHARE = 0.7;
const TITLE_MIN_WORDS = 2;

/**
 * Longer words only ("with", "your" stay lower case in many headlines), and not a capitalised
 * sentence start (capital and midCapital differ only there).
 */
function counted(t: Token): boolean {
  if (!t.plain || t.midCapital !== t.capital || t.surface.length < 5) return false;
  const c = t.surface.charCodeAt(0);
  return c > 127 ? /^\p{L}/u.test(t.surface) : (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Per sentence: [counted words, capitalised ones]. */
function titleCounts(tokens: Token[]): Map<number, [number, number]> {
  const counts = new Map<number, [number, number]>();
  for (const t of tokens) {
    if (!counted(t)) continue;
    const c = counts.get(t.sentence) ?? [0, 0];
    c[0]++;
    if (t.capital) c[1]++;
    counts.set(t.sentence, c);
  }
  return counts;
}
