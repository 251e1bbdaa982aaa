import type { Signal } from '../domain/incident.js';
import { authorKey } from '../analyze/trust/weights.js';
import type { CorrelateConfig } from './config.js';
import { normalizeText, ordinal, wordCount } from './text.js';

/** The evidence of one incident after the spam and echo guards. */
export interface CountedEvidence {
  /** post id → what the post contributes; 0 for a post discounted as an echo or a repeat. */
  contributions: Map<string, number>;
  /** Independent pieces counted: each has its own author and its own words. */
  independent: number;
  /** Sum of the counted contributions. */
  sum: number;
  /** 1 − Π(1 − c): the chance that at least one counted piece is right, were they independent. */
  noisyOr: number;
}

/**
 * Counts each independent piece of evidence once:
 * 1. Reposts and quotes (echo_of) join the piece of the post they repeat; posts whose
 *    normalised text is the same (and long enough to be a copy-paste, see echoMinTokens) are one
 *    piece too, whoever posted them. A retweet storm is one voice, not a thousand.
 * 2. Each author counts once per incident: pieces are taken strongest first, and a piece counts
 *    with the score of its strongest post whose author has not been counted yet. Ten angry posts
 *    from one account are one witness.
 * Posts without an author are each their own author (anonymous reports cannot be grouped).
 */
export function countEvidence(signals: readonly Signal[], config: Pick<CorrelateConfig, 'echoMinTokens'>): CountedEvidence {
  const witnesses = signals.map(witness);
  const pieces = groupEchoes(signals, config.echoMinTokens);
  const byStrength = (a: number, b: number): number => strongestFirst(signals[a]!, signals[b]!);
  for (const piece of pieces) piece.sort(byStrength);
  pieces.sort((a, b) => byStrength(a[0]!, b[0]!));

  const contributions = new Map<string, number>();
  for (const s of signals) contributions.set(s.post_id, 0);
  const counted = new Set<string>();
  let independent = 0;
  let sum = 0;
  let none = 1;
  for (const piece of pieces) {
    const voice = piece.find((i) => !counted.has(witnesses[i]!));
    if (voice === undefined) continue;
    counted.add(witnesses[voice]!);
    const c = clampScore(signals[voice]!.score);
    contributions.set(signals[voice]!.post_id, c);
    independent++;
    sum += c;
    none *= 1 - c;
  }
  return { contributions, independent, sum, noisyOr: 1 - none };
}

/** Who vouches for a post; anonymous posts vouch only for themselves. */
function witness(s: Signal): string {
  return s.author ? `a:${authorKey(s.author)}` : `p:${s.post_id}`;
}

function strongestFirst(a: Signal, b: Signal): number {
  return b.score - a.score || ordinal(a.published_at, b.published_at) || ordinal(a.post_id, b.post_id);
}

function clampScore(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

/**
 * Union-find over signal indexes: a post joins the post it repeats (echo_of, when that post is
 * in the evidence, or any other echo of the same original) and every post with the same
 * copy-pasted text. Returns the groups as lists of indexes.
 */
function groupEchoes(signals: readonly Signal[], echoMinTokens: number): number[][] {
  const parent = signals.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!; // path halving
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[rb] = ra;
  };
  // Two key spaces, kept apart by using two maps rather than prefixed strings (this runs for
  // every post of the incident on every new signal).
  const byPost = new Map<string, number>();
  const byText = new Map<string, number>();
  const join = (keys: Map<string, number>, key: string, i: number): void => {
    const j = keys.get(key);
    if (j === undefined) keys.set(key, i);
    else union(j, i);
  };
  signals.forEach((s, i) => {
    join(byPost, s.post_id, i);
    if (s.echo_of) join(byPost, s.echo_of, i);
    if (wordCount(s.text) >= echoMinTokens) join(byText, normalizeText(s.text), i);
  });
  const groups = new Map<number, number[]>();
  signals.forEach((_, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  });
  return [...groups.values()];
}
