import { createRequire } from 'node:module';
import type { Token } from './tokens.js';
import { CONTEXT_WORDS, SENTENCE_OPENERS } from './word-lists.js';

/**
 * Whether a lower-case everyday word that names a provider ("box", "cursor", "notion") is used
 * as the everyday noun where it stands, so that an outage word near it ("my cable box is down",
 * "the mouse cursor is stuck", "my notion of outage") does not make it a name:
 * - after "a" or "an": nobody writes "a slack is down";
 * - before "of": "a notion of", "a wave of outages", "a box of";
 * - an adjective-only word before a noun: "linear algebra" (isAdjectiveBeforeNoun);
 * - "box" in lower case at all (DEVICE_WORDS);
 * - after a noun that modifies it ("cable box", "sky box", "mouse cursor"), by natural's English
 *   part-of-speech lexicon (the word's most frequent tag is NN or NNS), unless that noun says
 *   whose instance of the service it is ("company slack", "school zoom": ORG_WORDS), is an
 *   outage or service word, or itself names a provider.
 * Capitalised words are never read this way: "the Box app is down" names Box.
 */
export function isCommonNounUse(tokens: readonly Token[], i: number, isProviderWord: (key: string) => boolean): boolean {
  const t = tokens[i];
  if (t.capital || !t.plain) return false;
  const prev = i > 0 && tokens[i - 1].sentence === t.sentence && tokens[i - 1].plain ? tokens[i - 1] : undefined;
  const next = i + 1 < tokens.length && tokens[i + 1].sentence === t.sentence && tokens[i + 1].plain ? tokens[i + 1] : undefined;
  if (DEVICE_WORDS.has(t.key) || DEVICE_WORDS.has(t.surface.toLowerCase())) return true;
  const prevWord = prev?.surface.toLowerCase();
  if (prevWord === 'a' || prevWord === 'an') return true;
  if (next?.surface.toLowerCase() === 'of') return true;
  if (next && isAdjectiveBeforeNoun(t.surface.toLowerCase(), next, isProviderWord)) return true;
  if (!prev || !prevWord || prev.capital) return false;
  if (ORG_WORDS.has(prevWord) || CONTEXT_WORDS.has(prevWord) || CONTEXT_WORDS.has(prev.key) || SENTENCE_OPENERS.has(prevWord)) return false;
  if (isProviderWord(prev.key)) return false;
  const tags = englishLexicon()[prevWord];
  return tags !== undefined && (tags[0] === 'NN' || tags[0] === 'NNS');
}

/**
 * A lower-case name that is only ever an adjective in English ("linear", "wise") before a noun
 * that is not a service or outage word and names no provider: "linear algebra app down" is about
 * algebra; "linear app down" and "linear is down" still name Linear.
 */
function isAdjectiveBeforeNoun(word: string, next: Token, isProviderWord: (key: string) => boolean): boolean {
  const tags = englishLexicon()[word];
  if (!tags?.length || !tags.every((tag) => tag === 'JJ')) return false;
  const nextWord = next.surface.toLowerCase();
  if (CONTEXT_WORDS.has(nextWord) || CONTEXT_WORDS.has(next.key) || isProviderWord(next.key)) return false;
  const nextTags = englishLexicon()[nextWord];
  return nextTags !== undefined && (nextTags[0] === 'NN' || nextTags[0] === 'NNS');
}

/**
 * Everyday words that, written in lower case, are nearly always the thing in the house, not the
 * provider: in an ISP outage "my box", "the box", "set top box", "iq box", "@spectrum box" are the
 * cable box (seen in the corpus's telecom tweets). Box the company is written with its capital.
 */
const DEVICE_WORDS = new Set(['box']);

/** Nouns that say whose instance of a service it is: "our company slack is down". */
const ORG_WORDS = new Set([
  'company',
  'work',
  'office',
  'school',
  'team',
  'org',
  'university',
  'uni',
  'college',
  'client',
  'customer',
  'business',
  'corporate',
  'enterprise',
  'department',
  'class',
  'family',
  'church',
  'hospital',
  'community',
]);

const require = createRequire(import.meta.url);
let lexicon: Readonly<Record<string, readonly string[] | undefined>> | undefined;

/**
 * natural's English part-of-speech lexicon (92,000 words, each with its tags, most frequent
 * first), read from its data file: 4 MB, loaded on first use (about 70 ms), only when a
 * lower-case everyday word stands near an outage word.
 */
function englishLexicon(): Readonly<Record<string, readonly string[] | undefined>> {
  lexicon ??= require('natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json') as Record<string, string[]>;
  return lexicon;
}
