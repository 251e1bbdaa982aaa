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
 * (a service disruption under "if"/"imagine"/...), `__name_dis__` (a name, @handle or #tag
 * shortly before a disruption word: "Zoom is down"), `__ask__` ("anyone else?", "just me"),
 * `__back__` (restored, back up, working again), and two ordered forms of a service
 * disruption: `__svc_then_dis__` ("internet is down", "app keeps crashing": the disruption word
 * at most 3 tokens after the service word) and `__lack_svc__` ("no internet", "lost wifi").
 */

/** Bump when tokens or features change: a model records the version it was trained with. */
export const FEATURE_VERSION = 4;

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

/** Is the word at `at` capitalised mid-sentence (a name: "Slack", "Zoom")? */
function capitalisedName(text: string, at: number, length: number): boolean {
  const c = text.charCodeAt(at);
  if (length < 2 || c < 65 || c > 90) return false;
  for (let i = at - 1; i >= 0; i--) {
    const p = text[i];
    if (p === ' ' || p === '\t') continue;
    return !(p === '.' || p === '!' || p === '?' || p === '\n' || p === ':' || p === '"');
  }
  return false;
}

/**
 * Tokens of a text; `names` receives the indexes of tokens that look like names: @handles,
 * #hashtags and words capitalised mid-sentence.
 */
function scan(text: string, names?: number[]): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  const sameLength = lower.length === text.length;
  const shouting = sameLength && names !== undefined && mostlyCapitals(text);
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(lower)) !== null) {
    if (m[1] !== undefined) {
      out.push('__url__');
    } else if (m[2] !== undefined) {
      out.push('__at__');
      names?.push(out.length);
      out.push(stem(m[2]));
    } else if (m[3] !== undefined) {
      const tag = m[3];
      names?.push(out.length);
      out.push(isDigits(tag) ? numberToken(tag) : stem(tag));
      for (const suffix of HASHTAG_SUFFIXES) {
        if (tag.length > suffix.length + 1 && tag.endsWith(suffix)) {
          out.push(stem(suffix));
          break;
        }
      }
    } else if (m[4] !== undefined) {
      if (names && sameLength && !shouting && capitalisedName(text, m.index, m[4].length)) names.push(out.length);
      out.push(wordToken(m[4]));
    }
  }
  return out;
}

function mostlyCapitals(text: string): boolean {
  let upper = 0;
  let letters = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      upper++;
      letters++;
    } else if (c >= 97 && c <= 122) letters++;
  }
  return letters >= 8 && upper > letters * 0.6;
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
  ask: `anyone anybody`,
  back: `restored recovered restoring`,
  lack: `no without lost lose losing`,
} as const;

/** Bigrams that ask whether others see it too, or say it came back. */
const ASK_BIGRAMS = new Set(['just|me', 'just|us', 'for|everyone', 'for|everyon', 'it|just']);
const BACK_BIGRAMS = new Set(['back|up', 'work|again', 'is|back', 'back|onlin', 'back|on', 'are|back', 'it|back']);

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
  const names: number[] = [];
  const toks = scan(text, names);
  const c = cues();
  let nextName = 0;
  let lastName = -100;
  let nameDis = false;
  let ask = false;
  let back = false;
  let svcThenDis = false;
  let lackSvc = false;
  let lastLack = -100;
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
    if (prev !== null) {
      const bigram = prev + '|' + t;
      seen.add(bigram);
      if (ASK_BIGRAMS.has(bigram)) ask = true;
      if (BACK_BIGRAMS.has(bigram)) back = true;
    }
    prev = t;
    if (nextName < names.length && names[nextName] === i) {
      lastName = i;
      nextName++;
    }
    if (c.ask.has(t)) ask = true;
    if (c.back.has(t)) back = true;
    if (c.lack.has(t)) lastLack = i;
    if (c.svc.has(t)) {
      if (i - lastLack <= 2) lackSvc = true;
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
      if (i - lastSvc <= 3 && i > lastSvc) svcThenDis = true;
      if (i - lastName <= 3) nameDis = true;
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
  if (nameDis) seen.add('__name_dis__');
  if (ask) seen.add('__ask__');
  if (back) seen.add('__back__');
  if (svcThenDis) seen.add('__svc_then_dis__');
  if (lackSvc) seen.add('__lack_svc__');
  if (power && (svcThenDis || lackSvc)) seen.add('__power_svc_down__');
  return [...seen];
}
