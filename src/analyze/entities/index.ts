import type { Catalog } from '../../config/catalog.js';
import { unaffectedAt } from './unaffected.js';
import { COMMON_WORDS, CONTEXT_WORDS, GENERIC_ACRONYMS } from './word-lists.js';

/**
 * Finds the providers, components and regions of the catalog that a post names.
 *
 * Output: `providers` are catalog ids in order of first mention; `components` and `regions` are
 * the catalog's canonical names (`S3`, `us-east-1`), each once, in order of first mention.
 *
 * Matching: the text is cut into word tokens (lower case; a possessive "'s" dropped; a plural "s"
 * dropped from words of four letters or more and from codes ending in a digit, so "Droplets"
 * finds "droplet" and "S3s" finds "S3"); a token trie built once from the catalog then takes the
 * longest alias at each position ("US East (Ohio)" is us-east-2, not "US East"). Also:
 * - `@handles` match the providers' accounts (X, Bluesky, Mastodon); an unknown handle is read
 *   as a word ("@Slack");
 * - `#hashtags` match the providers' hashtags, and "#<name>down", "#<name>outage", ... a
 *   provider name ("#AWSdown" → aws); the tag's word is also read as a word ("#S3");
 * - a URL's host matches a status page host (Catalog.resolve) or an alias ("github.com").
 *
 * Rules that keep ordinary words from becoming entities:
 * - a two-letter all-capitals alias ("DO") matches only in capitals, and not in a post written
 *   in capitals;
 * - a provider alias that is an everyday word (COMMON_WORDS: "slack", "zoom", "square", ...)
 *   counts when it is capitalised mid-sentence, or when an outage or service word
 *   (CONTEXT_WORDS: "down", "outage", "app", ...) stands within three words of it: "slack is
 *   down" and "I moved to Notion" name providers, "cut me some slack" does not;
 * - a component or region is attributed only when its provider is named in the post, or when
 *   the alias is *distinctive* and points to a single provider, which is then added too.
 *   Distinctive: it contains a digit ("S3", "us-east-1"), is an acronym not in GENERIC_ACRONYMS
 *   ("EBS", "GKE"; but not "API", "SSO"), is CamelCase ("BigQuery"), or has several words one of
 *   which is distinctive or the provider's brand ("Google Compute Engine"). When several
 *   providers list the same distinctive alias (many list "us-east-1"), it points to the one that
 *   the catalog's other spellings name: "AWS us-east-1", "AWS US East (N. Virginia)" make
 *   "us-east-1" AWS's. Without such a majority it names nothing;
 * - a component alias that the catalog writes as one capitalised word ("Issues", "Pages",
 *   "Actions") matches only when the post capitalises it or writes it right after the
 *   provider's name ("github pages"): "GitHub has issues" names no component.
 */
export interface Entities {
  providers: string[];
  components: string[];
  regions: string[];
}

export interface EntityExtractor {
  extract(text: string): Entities;
}

type Kind = 'provider' | 'component' | 'region';

interface Entry {
  kind: Kind;
  provider: string;
  /** Provider id, or the component's / region's canonical name. */
  value: string;
  /** Component or region that names its provider on its own. */
  distinctive: boolean;
  /** Must be written exactly so (two-letter capitals: "DO"). */
  exactCase?: string;
  /** Everyday word: capitalised mid-sentence, or next to a context word. */
  common?: boolean;
  /** Capitalised, or right after the provider's name. */
  capitalisedOrAfterProvider?: boolean;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  entries: Entry[];
}

interface Token {
  key: string;
  surface: string;
  /** Where the token's word starts in the text. */
  at: number;
  /** Capitalised and not the first word of a sentence. */
  midCapital: boolean;
}

const WORD_RE = /(https?:\/\/[^\s/?#]+[^\s]*)|(@[a-z0-9_]+(?:@[a-z0-9.-]+\.[a-z]{2,})?(?:\.[a-z0-9-]+)*)|#([\p{L}\p{N}_]+)|([\p{L}\p{N}]+)(?:['’]s\b)?/giu;

const HASHTAG_SUFFIXES = ['isdown', 'down', 'outages', 'outage', 'status', 'issues', 'problems', 'fail', 'offline'];

/** The matching key of a word: lower case, a plural "s" dropped ("droplets", "s3s"). */
export function wordKey(word: string): string {
  let w = word.toLowerCase();
  if (w.endsWith('s') && !w.endsWith('ss') && (w.length > 3 || /\ds$/.test(w))) w = w.slice(0, -1);
  // Availability-zone suffixes: "us-east-1a" is in us-east-1.
  if (/^\d[a-f]$/.test(w)) w = w[0];
  return w;
}

/** An alias cut into keys the way a post is: "US East (N. Virginia)" → us, east, n, virginia. */
function aliasKeys(alias: string): string[] {
  const out: string[] = [];
  for (const m of alias.matchAll(/([\p{L}\p{N}]+)(?:['’]s\b)?/gu)) out.push(wordKey(m[1]));
  return out;
}

function isAcronym(word: string): boolean {
  return /^[A-Z][A-Z0-9]{1,5}$/.test(word) && !GENERIC_ACRONYMS.has(word.toUpperCase());
}

function isCamelCase(word: string): boolean {
  return /^[A-Z]?[a-z0-9]+[A-Z]/.test(word);
}

function distinctiveWord(word: string): boolean {
  return /\d/.test(word) || isAcronym(word) || isCamelCase(word);
}

/** Does `keys` contain `part` as a contiguous run? */
function containsRun(keys: string[], part: string[]): boolean {
  outer: for (let i = 0; i + part.length <= keys.length; i++) {
    for (let j = 0; j < part.length; j++) if (keys[i + j] !== part[j]) continue outer;
    return true;
  }
  return false;
}

function sentenceStart(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '"' || c === '“' || c === '(') continue;
    return c === '.' || c === '!' || c === '?' || c === '\n' || c === ':';
  }
  return true;
}

export function createEntityExtractor(catalog: Catalog): EntityExtractor {
  const root: TrieNode = { next: new Map(), entries: [] };
  const handles = new Map<string, string>();
  const hashtags = new Map<string, string>();
  /** Single-token provider names that need no context ("github", "aws"). */
  const providerWords = new Map<string, string>();
  /** Every single-token provider name or alias, everyday words included. */
  const anyProviderWord = new Map<string, string>();
  /** The first word of each provider's name ("amazon", "google"): a brand inside an alias. */
  const brandWords = new Map<string, string>();

  const insert = (keys: string[], entry: Entry): void => {
    if (!keys.length) return;
    let node = root;
    for (const k of keys) {
      let n = node.next.get(k);
      if (!n) {
        n = { next: new Map(), entries: [] };
        node.next.set(k, n);
      }
      node = n;
    }
    const same = node.entries.find((e) => e.kind === entry.kind && e.provider === entry.provider && e.value === entry.value);
    if (!same) node.entries.push(entry);
    else {
      // The least restricted spelling wins: the catalog also writes "droplet" in lower case.
      if (entry.distinctive) same.distinctive = true;
      if (!entry.capitalisedOrAfterProvider) delete same.capitalisedOrAfterProvider;
      if (!entry.common) delete same.common;
    }
  };

  for (const p of catalog.providers) {
    for (const name of new Set([p.id, p.name, ...p.aliases])) {
      const keys = aliasKeys(name);
      const entry: Entry = { kind: 'provider', provider: p.id, value: p.id, distinctive: true };
      if (/^[A-Z]{2}$/.test(name.trim())) entry.exactCase = name.trim();
      else if (keys.length === 1 && COMMON_WORDS.has(keys[0])) entry.common = true;
      insert(keys, entry);
      if (keys.length === 1 && !entry.exactCase) {
        anyProviderWord.set(keys[0], p.id);
        if (!entry.common) providerWords.set(keys[0], p.id);
      }
      // "Github.com" also matches "github com"; "Digital Ocean" also "digitalocean".
      if (keys.length > 1 && !entry.exactCase) insert([keys.join('')], { ...entry });
    }
    for (const h of [...p.accounts.x, ...p.accounts.bluesky, ...p.accounts.mastodon]) {
      handles.set(h.toLowerCase().replace(/^@/, ''), p.id);
    }
    for (const t of p.hashtags) hashtags.set(t.toLowerCase(), p.id);
    const first = aliasKeys(p.name)[0];
    if (first && !COMMON_WORDS.has(first)) brandWords.set(first, p.id);
  }
  const brandOf = (key: string): string | undefined => providerWords.get(key) ?? brandWords.get(key);

  // Components and regions: who owns each spelling, and which spellings name a brand.
  interface Item {
    p: string;
    kind: Kind;
    value: string;
    alias: string;
    keys: string[];
  }
  const items: Item[] = [];
  const owners = new Map<string, Set<string>>();
  const own = (keys: string[], p: string): void => {
    const k = keys.join(' ');
    if (!owners.has(k)) owners.set(k, new Set());
    owners.get(k)?.add(p);
  };
  /** Single-token component and region spellings → providers: context for everyday names. */
  const itemWords = new Map<string, Set<string>>();
  for (const p of catalog.providers) {
    for (const [kind, list] of [
      ['component', p.components],
      ['region', p.regions],
    ] as const) {
      for (const item of list) {
        for (const alias of new Set([item.name, ...item.aliases])) {
          const keys = aliasKeys(alias);
          if (!keys.length) continue;
          own(keys, p.id);
          items.push({ p: p.id, kind, value: item.name, alias, keys });
          if (keys.length === 1) {
            if (!itemWords.has(keys[0])) itemWords.set(keys[0], new Set());
            itemWords.get(keys[0])?.add(p.id);
          }
        }
      }
    }
  }
  // Codes with digits are also written run together ("useast1"), unless that run-together form
  // is itself some item's spelling.
  const singles = new Set(items.filter((x) => x.keys.length === 1).map((x) => x.keys[0]));
  for (const it of [...items]) {
    if (it.keys.length < 2 || !/\d/.test(it.alias)) continue;
    const joined = [it.keys.join('')];
    if (singles.has(joined[0])) continue;
    own(joined, it.p);
    items.push({ ...it, keys: joined });
  }
  /** For a spelling several providers use: the one the catalog's longer spellings name, if any. */
  const primaryOwner = new Map<string, string | null>();
  const ownerOf = (keys: string[]): string | null => {
    const k = keys.join(' ');
    const set = owners.get(k);
    if (!set || set.size === 0) return null;
    if (set.size === 1) return [...set][0];
    const cached = primaryOwner.get(k);
    if (cached !== undefined) return cached;
    const votes = new Map<string, number>();
    for (const it of items) {
      if (it.keys.length <= keys.length || !containsRun(it.keys, keys)) continue;
      for (const t of it.keys) {
        const b = brandOf(t);
        if (b && set.has(b)) votes.set(b, (votes.get(b) ?? 0) + 1);
      }
    }
    const ranked = [...votes].sort((a, b) => b[1] - a[1]);
    const winner = ranked.length && (ranked.length === 1 || ranked[0][1] > ranked[1][1]) ? ranked[0][0] : null;
    primaryOwner.set(k, winner);
    return winner;
  };
  for (const { p, kind, value, alias, keys } of items) {
    const words = alias.split(/[\s/()\-.,]+/).filter(Boolean);
    const distinctForm = words.length === 1 ? distinctiveWord(words[0]) : words.some((w) => distinctiveWord(w)) || keys.some((k) => brandOf(k) === p);
    const distinctive = distinctForm && ownerOf(keys) === p;
    const entry: Entry = { kind, provider: p, value, distinctive };
    if (kind === 'component' && words.length === 1 && /^[A-Z][a-z]+$/.test(alias)) entry.capitalisedOrAfterProvider = true;
    insert(keys, entry);
  }

  const hashtagProvider = (tag: string): string | undefined => {
    const t = tag.toLowerCase();
    const direct = hashtags.get(t);
    if (direct) return direct;
    for (const s of HASHTAG_SUFFIXES) {
      if (t.length > s.length && t.endsWith(s)) {
        const rest = t.slice(0, -s.length);
        return hashtags.get(rest) ?? anyProviderWord.get(wordKey(rest)) ?? anyProviderWord.get(rest);
      }
    }
    return undefined;
  };

  return {
    extract(text: string): Entities {
      const tokens: Token[] = [];
      /** Provider id → token position of its first mention. */
      const providers = new Map<string, number>();
      const name = (id: string, at: number): void => {
        if (!providers.has(id)) providers.set(id, at);
      };
      const push = (surface: string, at: number): void => {
        const c = surface.charCodeAt(0);
        const midCapital = c >= 65 && c <= 90 && !sentenceStart(text, at);
        tokens.push({ key: wordKey(surface), surface, at, midCapital });
      };
      WORD_RE.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = WORD_RE.exec(text)) !== null) {
        if (m[1] !== undefined) {
          const id = catalog.resolve({ url: m[1] });
          if (id) name(id, tokens.length);
          const host = /^https?:\/\/(?:www\.)?([^/?#:]+)/i.exec(m[1])?.[1] ?? '';
          for (const part of host.split('.')) if (part) tokens.push({ key: wordKey(part), surface: part, at: m.index, midCapital: false });
        } else if (m[2] !== undefined) {
          const h = m[2].slice(1).toLowerCase();
          const id = handles.get(h) ?? handles.get(h.replace(/\.[a-z0-9-]+$/, ''));
          if (id) name(id, tokens.length);
          // An account the catalog does not list may still be a name: "@Slack".
          else if (/^[a-z0-9_]+$/i.test(h)) tokens.push({ key: wordKey(h), surface: m[2].slice(1), at: m.index, midCapital: true });
        } else if (m[3] !== undefined) {
          const id = hashtagProvider(m[3]);
          if (id) name(id, tokens.length);
          tokens.push({ key: wordKey(m[3]), surface: m[3], at: m.index, midCapital: true });
        } else if (m[4] !== undefined) {
          push(m[4], m.index);
        }
      }
      const letters = text.replace(/[^A-Za-z]/g, '');
      const shouting = letters.length >= 8 && letters.replace(/[^A-Z]/g, '').length > letters.length * 0.6;
      /** An outage word, or one of the provider's own component names, near token i. */
      const hasContext = (i: number, provider: string): boolean => {
        for (let j = Math.max(0, i - 3); j <= Math.min(tokens.length - 1, i + 3); j++) {
          if (j === i) continue;
          const k = tokens[j].key;
          if (CONTEXT_WORDS.has(k) || itemWords.get(k)?.has(provider)) return true;
        }
        return false;
      };

      // Longest match at each position.
      interface Hit {
        entry: Entry;
        start: number;
      }
      const hits: Hit[] = [];
      for (let i = 0; i < tokens.length; i++) {
        let node: TrieNode | undefined = root;
        let best: TrieNode | undefined;
        let bestEnd = i;
        for (let j = i; j < tokens.length; j++) {
          node = node.next.get(tokens[j].key);
          if (!node) break;
          if (node.entries.length) {
            best = node;
            bestEnd = j;
          }
        }
        if (!best) continue;
        const tok = tokens[i];
        for (const entry of best.entries) {
          if (entry.exactCase && (tok.surface !== entry.exactCase || shouting || bestEnd !== i)) continue;
          if (entry.common && bestEnd === i && !tok.midCapital && !hasContext(i, entry.provider)) continue;
          hits.push({ entry, start: i });
        }
        // A multi-token match consumes its tokens ("US East Ohio" is not also "US East").
        if (bestEnd > i) i = bestEnd;
      }

      for (const h of hits) if (h.entry.kind === 'provider') name(h.entry.value, h.start);
      // Distinctive components and regions name their provider.
      for (const h of hits) if (h.entry.kind !== 'provider' && h.entry.distinctive) name(h.entry.provider, h.start);

      const components: string[] = [];
      const regions: string[] = [];
      // "us-west-2 is not affected": named, but not as failing (unaffected.ts).
      const fineAt = unaffectedAt(text);
      for (const h of hits) {
        if (fineAt?.(tokens[h.start].at)) continue;
        const e = h.entry;
        if (e.kind === 'provider' || !providers.has(e.provider)) continue;
        if (e.capitalisedOrAfterProvider) {
          const t = tokens[h.start];
          const prev = h.start > 0 ? tokens[h.start - 1].key : '';
          if (!/^\p{Lu}/u.test(t.surface) && anyProviderWord.get(prev) !== e.provider) continue;
        }
        const list = e.kind === 'component' ? components : regions;
        if (!list.includes(e.value)) list.push(e.value);
      }
      const order = [...providers].sort((a, b) => a[1] - b[1]).map(([id]) => id);
      return { providers: order, components, regions };
    },
  };
}
