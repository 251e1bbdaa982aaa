import { porterStemmer } from './natural.js';
import { defaultLexicon, hasContext, lexKey, type Lexicon, type LexiconEntry, type TrieNode } from './lexicon.js';
import { sentenceStart } from '../sentences.js';

/**
 * Text → features for the outage classifier.
 *
 * Tokens: lower-cased words (apostrophes dropped: "can't" → "cant"), with placeholders for what
 * varies from post to post but does not change whether it reports an outage (see ./lexicon.ts):
 * `__provider__` (any catalog provider name or alias: "AWS", "Stripe", "Google Cloud"),
 * `__component__` (a catalog component: "S3", "BigQuery", "GitHub Actions" → `__provider__
 * __component__`), `__provider_account__` (an @handle of a provider's own or support account),
 * `__handle__` (any other @handle), `__url__`, and numbers: `__5xx__` / `__4xx__` (HTTP
 * status-like), `__num__` (others), digits inside words folded to 0 ("4g" → "0g"). A hashtag
 * gives its word, and its trailing "down"/"outage"/... as a word of its own ("#githubdown" →
 * `__provider__`, "down"), with the word before it (features version 11: "#poweroutage" →
 * "poweroutage", "power", "outage"; "#internetdown" → ..., "internet", "down"), so the power and
 * service cues read a compound hashtag as they read the two words. Each word is reduced to its
 * Porter stem (natural's PorterStemmer), memoised because stemming costs ~17× tokenizing.
 *
 * Features:
 * - unigram stems (minus a short stop list) and bigrams of consecutive tokens (stop words
 *   included, so "is down" and "down for" count), written `a|b`;
 * - character n-grams (3 to 5) of each distinct word, within the word (`~<dow`, `~own>`), which
 *   carry misspellings, inflections and unseen compounds ("wifi", "wi-fi", "wiifii"); they are
 *   computed once per word (memoised) and counted once per distinct word, so a model's score is
 *   still bias + one weight per listed feature;
 * - cue features from small word lists (CUES), which carry what the words have in common to
 *   posts whose words the corpus never saw: `__svc__` (a service word: internet, app, login,
 *   checkout, ...), `__dis__` (a disruption word: down, outage, errors, "can't connect", ...),
 *   `__svcdis__` (both within 4 tokens), `__power__` (electricity words), `__maint__`
 *   (planned-work words), `__power_svcdis__`, `__power_only__` (power without a service
 *   disruption), `__hypo_svcdis__` (a service disruption under "if"/"imagine"/...),
 *   `__name_dis__` (a name, placeholder, @handle or #tag shortly before a disruption word:
 *   "Zoom is down"), `__ask__` ("anyone else?", "just me"), `__back__` (restored, back up,
 *   working again), `__svc_then_dis__` ("internet is down", "app keeps crashing") and
 *   `__lack_svc__` ("no internet", "lost wifi"), and `__deny_dis__` (a disruption word denied:
 *   "not down", "no issues", which then does not count as a disruption), `__biz__` (business and
 *   product-news words: stock, pricing, acquires, launches) and `__biz_dis__` (one shortly before a
 *   disruption word: "stock is down 3%"), `__shut_down__` ("shutting down" something: "its old API",
 *   which retires a product and is therefore not counted as the disruption word "down"; "the app
 *   keeps shutting down", with nothing after it, is a crash and stays one), `__down_qty__` ("down to two
 *   people", "down by one", "down 3%": a quantity falling, likewise not a disruption word),
 *   `__state_dis__` (a disruption word right after a word for a mood, a body or a level that
 *   falls: "motivation is down", "morale is down", "the fever is down", "the river is down":
 *   figurative or physical, likewise not a disruption word; also right after a gathering, with
 *   only stop words between, features version 12: "this party is down");
 * - `power:<feature>`: in a post about electricity where no service is said to fail (`__power__`
 *   without `__svc_then_dis__` or `__lack_svc__`), each unigram and cue again under this prefix,
 *   so the model can learn what "outage", "crews", "restore" mean in a power cut apart from what
 *   they mean on a status page.
 */

/** Bump when tokens or features change: a model records the version it was trained with. */
export const FEATURE_VERSION = 12;

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
  'a',
  'an',
  'the',
  'and',
  'or',
  'but',
  'of',
  'to',
  'in',
  'on',
  'at',
  'for',
  'with',
  'by',
  'from',
  'as',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'am',
  'it',
  'its',
  'this',
  'that',
  'these',
  'those',
  'i',
  'me',
  'my',
  'we',
  'us',
  'our',
  'you',
  'your',
  'he',
  'she',
  'his',
  'her',
  'they',
  'them',
  'their',
  'so',
  'if',
  'then',
  'than',
  'there',
  'here',
  'just',
  'about',
  'into',
  'have',
  'has',
  'had',
  'do',
  'did',
  'will',
  'would',
  'can',
  'could',
  'what',
  'which',
  'who',
  'rt',
  'amp',
]);

const HASHTAG_SUFFIXES = ['isdown', 'down', 'outages', 'outage', 'fail', 'offline', 'problems', 'issues'];

// url | @handle | #hashtag | word (letters/digits, inner apostrophes)
const TOKEN_RE = /(https?:\/\/\S+|www\.\S+)|@([a-z0-9_]{1,30})|#([a-z0-9_\u00c0-\u024f]+)|([a-z0-9\u00c0-\u024f]+(?:['’][a-z]+)*)/gi;

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

function hasDigit(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** Stop words are marked by a prefix so that features() can skip them as unigrams. */
const STOP_MARK = '\u0000';

/** What a plain word gives, computed once per word: its token and its character n-grams. */
interface WordInfo {
  token: string;
  grams: readonly string[];
}
const wordMemo = new Map<string, WordInfo>();
const NO_GRAMS: readonly string[] = [];

/** Character n-grams (3..5) of a word padded with < and >, prefixed `~`. */
function charGrams(w: string): string[] {
  const padded = '<' + (w.length > 24 ? w.slice(0, 24) : w) + '>';
  const out: string[] = [];
  for (let n = 3; n <= 5; n++) {
    for (let i = 0; i + n <= padded.length; i++) out.push('~' + padded.slice(i, i + n));
  }
  return out;
}

function wordInfo(key: string): WordInfo {
  let info = wordMemo.get(key);
  if (info === undefined) {
    let w = key;
    if (w.indexOf("'") >= 0 || w.indexOf('’') >= 0) w = w.replace(/['’]/g, '');
    if (isDigits(w)) info = { token: numberToken(w), grams: NO_GRAMS };
    else if (/^\d{3}s$/.test(w)) info = { token: numberToken(w.slice(0, 3)), grams: NO_GRAMS };
    else if (STOP.has(w)) info = { token: STOP_MARK + w, grams: NO_GRAMS };
    else if (hasDigit(w)) {
      const folded = w.replace(/\d+/g, '0');
      info = { token: folded, grams: charGrams(folded) };
    } else info = { token: stem(w), grams: charGrams(w) };
    if (wordMemo.size >= MEMO_LIMIT) wordMemo.clear();
    wordMemo.set(key, info);
  }
  return info;
}

const KIND_WORD = 0;
const KIND_URL = 1;
const KIND_HANDLE = 2;
const KIND_TAG = 3;

interface Raw {
  kind: number;
  /** Lower case (a handle or tag without its sign). */
  key: string;
  surface: string;
  at: number;
}

function capitalised(surface: string): boolean {
  const c = surface.charCodeAt(0);
  return c >= 65 && c <= 90;
}

/** What scan() finds in a text. */
interface Scan {
  /** Tokens in order: stems, placeholders, stop words (marked with STOP_MARK). */
  toks: string[];
  /** Indexes into toks of names: placeholders, @handles, #tags, words capitalised mid-sentence. */
  names: number[];
  /** The distinct plain words that have character n-grams (see gramsOf). */
  gramWords: string[];
}

/** The token sequence of a text (stems and placeholders), in order. */
export function tokens(text: string, lexicon: Lexicon = defaultLexicon()): string[] {
  return scan(text, lexicon).toks.map((t) => (t.charCodeAt(0) === 0 ? t.slice(1) : t));
}

interface Match {
  entry: LexiconEntry;
  end: number;
}

/** The longest catalog name starting at raw token i that passes its rules, if any. */
function matchAt(text: string, raws: Raw[], keys: string[], i: number, lexicon: Lexicon, shouting: boolean, prevProviders: Set<string> | null): Match | null {
  let node: TrieNode | undefined = lexicon.root;
  const path: Array<{ node: TrieNode; end: number }> = [];
  for (let j = i; j < raws.length && raws[j].kind === KIND_WORD; j++) {
    node = node.next.get(keys[j]);
    if (!node) break;
    if (node.entries.length) path.push({ node, end: j });
  }
  for (let k = path.length - 1; k >= 0; k--) {
    const { node: n, end } = path[k];
    for (const e of n.entries) {
      if (accepts(e, text, raws, keys, i, end, shouting, prevProviders)) return { entry: e, end };
    }
  }
  return null;
}

function accepts(
  e: LexiconEntry,
  text: string,
  raws: Raw[],
  keys: string[],
  i: number,
  end: number,
  shouting: boolean,
  prevProviders: Set<string> | null,
): boolean {
  const first = raws[i];
  if (e.kind === 'provider') {
    if (e.exactCase) return end === i && first.surface === e.exactCase && !shouting;
    if (e.common) {
      const midCapital = !shouting && capitalised(first.surface) && !sentenceStart(text, first.at);
      return midCapital || hasContext(keys, i, end);
    }
    return true;
  }
  if (prevProviders) for (const p of e.providers) if (prevProviders.has(p)) return true;
  if (!e.distinctive) return false;
  if (e.acronym) return !shouting && first.surface === first.surface.toUpperCase();
  return true;
}

function namesProvider(keys: string[], from: number, to: number, lexicon: Lexicon): boolean {
  for (let j = from; j <= to; j++) if (lexicon.providerWords.has(keys[j])) return true;
  return false;
}

function scan(text: string, lexicon: Lexicon): Scan {
  const raws: Raw[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    if (m[1] !== undefined) raws.push({ kind: KIND_URL, key: '', surface: m[1], at: m.index });
    else if (m[2] !== undefined) raws.push({ kind: KIND_HANDLE, key: m[2].toLowerCase(), surface: m[2], at: m.index });
    else if (m[3] !== undefined) raws.push({ kind: KIND_TAG, key: m[3].toLowerCase(), surface: m[3], at: m.index });
    else raws.push({ kind: KIND_WORD, key: lexKey(m[4]), surface: m[4], at: m.index });
  }
  const keys = raws.map((r) => (r.kind === KIND_WORD ? r.key : ''));
  const shouting = mostlyCapitals(text);
  const toks: string[] = [];
  const names: number[] = [];
  const gramWords: string[] = [];
  const seenWords = new Set<string>();
  const plain = (key: string): void => {
    const info = wordInfo(key);
    toks.push(info.token);
    if (info.grams.length && !seenWords.has(key)) {
      seenWords.add(key);
      gramWords.push(key);
    }
  };
  let prevProviders: Set<string> | null = null;
  for (let i = 0; i < raws.length; i++) {
    const r = raws[i];
    const after = prevProviders;
    prevProviders = null;
    if (r.kind === KIND_URL) {
      toks.push('__url__');
    } else if (r.kind === KIND_HANDLE) {
      names.push(toks.length);
      toks.push(lexicon.accounts.has(r.key) ? '__provider_account__' : '__handle__');
    } else if (r.kind === KIND_TAG) {
      names.push(toks.length);
      const tag = r.key;
      if (isDigits(tag)) {
        toks.push(numberToken(tag));
        continue;
      }
      const suffix = HASHTAG_SUFFIXES.find((s) => tag.length > s.length + 1 && tag.endsWith(s));
      const rest = suffix ? tag.slice(0, -suffix.length) : tag;
      if (suffix && (lexicon.nameWords.has(rest) || lexicon.tags.has(rest))) toks.push('__provider__', stem(suffix));
      else if (lexicon.tags.has(tag)) toks.push('__provider__');
      else {
        plain(tag);
        // "#poweroutage" → power, outage; "#internetdown" → internet, down: the word before the
        // suffix is what failed, and the cues (power, service) read it.
        if (suffix && rest.length >= 3 && /^[a-z]+$/.test(rest)) plain(rest);
        if (suffix) toks.push(stem(suffix));
      }
    } else {
      const hit = matchAt(text, raws, keys, i, lexicon, shouting, after);
      if (hit) {
        // "GitHub Actions" is one component alias, but it also names its provider.
        if (hit.entry.kind === 'component' && namesProvider(keys, i, hit.end, lexicon)) toks.push('__provider__');
        names.push(toks.length);
        toks.push(hit.entry.kind === 'provider' ? '__provider__' : '__component__');
        if (hit.entry.kind === 'provider') prevProviders = hit.entry.providers;
        i = hit.end;
        continue;
      }
      if (!shouting && capitalised(r.surface) && r.surface.length > 1 && !sentenceStart(text, r.at)) names.push(toks.length);
      plain(r.key);
    }
  }
  return { toks, names, gramWords };
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
    disruptions degraded degradation interrupted interruption latency latencies issue issues problem problems
    blocked blocking censored censoring filtered
    incident stuck spinning dead lost restored recovered recovery resolved mitigated investigating impacted
    affected affecting elevated __5xx__`,
  neg: `cant cannot unable couldnt wont isnt arent doesnt didnt not no`,
  /** Words that deny what follows: "not down", "no issues", "never crashed". */
  deny: `not no isnt arent wasnt werent never without zero`,
  act: `connect load log access sign send make work working open reach get play call login loading`,
  power: `power electricity electric blackout blackouts utility grid crews lights generator candles substation
    transformer loadshedding hydro`,
  maint: `maintenance scheduled planned window upgrade upgrades migration reminder upcoming`,
  hypo: `if imagine prepare ready tips tip should would could`,
  ask: `anyone anybody`,
  back: `restored recovered restoring`,
  lack: `no without lost lose losing`,
  /** Moods, bodies and levels that go "down" without any service failing. */
  state: `motivation mood moods morale spirit spirits energy confidence feeling feelings vibe vibes fever
    temperature heat weight swelling river tide unemployment crime`,
  /**
   * Gatherings that are "down" as a figure of speech: "this party is down". Read only
   * as the word's own subject ("the party is down"), so "party chat is down" stays a failure.
   */
  event: `party parties club clubs crowd festival concert dancefloor`,
  /** Business and product news: "Stripe stock is down 3%", "announces new pricing", "acquires". */
  biz: `stock stocks share shares price prices pricing earnings revenue revenues profit profits ipo investor
    investors acquire acquires acquired acquisition merger layoff layoffs funding raise raises raised valuation
    nasdaq nyse quarter quarterly forecast analyst analysts announce announces announced launch launches launched
    unveil unveils release releases subscription plan plans tier`,
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

/** Words after "shut down" that name what is shut down: a product retired, not a crash. */
const RETIRED_AFTER_SHUT_DOWN = new Set(['its', 'their', 'the', 'our', 'his', 'her', 'a', 'an', 'this', 'that', 'all', 'operations', 'oper']);

/** Words after "down" that make it a quantity falling ("down to two", "down by one", "down 3%"). */
const QUANTITY_AFTER_DOWN = new Set(['to', 'by', '__num__', 'one', 'two', 'three', 'half', 'zero']);

/** The token after position i (without the not-a-feature mark), or '' at the end. */
function nextToken(toks: readonly string[], i: number): string {
  const t = toks[i + 1];
  if (t === undefined) return '';
  return t.charCodeAt(0) === 0 ? t.slice(1) : t;
}

/**
 * The classifier's features of a text: unique unigram stems (no stop words), bigrams and cues,
 * then the character n-grams of each distinct word (a gram shared by two words is listed twice).
 */
export function features(text: string, lexicon: Lexicon = defaultLexicon()): string[] {
  const { words, gramWords } = featureParts(text, lexicon);
  for (const w of gramWords) for (const g of gramsOf(w)) words.push(g);
  return words;
}

/** A word's character n-grams (memoised with its stem). */
export function gramsOf(word: string): readonly string[] {
  return wordInfo(word).grams;
}

/**
 * The features of a text in two parts: the word, bigram and cue features (unique), and the
 * distinct words whose character n-grams complete the list (gramsOf). A scorer can then
 * memoise the n-grams' summed weight per word instead of looking each one up in every post.
 */
export function featureParts(text: string, lexicon: Lexicon = defaultLexicon()): { words: string[]; gramWords: string[] } {
  const { toks, names, gramWords } = scan(text, lexicon);
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
  let lastDeny = -100;
  let svcdis = false;
  let power = false;
  let maint = false;
  let hypo = false;
  let lastBiz = -100;
  let bizDis = false;
  let shutDown = false;
  let downQty = false;
  let lastState = -100;
  let stateDis = false;
  let lastEvent = -100;
  let lastWord = -100;
  for (let i = 0; i < toks.length; i++) {
    let t = toks[i];
    const stopWord = t.charCodeAt(0) === 0;
    if (stopWord) t = t.slice(1);
    else {
      if (t === 'down' && lastEvent >= 0 && lastWord === lastEvent) {
        // "this party is down" (only stop words between): a figure of speech, read as a word of
        // its own, so that neither "down" nor the bigram "is down" counts for it.
        t = 'down~figure';
        stateDis = true;
      }
      seen.add(t);
    }
    const before = prev;
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
    if (dis && t === 'down' && before === 'shut') {
      // "is shutting down its old API": a product retired, a cue of its own, not a disruption word;
      // but "the app keeps shutting down" (nothing shut down after it) is a crash.
      const next = nextToken(toks, i);
      if (RETIRED_AFTER_SHUT_DOWN.has(next) || next.startsWith('__') || names.includes(i + 1)) {
        shutDown = true;
        dis = false;
      }
    }
    if (dis && t === 'down' && QUANTITY_AFTER_DOWN.has(nextToken(toks, i))) {
      // "down to two people", "went down by one", "down 3%": a quantity fell, not a service.
      downQty = true;
      dis = false;
    }
    if (dis && i - lastState <= 3) {
      // "my motivation is down", "the fever is down": a mood or a level fell, not a service.
      stateDis = true;
      dis = false;
    }
    if (c.state.has(t)) lastState = i;
    if (!stopWord) {
      if (c.event.has(t)) lastEvent = i;
      lastWord = i;
    }
    if (c.biz.has(t)) {
      lastBiz = i;
      seen.add('__biz__');
    }
    if (dis && i - lastDeny <= 2) {
      // "not down", "no issues": a disruption word denied is a cue of its own, not a disruption.
      seen.add('__deny_dis__');
      dis = false;
    }
    if (c.deny.has(t)) lastDeny = i;
    if (c.neg.has(t)) lastNeg = i;
    else if (c.act.has(t) && i - lastNeg <= 2) dis = true;
    if (dis) {
      lastDis = i;
      seen.add('__dis__');
      if (i - lastSvc <= WINDOW) svcdis = true;
      if (i - lastSvc <= 3 && i > lastSvc) svcThenDis = true;
      if (i - lastName <= 3) nameDis = true;
      if (i - lastBiz <= WINDOW) bizDis = true;
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
  if (bizDis) seen.add('__biz_dis__');
  if (shutDown) seen.add('__shut_down__');
  if (downQty) seen.add('__down_qty__');
  if (stateDis) seen.add('__state_dis__');
  if (power && (svcThenDis || lackSvc)) seen.add('__power_svc_down__');
  else if (power) {
    // A post about electricity where no digital service is said to fail: every word and cue is
    // listed again as `power:<feature>`. "outage", "crews", "restore", "affected customers" mean a
    // service outage in status-page text and a power cut here; a linear model learns that only
    // from features that exist in this context alone (one `__power_only__` weight cannot cancel
    // them all). Bigrams are left out: they add many rare features and no measured gain.
    for (const f of [...seen]) if (!f.includes('|')) seen.add('power:' + f);
  }
  return { words: [...seen], gramWords };
}
