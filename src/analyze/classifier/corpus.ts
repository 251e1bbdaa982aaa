import { readFileSync } from 'node:fs';
import { defaultCorpusPath } from './paths.js';
import { z } from 'zod';

/**
 * The labelled outage corpus (corpus/outage-corpus.jsonl, built by scripts/build-corpus.ts).
 * One JSON object per line; `split` is derived from `group` (see splitOf) and stored so that
 * readers need not recompute it.
 */
export const corpusRowSchema = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  label: z.union([z.literal(0), z.literal(1)]),
  /** Where the text comes from: source file and row/item, or "hand-written:<file>:<line>". */
  origin: z.string().min(1),
  /** Rows of one group (an incident's updates, one author's posts, one file chunk) share a split. */
  group: z.string().min(1),
  split: z.enum(['train', 'test']),
  /**
   * How the text is written: `official` (status pages, providers' own notices), `headline` (news
   * and Hacker News titles), `social` (tweets, toots, Reddit and complaint titles, reports).
   * Scores are reported per register because a model can be good at one and poor at another.
   */
  register: z.enum(['official', 'headline', 'social']),
});
export type CorpusRow = z.infer<typeof corpusRowSchema>;
export type Split = CorpusRow['split'];
export type Register = CorpusRow['register'];
export const REGISTERS: readonly Register[] = ['official', 'headline', 'social'];

export { defaultCorpusPath } from './paths.js';

export function readCorpus(path = defaultCorpusPath()): CorpusRow[] {
  const rows: CorpusRow[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const parsed = corpusRowSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.issues[0]?.message ?? 'bad row'}`);
    rows.push(parsed.data);
  });
  return rows;
}

/** Rows taken from status-page documents (Statuspage, AWS, GCP) rather than social posts. */
export function isOfficialOrigin(origin: string): boolean {
  return /^(statuspage|aws|gcp)\//.test(origin);
}

/**
 * The collection a row comes from, for per-origin figures and leave-one-origin-out tests:
 * `social/<origin>` for the hand-labelled social corpus (origin `social/<ref>`, the ref starting
 * with its origin), `hand-written` for the hand-written files, else the first folder under
 * corpus/sources (`statuspage`, `aws`, `gcp`, `tweets`, `crisis`, `mastodon`, `rss`).
 */
export function originKey(origin: string): string {
  if (origin.startsWith('hand-written')) return 'hand-written';
  const parts = origin.split(/[/:#]/);
  return parts[0] === 'social' ? `social/${parts[1] ?? ''}` : (parts[0] ?? origin);
}

/** FNV-1a, 32 bits: a stable hash for splits and shingles. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Percentage of groups held out for testing. */
export const TEST_PERCENT = 20;

/** Deterministic split of a group: about TEST_PERCENT % of groups are test. */
export function splitOf(group: string): Split {
  return fnv1a('split:' + group) % 100 < TEST_PERCENT ? 'test' : 'train';
}

/** Fold (0..k-1) of a group for cross-validation inside the training split. */
export function foldOf(group: string, k: number): number {
  return fnv1a('fold:' + group) % k;
}

/**
 * Text normalised for duplicate detection: lower case, URLs, @handles, "RT" and numbers removed,
 * punctuation folded to spaces.
 */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+|www\.\S+/g, ' ')
    .replace(/@\w+/g, ' ')
    .replace(/^\s*rt\b/, ' ')
    .replace(/['’]/g, '')
    .replace(/[0-9]+/g, ' ')
    .replace(/[^a-z\u00c0-\u024f]+/g, ' ')
    .trim();
}

/** Word 3-shingles of a normalised text (the words themselves when it has fewer than 3). */
export function shingles(norm: string): Set<number> {
  const words = norm.split(' ').filter(Boolean);
  const out = new Set<number>();
  if (words.length < 3) {
    for (const w of words) out.add(fnv1a(w));
    return out;
  }
  for (let i = 0; i + 2 < words.length; i++) out.add(fnv1a(words[i] + ' ' + words[i + 1] + ' ' + words[i + 2]));
  return out;
}

/** Share of the smaller set found in the larger: catches a post quoted inside a longer one. */
export function containment(a: Set<number>, b: Set<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / small.size;
}

export function jaccard(a: Set<number>, b: Set<number>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

const BANDS = 20;
const ROWS = 3;

function minhash(sh: Set<number>): number[] {
  const sig: number[] = new Array<number>(BANDS * ROWS).fill(0xffffffff);
  for (const x of sh) {
    for (let k = 0; k < sig.length; k++) {
      const h = (Math.imul(x ^ (0x9e3779b9 * (k + 1)), 0x85ebca6b) ^ (k * 0xc2b2ae35)) >>> 0;
      const m = (Math.imul(h ^ (h >>> 13), 0xc2b2ae35) ^ (h >>> 16)) >>> 0;
      if (m < sig[k]) sig[k] = m;
    }
  }
  return sig;
}

/**
 * Near-duplicate filter: keeps the first of any texts whose normalised forms are equal, whose
 * word 3-shingle Jaccard similarity is at least `threshold`, or one of which (of 5 or more
 * shingles) lies at least 80% inside the other (MinHash LSH finds the candidates, the exact
 * measures decide). Returns, for each input, null when kept or the index of the kept
 * text it duplicates.
 */
export function nearDuplicates(texts: string[], threshold = 0.6): (number | null)[] {
  const exact = new Map<string, number>();
  const buckets = new Map<string, number[]>();
  const kept: Set<number>[] = [];
  const result: (number | null)[] = [];
  texts.forEach((text, i) => {
    const norm = normalizeText(text);
    const same = exact.get(norm);
    if (same !== undefined) {
      result.push(same);
      return;
    }
    const sh = shingles(norm);
    const sig = minhash(sh);
    const keys: string[] = [];
    let dup: number | null = null;
    for (let b = 0; b < BANDS; b++) {
      const key = b + ':' + sig.slice(b * ROWS, b * ROWS + ROWS).join(',');
      keys.push(key);
      if (dup !== null) continue;
      for (const j of buckets.get(key) ?? []) {
        const other = kept[j];
        if (jaccard(sh, other) >= threshold || (Math.min(sh.size, other.size) >= 5 && containment(sh, other) >= 0.8)) {
          dup = j;
          break;
        }
      }
    }
    if (dup !== null) {
      result.push(dup);
      return;
    }
    exact.set(norm, i);
    kept[i] = sh;
    for (const key of keys) {
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
    result.push(null);
  });
  return result;
}
