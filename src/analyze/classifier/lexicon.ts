import { join } from 'node:path';
import { loadProviders } from '../../config/providers-file.js';
import type { Provider } from '../../config/providers-schema.js';
import type { ConfigProblem } from '../../config/yaml-file.js';
import { COMMON_WORDS, CONTEXT_WORDS, GENERIC_ACRONYMS } from '../entities/word-lists.js';
import { repoRoot } from './paths.js';
import { emptyTrie, nodeAt, type WordTrie } from '../word-trie.js';

/**
 * The catalog's names as the classifier's features see them: every provider name and alias
 * becomes `__provider__`, component names `__component__`, the providers' own accounts
 * `__provider_account__`. A model then learns "<provider> is down" once, from whichever
 * providers the corpus happens to name, and applies it to all the others.
 *
 * The same care as the entity extractor (../entities) keeps ordinary words ordinary:
 * - a provider alias that is an everyday word ("Slack", "Square", "monday") counts when it is
 *   capitalised mid-sentence or an outage/service word stands within three words
 *   ("monday is down", but not "see you monday");
 * - a two-letter all-capitals alias ("DO") only in those capitals, never in a shouted post;
 * - a component alias counts when it is distinctive (has a digit, is CamelCase, a non-generic
 *   acronym written in capitals, a host name, or several words one of which is distinctive or
 *   a brand), or when written right after its provider's name ("AWS Lambda", "GitHub
 *   Actions"), or capitalised word by word ("Object Storage"); otherwise component names such as
 *   "Login", "Email" or "Issues" stay words: they carry the service and disruption cues.
 */
export interface LexiconEntry {
  kind: 'provider' | 'component';
  /** Provider ids this spelling belongs to. */
  providers: Set<string>;
  /** Needs exactly these capitals ("DO"). */
  exactCase?: string;
  /** Everyday word: capitalised mid-sentence or near a context word. */
  common?: boolean;
  /** Matches anywhere (in any case unless `acronym`). */
  distinctive?: boolean;
  /** A distinctive acronym: must be written in capitals. */
  acronym?: boolean;
}

/** Its entries keep the provider entry first when a spelling is both (Gmail). */
export type TrieNode = WordTrie<LexiconEntry>;

export interface Lexicon {
  root: TrieNode;
  /** Lower-case handles of the providers' official and support accounts. */
  accounts: Set<string>;
  /** Lower-case hashtags of the catalog and single-word provider names that are not everyday words. */
  tags: Set<string>;
  /** Single-word provider names that are not everyday words ("github", "aws"). */
  providerWords: Set<string>;
  /** Every single-word provider name, everyday words included: "#slackdown" names Slack. */
  nameWords: Set<string>;
}

/** A word as the classifier's tokenizer gives it: lower case, apostrophes dropped. */
export function lexKey(word: string): string {
  return word.toLowerCase().replace(/['’]/g, '');
}

const KEY_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

function keysOf(alias: string): string[] {
  return [...alias.matchAll(KEY_RE)].map((m) => lexKey(m[0]));
}

function isAcronym(word: string): boolean {
  return /^[A-Z][A-Z0-9]{1,5}$/.test(word) && !GENERIC_ACRONYMS.has(word);
}

function distinctiveWord(word: string): boolean {
  return /\d/.test(word) || /^[A-Z]?[a-z0-9]+[A-Z]/.test(word) || isAcronym(word);
}

function insert(root: TrieNode, keys: string[], entry: LexiconEntry): void {
  if (!keys.length || keys.every((k) => /^\d+$/.test(k))) return;
  const node = nodeAt(root, keys);
  const same = node.entries.find((e) => e.kind === entry.kind);
  if (!same) {
    node.entries.push(entry);
    node.entries.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'provider' ? -1 : 1));
    return;
  }
  // One spelling, several providers or forms: the least restricted form wins.
  for (const p of entry.providers) same.providers.add(p);
  if (!entry.common) delete same.common;
  if (!entry.exactCase) delete same.exactCase;
  if (entry.distinctive && !entry.acronym) {
    same.distinctive = true;
    delete same.acronym;
  } else if (entry.distinctive && !same.distinctive) {
    same.distinctive = true;
    same.acronym = true;
  }
}

export function buildLexicon(providers: Provider[]): Lexicon {
  const root: TrieNode = emptyTrie<LexiconEntry>();
  const accounts = new Set<string>();
  const tags = new Set<string>();
  const providerWords = new Set<string>();
  const nameWords = new Set<string>();
  const brands = new Set<string>();
  for (const p of providers) {
    const first = keysOf(p.name)[0];
    if (first && !COMMON_WORDS.has(first)) brands.add(first);
  }
  for (const p of providers) {
    for (const name of new Set([p.id, p.name, ...p.aliases])) {
      const keys = keysOf(name);
      const entry: LexiconEntry = { kind: 'provider', providers: new Set([p.id]) };
      if (/^[A-Z]{2}$/.test(name.trim())) entry.exactCase = name.trim();
      else if (keys.length === 1 && COMMON_WORDS.has(keys[0])) entry.common = true;
      insert(root, keys, entry);
      // "Digital Ocean" is also written "digitalocean".
      if (keys.length > 1 && !entry.exactCase) insert(root, [keys.join('')], { ...entry, providers: new Set([p.id]) });
      if (keys.length === 1 && !entry.exactCase) nameWords.add(keys[0]);
      if (keys.length === 1 && !entry.exactCase && !entry.common) {
        tags.add(keys[0]);
        providerWords.add(keys[0]);
      }
    }
    for (const h of [...p.accounts.x, ...p.accounts.bluesky, ...p.accounts.mastodon]) {
      accounts.add(h.toLowerCase().replace(/^@/, '').replace(/@.*$/, ''));
    }
    for (const t of p.hashtags) tags.add(t.toLowerCase());
    for (const item of p.components) {
      for (const alias of new Set([item.name, ...item.aliases])) {
        const words = alias.split(/[\s/()\-,]+/).filter(Boolean);
        const keys = keysOf(alias);
        const host = /\w\.\w/.test(alias);
        const distinctive = host || words.some((w) => distinctiveWord(w)) || (words.length > 1 && words.some((w) => brands.has(lexKey(w))));
        // "COS" and "ADO" are words too ("cos", "much ado"): only their capitals count.
        const acronym = distinctive && !host && words.length === 1 && isAcronym(alias) && !/\d/.test(alias);
        const entry: LexiconEntry = { kind: 'component', providers: new Set([p.id]) };
        if (distinctive) entry.distinctive = true;
        if (acronym) entry.acronym = true;
        insert(root, keys, entry);
      }
    }
  }
  return { root, accounts, tags, providerWords, nameWords };
}

/** Does an everyday-word provider name have an outage or service word within three words? */
export function hasContext(words: readonly string[], at: number, end: number): boolean {
  for (let j = Math.max(0, at - 3); j <= Math.min(words.length - 1, end + 3); j++) {
    if (j >= at && j <= end) continue;
    if (CONTEXT_WORDS.has(words[j])) return true;
  }
  return false;
}

let cached: Lexicon | undefined;

/** The lexicon of this repository's config/providers, built once per process. */
export function defaultLexicon(): Lexicon {
  if (!cached) {
    const problems: ConfigProblem[] = [];
    const providers = loadProviders(join(repoRoot(), 'config'), problems);
    if (problems.length) throw new Error(`config/providers: ${problems[0]?.message ?? 'invalid'} (the classifier's features need the catalog)`);
    cached = buildLexicon(providers);
  }
  return cached;
}
