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
