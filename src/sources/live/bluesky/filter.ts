/**
 * The keyword filter of a Jetstream consumer. Jetstream has no server-side keyword filter: every
 * post of the network arrives (tens a second), so the filter is compiled once per source into
 * one index of words and each post costs one pass over its words with one look-up each, however
 * many terms the catalog gives (hundreds). `bench` measures it (`jetstream-filter`).
 */

/** Words as the filter sees them: letters, digits and underscore; anything else separates. */
const WORD = /[\p{L}\p{N}_]+/gu;

function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * A two-character term in capitals ("DO", "EE", "O2") is an acronym: matched in capitals only,
 * so that "do" and "ee" in a sentence do not count.
 */
function isAcronym(term: string): boolean {
  return term.length <= 2 && term === term.toUpperCase() && /\p{Lu}/u.test(term);
}

/** The two kinds of term: a provider's name, and an outage word. */
const NAME = 0;
const OUTAGE = 1;

/** What one lower-cased word starts, per kind: a one-word term, or phrases (each as its words). */
interface Entry {
  word: [boolean, boolean];
  phrases: [string[][], string[][]];
}

interface Index {
  byWord: Map<string, Entry>;
  /** Acronyms per kind, as written. */
  acronyms: [Set<string>, Set<string>];
  /** Whether a kind has any term at all (none: that kind does not constrain). */
  any: [boolean, boolean];
}

function addTerms(index: Index, kind: 0 | 1, terms: readonly string[]): void {
  for (const raw of terms) {
    const t = raw.trim();
    if (!t) continue;
    if (isAcronym(t)) {
      index.acronyms[kind].add(t);
      index.any[kind] = true;
      continue;
    }
    const ws = words(t.toLowerCase());
    if (ws.length === 0) continue;
    index.any[kind] = true;
    let e = index.byWord.get(ws[0]!);
    if (!e) index.byWord.set(ws[0]!, (e = { word: [false, false], phrases: [[], []] }));
    if (ws.length === 1) e.word[kind] = true;
    else e.phrases[kind].push(ws);
  }
}

function phraseAt(folded: string[], i: number, phrase: string[]): boolean {
  if (i + phrase.length > folded.length) return false;
  for (let k = 1; k < phrase.length; k++) if (folded[i + k] !== phrase[k]) return false;
  return true;
}

function startsTerm(e: Entry, kind: 0 | 1, folded: string[], i: number): boolean {
  if (e.word[kind]) return true;
  for (const p of e.phrases[kind]) if (phraseAt(folded, i, p)) return true;
  return false;
}

/** Whether the text, as written, holds one of a kind's acronyms. */
function acronymIn(index: Index, kind: 0 | 1, text: string): boolean {
  const set = index.acronyms[kind];
  return set.size > 0 && words(text).some((w) => set.has(w));
}

/**
 * Compiles the filter of one source: a text passes when it names one of `keywords` (a word or
 * phrase, in any case; none given: every text) and, when `requireAny` is given, one of those too.
 *
 * @example
 * const keep = compileFilter(['GitHub', 'AWS', 'DO'], ['down', 'not working']);
 * keep('Is GitHub down?')         // true
 * keep('what do you think')       // false: "do" is not the acronym DO, and no outage word
 */
export function compileFilter(keywords: readonly string[], requireAny: readonly string[] = []): (text: string) => boolean {
  const index: Index = { byWord: new Map(), acronyms: [new Set(), new Set()], any: [false, false] };
  addTerms(index, NAME, keywords);
  addTerms(index, OUTAGE, requireAny);
  return (text) => {
    let named = !index.any[NAME];
    let down = !index.any[OUTAGE];
    if (named && down) return true;
    // One pass over the words, one look-up each, stopping as soon as both kinds are found.
    const folded = words(text.toLowerCase());
    for (let i = 0; i < folded.length && !(named && down); i++) {
      const e = index.byWord.get(folded[i]!);
      if (!e) continue;
      if (!named) named = startsTerm(e, NAME, folded, i);
      if (!down) down = startsTerm(e, OUTAGE, folded, i);
    }
    // Most texts have no outage word: the acronyms, read on the text as written, come last.
    if (!(down || acronymIn(index, OUTAGE, text))) return false;
    return named || acronymIn(index, NAME, text);
  };
}

/** True when the text names one of the keywords as a word or phrase (case-insensitive); no keywords: everything. */
export function matchesKeywords(text: string, keywords: readonly string[]): boolean {
  return compileFilter(keywords)(text);
}
