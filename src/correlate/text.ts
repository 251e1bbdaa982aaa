/**
 * Text folded for comparison: lower case, links, @mentions and retweet prefixes removed,
 * punctuation folded to single spaces. Copy-paste floods usually vary only in those parts.
 */
export function normalizeText(text: string): string {
  return folded(text).text;
}

/** How many words the folded text has. */
export function wordCount(text: string): number {
  return folded(text).words;
}

/**
 * Memoised (bounded): an incident's evidence is re-read on every new signal, so the same texts
 * are folded again and again.
 */
function folded(text: string): { text: string; words: number } {
  const hit = memo.get(text);
  if (hit !== undefined) return hit;
  const n = text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/(^|\s)rt\s+@[\w.]+:?/g, ' ')
    .replace(/@[\w.]+/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const entry = { text: n, words: n ? n.split(' ').length : 0 };
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(text, entry);
  return entry;
}

const MEMO_LIMIT = 20_000;
const memo = new Map<string, { text: string; words: number }>();

export function words(text: string): string[] {
  const n = normalizeText(text);
  return n ? n.split(' ') : [];
}

/** |A ∩ B| / |A ∪ B| over word sets; 0 when both are empty. */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size === 0 && sb.size === 0) return 0;
  let common = 0;
  for (const w of sa) if (sb.has(w)) common++;
  return common / (sa.size + sb.size - common);
}

/** Case-insensitive union keeping the first spelling seen and the order of first appearance. */
export function unionNames(...lists: ReadonlyArray<readonly string[]>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const list of lists) {
    for (const name of list) {
      const k = name.toLowerCase();
      if (!seen.has(k)) {
        seen.add(k);
        out.push(name);
      }
    }
  }
  return out;
}

/** True when either side names nothing (unknown means "could be any"), or they share a name. */
export function compatibleNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  return sharedNames(a, b) > 0;
}

export function sharedNames(a: readonly string[], b: readonly string[]): number {
  const sb = new Set(b.map((x) => x.toLowerCase()));
  return new Set(a.map((x) => x.toLowerCase()).filter((x) => sb.has(x))).size;
}

/** Plain code-unit order: fast and locale-free (ids and ISO timestamps sort correctly by it). */
export function ordinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
