import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** One row drawn for hand labelling (corpus/social/pool/*.jsonl), shared by the pool scripts. */
export interface PoolRow {
  /** `<origin>/<file>#<row key>`: where the text came from, stable across runs. */
  ref: string;
  /** One independent collection (see corpus/README.md). */
  origin: string;
  /** Rows that must stay on one side of a split: one author, one thread, or one 50-row chunk. */
  group: string;
  text: string;
}

/** Folds what makes two copies of one post differ (case, links, handles, digits, punctuation). */
export function norm(text: string): string {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/@\w+/g, ' ')
    .replace(/\brt\b/g, ' ')
    .replace(/\d+/g, '0')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Writes a pool file, but never over a pool that has been labelled with other rows: the labels
 * (corpus/social/labels/<same name>.tsv) belong to the rows people read, and a draw run again
 * after more pools were written picks other rows. Writing the same text again is allowed (the
 * draws are deterministic); `force` overwrites anyway.
 */
export function writePoolFile(file: string, text: string, force = process.argv.includes('--force')): void {
  const labels = file.replace(/\/pool\/([^/]+)\.jsonl$/, '/labels/$1.tsv');
  if (!force && labels !== file && existsSync(labels) && existsSync(file) && readFileSync(file, 'utf8') !== text) {
    throw new Error(`${file}: already labelled (${labels}); this draw gives other rows. --force writes over it (the labels would no longer match)`);
  }
  writeFileSync(file, text);
}

const ENGLISH = new Set('the and to is it i my you for not this of a in but with can have was be me app so are on that at'.split(' '));
const OTHER = new Set('le la les et est je pas une des ich und nicht die der das ist el los que por non il di che per sono'.split(' '));

/**
 * Mostly English, for reviews scraped across countries (selection only, never a label): English
 * stop words are at least 8% of the words and outnumber French, German, Spanish and Italian ones.
 */
export function looksEnglish(text: string): boolean {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const en = words.filter((w) => ENGLISH.has(w)).length;
  const other = words.filter((w) => OTHER.has(w)).length;
  return words.length > 0 && en >= 0.08 * words.length && en > other;
}
