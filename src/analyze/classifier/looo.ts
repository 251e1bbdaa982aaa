import { originKey, type CorpusRow } from './corpus.js';

/**
 * Leave-one-origin-out: how the classifier does on a collection it never saw (another
 * platform, another country's telecoms, another kind of complaint), the question that a
 * random split of one pooled corpus cannot answer.
 */

/** Origins of people's posts (not status pages, not the hand-written hard cases). */
const OLD_SOCIAL = new Set(['tweets', 'crisis', 'mastodon', 'rss']);

export function isSocialOrigin(key: string): boolean {
  return key.startsWith('social/') || OLD_SOCIAL.has(key);
}

/** The social origins with at least `minPositives` outage rows, sorted. */
export function loooOrigins(rows: readonly CorpusRow[], minPositives = 100): string[] {
  const positives = new Map<string, number>();
  for (const r of rows) {
    const k = originKey(r.origin);
    if (isSocialOrigin(k)) positives.set(k, (positives.get(k) ?? 0) + r.label);
  }
  return [...positives]
    .filter(([, n]) => n >= minPositives)
    .map(([k]) => k)
    .sort();
}

/**
 * The rows of one leave-one-origin-out run, as indexes into `rows`: `train` is the training
 * split without the origin; `heldOut` is every row of the origin (both splits: none of it was
 * trained on); `heldOutTrain` is the origin's training-split rows only, the part that model
 * selection may look at (it never looks at the test split).
 */
export function loooSplit(rows: readonly CorpusRow[], origin: string): { train: number[]; heldOut: number[]; heldOutTrain: number[] } {
  const train: number[] = [];
  const heldOut: number[] = [];
  const heldOutTrain: number[] = [];
  rows.forEach((r, i) => {
    if (originKey(r.origin) === origin) {
      heldOut.push(i);
      if (r.split === 'train') heldOutTrain.push(i);
    } else if (r.split === 'train') train.push(i);
  });
  return { train, heldOut, heldOutTrain };
}
