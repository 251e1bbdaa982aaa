import { porterStemmer } from './natural.js';

/**
 * Text → features for the outage classifier.
 *
 * Tokens: lower-cased words (apostrophes dropped: "can't" → "cant"), plus a few classes written
 * as special tokens: `__url__`, `__at__` (an @handle, whose name is also kept as a word),
 * `__5xx__` / `__4xx__` (HTTP status-like numbers), `__num__` (other numbers). A hashtag gives
 * its word, and its trailing "down"/"outage"/... as a word of its own ("#githubdown" → "githubdown",
 * "down"). Each word is reduced to its Porter stem (natural's PorterStemmer), memoised because
 * stemming costs ~17× tokenizing.
 *
 * Features: the unigram stems (minus a short stop list), the bigrams of consecutive tokens
 * (stop words included, so "is down" and "down for" count), written `a|b`, and a few cue
 * features from small word lists (CUES), which carry what the words have in common to posts
 * whose words the corpus never saw: `__svc__` (a service word: internet, app, login, checkout,
 * ...), `__dis__` (a disruption word: down, outage, errors, "can't connect", ...), `__svcdis__`
 * (both within 4 tokens), `__power__` (electricity words), `__maint__` (planned-work words),
 * `__power_svcdis__`, `__power_only__` (power without a service disruption), `__hypo_svcdis__`
 * (a service disruption under "if"/"imagine"/...).
 */

/** Bump when tokens or features change: a model records the version it was trained with. */
export const FEATURE_VERSION = 2;

const MEMO_LIMIT = 200_000;
const stemMemo = new Map<string, string>();

/** Porter stem of a lower-case word, memoised (the memo is cleared when it grows past a limit). */
export function stem(word: string): string {
  let s = stemMemo.get(word);
  if (s === undefined) {
    s = word.length > 2 && word.length < 30 ? porterStemmer().stem(word) : word;
    if (stemMemo.size >= MEMO_LIMIT) stemMemo.clear();
    stemMemo.set(word, s);
  }
  return s;
}

const STOP = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'by', 'from',
  'as', 'is', 'are', 'was', 'were', 'be', 'been', 'am', 'it', 'its', 'this', 'that', 'these',
  'those', 'i', 'me', 'my', 'we', 'us', 'our', 'you', 'your', 'he', 'she', 'his', 'her', 'they',
  'them', 'their', 'so', 'if', 'then', 'than', 'there', 'here', 'just', 'about', 'into', 'have',
  'has', 'had', 'do', 'did', 'will', 'would', 'can', 'could', 'what', 'which', 'who', 'rt', 'amp',
]);

const HASHTAG_SUFFIXES = ['down', 'outage', 'outages', 'isdown', 'fail', 'offline', 'problems', 'issues'];

// url | @handle | #hashtag | word (letters/digits, inner apostrophes)
const TOKEN_RE =
  /(https?:\/\/\S+|www\.\S+)|@([a-z0-9_]{1,30})|#([a-z0-9_\u00c0-\u024f]+)|([a-z0-9\u00c0-\u024f]+(?:['’][a-z]+)*)/g;

function numberToken(w: string): string {
  if (w.length === 3) {
    if (w[0] === '5') return '__5xx__';
    if (w[0] === '4') return '__4xx__';
  }
  return '__num__';
}

function isDigits(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Stop words are marked by a prefix so that features() can skip them as unigrams. */
const STOP_MARK = '\u0000';

function wordToken(w: string): string {
  if (w.indexOf("'") >= 0 || w.indexOf('’') >= 0) w = w.replace(/['’]/g, '');
  if (isDigits(w)) return numberToken(w);
  return STOP.has(w) ? STOP_MARK + w : stem(w);
}

/** The token sequence of a text (stems and special tokens), in order. */
export function tokens(text: string): string[] {
  return scan(text).map((t) => (t.charCodeAt(0) === 0 ? t.slice(1) : t));
}

function scan(text: string): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(lower)) !== null) {
    if (m[1] !== undefined) {
      out.push('__url__');
    } else if (m[2] !== undefined) {
      out.push('__at__');
      out.push(stem(m[2]));
    } else if (m[3] !== undefined) {
      const tag = m[3];
      out.push(isDigits(tag) ? numberToken(tag) : stem(tag));
      for (const suffix of HASHTAG_SUFFIXES) {
        if (tag.length > suffix.length + 1 && tag.endsWith(suffix)) {
          out.push(stem(suffix));
          break;
        }
      }
    } else if (m[4] !== undefined) {
      out.push(wordToken(m[4]));
    }
  }
  return out;
}

/** Word lists of the cue features (plain words; matched by their stems). */
export const CUES = {
  svc: `internet wifi broadband fiber fibre network networks cell cellular mobile phone phones landline signal
    reception data website websites site sites web app apps server servers api apis login logins signin account
    accounts service services email mail dns cdn cloud platform portal dashboard checkout payment payments card
    cards atm atms bank banking transfer transfers register registers terminal terminals system systems database
    vpn stream streaming connection connectivity online tv cable router modem upload uploads download downloads
    deploy deploys deployment push clone repo repos sync calls messages video storage instances cluster
    requests queries`,
  dis: `down out outage outages offline unavailable unreachable unresponsive broken failing fail fails failed failure
    failures error errors timeout timeouts crash crashed crashing crashes dropping dropped disrupted disruption
    disruptions degraded degradation interrupted interruption latency latencies slow issue issues problem problems
    incident stuck spinning dead lost restored recovered recovery resolved mitigated investigating impacted
    affected affecting elevated __5xx__`,
  neg: `cant cannot unable couldnt wont isnt arent doesnt didnt not no`,
  act: `connect load log access sign send make work working open reach get play call login loading`,
  power: `power electricity electric blackout blackouts utility grid crews lights generator candles substation
    transformer loadshedding hydro`,
  maint: `maintenance scheduled planned window upgrade upgrades migration reminder upcoming`,
  hypo: `if imagine prepare ready tips tip should would could`,
} as const;

let cueSets: Record<keyof typeof CUES, Set<string>> | undefined;
function cues(): Record<keyof typeof CUES, Set<string>> {
  if (!cueSets) {
    const sets = {} as Record<keyof typeof CUES, Set<string>>;
    for (const [k, words] of Object.entries(CUES) as [keyof typeof CUES, string][]) {
      const set = new Set<string>();
      for (const w of words.split(/\s+/)) {
        if (!w) continue;
        set.add(w);
        set.add(w.startsWith('__') ? w : stem(w));
      }
      sets[k] = set;
    }
    cueSets = sets;
  }
  return cueSets;
}

const WINDOW = 4;

/** The classifier's features of a text: unique unigram stems (no stop words), bigrams, cues. */
export function features(text: string): string[] {
  const toks = scan(text);
  const c = cues();
  const seen = new Set<string>();
  let prev: string | null = null;
  let lastSvc = -100;
  let lastDis = -100;
  let lastNeg = -100;
  let svcdis = false;
  let power = false;
  let maint = false;
  let hypo = false;
  for (let i = 0; i < toks.length; i++) {
    let t = toks[i];
    if (t.charCodeAt(0) === 0) t = t.slice(1);
    else seen.add(t);
    if (prev !== null) seen.add(prev + '|' + t);
    prev = t;
    if (c.svc.has(t)) {
      lastSvc = i;
      seen.add('__svc__');
      if (i - lastDis <= WINDOW) svcdis = true;
    }
    let dis = c.dis.has(t);
    if (c.neg.has(t)) lastNeg = i;
    else if (c.act.has(t) && i - lastNeg <= 2) dis = true;
    if (dis) {
      lastDis = i;
      seen.add('__dis__');
      if (i - lastSvc <= WINDOW) svcdis = true;
    }
    if (c.power.has(t)) power = true;
    if (c.maint.has(t)) maint = true;
    if (c.hypo.has(t)) hypo = true;
  }
  if (svcdis) seen.add('__svcdis__');
  if (power) seen.add(svcdis ? '__power_svcdis__' : '__power_only__');
  if (power) seen.add('__power__');
  if (maint) seen.add('__maint__');
  if (hypo && svcdis) seen.add('__hypo_svcdis__');
  return [...seen];
}
