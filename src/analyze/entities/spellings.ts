import type { Catalog } from '../../config/catalog.js';
import { wordKey, type NameHooks } from './tokens.js';
import { COMMON_WORDS, GENERIC_ACRONYMS } from './word-lists.js';
import { emptyTrie, nodeAt, type WordTrie } from '../word-trie.js';

/**
 * The catalog's spellings as the entity extractor (index.ts) matches them: a trie of word keys
 * whose nodes carry what each spelling names and the rules it matches under, built once per
 * catalog. Deciding here, once, which spellings are *distinctive* (name their provider on their
 * own) keeps the per-post matching simple; index.ts documents the rules.
 */
export type Kind = 'provider' | 'component' | 'region';

export interface Entry {
  kind: Kind;
  provider: string;
  /** Provider id, or the component's / region's canonical name. */
  value: string;
  /** Component or region that names its provider on its own. */
  distinctive: boolean;
  /** Must be written exactly so (two-letter capitals: "DO", "US"). */
  exactCase?: string;
  /** Everyday word: see the rules in index.ts. */
  common?: boolean;
  /** Everyday word that counts only when capitalised and written so ("Teams", not "Team"). */
  capitalOnly?: string;
  /** Distinctive only as an acronym ("GKE"): names its provider only when written in capitals. */
  acronym?: boolean;
  /** Capitalised, or right after the provider's name. */
  capitalisedOrAfterProvider?: boolean;
}

export type TrieNode = WordTrie<Entry>;

export interface CatalogSpellings {
  root: TrieNode;
  /** Every single-token provider name or alias, everyday words included. */
  anyProviderWord: Map<string, string>;
  /** URLs, bare status hosts, handles and hashtags that name a provider outright. */
  hooks: NameHooks;
}

const HASHTAG_SUFFIXES = ['isdown', 'down', 'outages', 'outage', 'status', 'issues', 'problems', 'fail', 'offline'];

/** An alias cut into keys the way a post is: "US East (N. Virginia)" → us, east, n, virginia. */
export function aliasKeys(alias: string): string[] {
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

function stripHashtagSuffix(tag: string): string | null {
  for (const s of HASHTAG_SUFFIXES) if (tag.length > s.length && tag.endsWith(s)) return tag.slice(0, -s.length);
  return null;
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

export function indexCatalog(catalog: Catalog): CatalogSpellings {
  const root: TrieNode = emptyTrie<Entry>();
  const handles = new Map<string, string>();
  const hashtags = new Map<string, string>();
  /** Every single-token provider name or alias, everyday words included. */
  const anyProviderWord = new Map<string, string>();
  /** Each provider's own single-token names, everyday words included ("azure", "notion"). */
  const ownWords = new Map<string, Set<string>>();
  /**
   * Words that name providers inside a longer spelling: single-token names that are not everyday
   * words ("aws", "github") and the first word of a provider's name ("amazon", "google").
   */
  const brands = new Map<string, Set<string>>();

  const insert = (keys: string[], entry: Entry): void => {
    if (!keys.length) return;
    const node = nodeAt(root, keys);
    const same = node.entries.find((e) => e.kind === entry.kind && e.provider === entry.provider && e.value === entry.value);
    if (!same) node.entries.push(entry);
    else {
      // The least restricted spelling wins: the catalog also writes "droplet" in lower case.
      if (entry.distinctive) same.distinctive = true;
      if (!entry.capitalisedOrAfterProvider) delete same.capitalisedOrAfterProvider;
      if (!entry.common) delete same.common;
      if (!entry.capitalOnly) delete same.capitalOnly;
      if (!entry.acronym) delete same.acronym;
      if (!entry.exactCase) delete same.exactCase;
    }
  };

  for (const p of catalog.providers) {
    const spellings = new Set([p.name, ...p.aliases]);
    const idKey = wordKey(p.id);
    // "monday" is the id of monday.com, and a weekday: an everyday-word id counts only when a
    // name or alias also spells it alone.
    const idIsName = !COMMON_WORDS.has(idKey) || [...spellings].some((n) => aliasKeys(n).join(' ') === idKey);
    for (const name of idIsName ? new Set([p.id, ...spellings]) : spellings) {
      const keys = aliasKeys(name);
      const entry: Entry = { kind: 'provider', provider: p.id, value: p.id, distinctive: true };
      if (/^[A-Z]{2}$/.test(name.trim())) entry.exactCase = name.trim();
      else if (keys.length === 1 && COMMON_WORDS.has(keys[0])) entry.common = true;
      insert(keys, entry);
      if (keys.length === 1 && !entry.exactCase) {
        anyProviderWord.set(keys[0], p.id);
        addTo(ownWords, p.id, keys[0]);
        if (!entry.common) addTo(brands, keys[0], p.id);
      }
      // "Github.com" also matches "github com"; "Digital Ocean" also "digitalocean".
      if (keys.length > 1 && !entry.exactCase) insert([keys.join('')], { ...entry });
    }
    for (const h of [...p.accounts.x, ...p.accounts.bluesky, ...p.accounts.mastodon]) {
      handles.set(h.toLowerCase().replace(/^@/, ''), p.id);
    }
    for (const t of p.hashtags) hashtags.set(t.toLowerCase(), p.id);
    const first = aliasKeys(p.name)[0];
    if (first && !COMMON_WORDS.has(first)) addTo(brands, first, p.id);
  }
  const isBrandOf = (key: string, p: string): boolean => brands.get(key)?.has(p) === true || ownWords.get(p)?.has(key) === true;

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
  const own = (keys: string[], p: string): void => addTo(owners, keys.join(' '), p);
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
      for (const t of it.keys) for (const b of brands.get(t) ?? []) if (set.has(b)) votes.set(b, (votes.get(b) ?? 0) + 1);
    }
    const ranked = [...votes].sort((a, b) => b[1] - a[1]);
    let winner = ranked.length && (ranked.length === 1 || ranked[0][1] > ranked[1][1]) ? ranked[0][0] : null;
    // No majority: a code is the one provider's whose canonical name it is ("us-east-2" is AWS's
    // region; others list it only as an alias of their own names).
    if (winner === null && /\d/.test(k)) {
      const byName = [...set].filter((p) => items.some((it) => it.p === p && it.alias === it.value && it.keys.join(' ') === k));
      if (byName.length === 1) winner = byName[0];
    }
    primaryOwner.set(k, winner);
    return winner;
  };
  const distinctForm = (it: Item): boolean => {
    // Two capitals ("US", "EU", "AP") are too short to name a provider on their own.
    if (/^[A-Z]{2}$/.test(it.alias)) return false;
    const words = it.alias.split(/[\s/()\-.,]+/).filter(Boolean);
    if (words.length === 1) return distinctiveWord(words[0]);
    return words.some((w) => distinctiveWord(w)) || it.keys.some((k) => isBrandOf(k, it.p));
  };
  /** Single-token distinctive codes → their provider ("s3" → aws). */
  const codeOwner = new Map<string, string>();
  for (const it of items) {
    if (it.keys.length !== 1 || !distinctForm(it)) continue;
    const owner = ownerOf(it.keys);
    if (owner === it.p) codeOwner.set(it.keys[0], owner);
  }
  /**
   * A word of the spelling names another provider or its code, and none names its own: "AWS N.
   * Virginia", "S3 API" in other providers' lists ("Shopify Checkout" stays Shopify's).
   */
  const namesAnother = (it: Item): boolean =>
    it.keys.length > 1 &&
    !it.keys.some((k) => isBrandOf(k, it.p)) &&
    it.keys.some((k) => {
      const b = brands.get(k);
      if (b && !b.has(it.p)) return true;
      const c = codeOwner.get(k);
      return c !== undefined && c !== it.p;
    });
  for (const it of items) {
    const distinctive = distinctForm(it) && !namesAnother(it) && ownerOf(it.keys) === it.p;
    const entry: Entry = { kind: it.kind, provider: it.p, value: it.value, distinctive };
    // "FED" is a region code; "fed up" is not.
    if (distinctive && it.keys.length === 1 && !/\d/.test(it.alias) && !isCamelCase(it.alias)) entry.acronym = true;
    if (/^[A-Z]{2}$/.test(it.alias)) entry.exactCase = it.alias;
    if (it.kind === 'component' && it.keys.length === 1 && /^[A-Z][a-z]+$/.test(it.alias)) entry.capitalisedOrAfterProvider = true;
    insert(it.keys, entry);
  }
  // A component the provider's own outage hashtag is made of ("#teamsdown", "#outlookdown") is a
  // name people use for the provider itself.
  for (const p of catalog.providers) {
    const names = new Set([p.id, p.name, ...p.aliases].map((n) => aliasKeys(n).join('')));
    for (const t of p.hashtags) {
      const stem = stripHashtagSuffix(t.toLowerCase());
      if (!stem || names.has(stem)) continue;
      const named = p.components.some((c) => [c.name, ...c.aliases].some((a) => /^[A-Z][a-z]+$/.test(a) && wordKey(a) === wordKey(stem)));
      if (named) insert([wordKey(stem)], { kind: 'provider', provider: p.id, value: p.id, distinctive: true, common: true, capitalOnly: stem });
    }
  }

  const hashtagProvider = (tag: string): string | null => {
    const t = tag.toLowerCase();
    const direct = hashtags.get(t);
    if (direct) return direct;
    const rest = stripHashtagSuffix(t);
    if (rest === null) return null;
    return hashtags.get(rest) ?? anyProviderWord.get(wordKey(rest)) ?? anyProviderWord.get(rest) ?? null;
  };
  // A host in running text names a provider only when it is its status page's very host: a
  // status page on www.google.com must not make every *.google.com host Google Workspace's.
  const statusHosts = new Map<string, string>();
  for (const p of catalog.providers) {
    const url = p.status_page?.page ?? p.status_page?.url;
    const host = url ? /^https?:\/\/(?:www\.)?([^/?#:]+)/i.exec(url)?.[1]?.toLowerCase() : undefined;
    if (host && !statusHosts.has(host)) statusHosts.set(host, p.id);
  }
  const hooks: NameHooks = {
    url: (url: string) => catalog.resolve({ url }),
    host: (host: string) => statusHosts.get(host.replace(/^www\./, '')) ?? null,
    handle: (h: string) => {
      const k = h.toLowerCase();
      return handles.get(k) ?? handles.get(k.replace(/\.[a-z0-9-]+$/, '')) ?? null;
    },
    hashtag: hashtagProvider,
  };

  return { root, anyProviderWord, hooks };
}
