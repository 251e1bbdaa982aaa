import { features } from './features.js';
import type { CorpusRow } from './corpus.js';

/**
 * Corpus rows turned into sparse count vectors over one vocabulary, once per process: the
 * learners, cross-validation and leave-one-origin-out runs all index into the same arrays, so
 * features are computed once however many models are fitted.
 */
export interface SparseDoc {
  /** Feature indexes, ascending, each once. */
  idx: Int32Array;
  /** How many times each feature occurs (character n-grams shared by two words count twice). */
  val: Float32Array;
}

export interface Dataset {
  rows: CorpusRow[];
  docs: SparseDoc[];
  /** Feature name of each index. */
  names: string[];
  /** The documents as a configuration sees them (see docsOf), made once per view when asked. */
  views?: Map<string, SparseDoc[]>;
}

/**
 * The documents as a configuration sees them: raw counts, with each character n-gram's count
 * multiplied by `gramWeight` (1: as encoded), and (`sqrt-count`) each divided by the square root
 * of its summed counts, which is what LinearModel.score does when the model file says `normalize:
 * "sqrt-count"` and `gram_weight`. A word has a dozen or more n-grams: at full weight they
 * outnumber the words, and in a longer post (a headline, a review) the neutral words' n-grams
 * dilute the few words that say something failed.
 */
export function docsOf(data: Dataset, normalize?: 'sqrt-count', gramWeight = 1): SparseDoc[] {
  if (!normalize && gramWeight === 1) return data.docs;
  const key = `${normalize ?? 'raw'}:${gramWeight}`;
  data.views ??= new Map();
  let docs = data.views.get(key);
  if (!docs) {
    const isGram = data.names.map((n) => n.startsWith('~'));
    docs = data.docs.map((d) => {
      const val = gramWeight === 1 ? d.val : d.val.map((v, k) => (isGram[d.idx[k]] ? v * gramWeight : v));
      if (!normalize) return { idx: d.idx, val };
      let n = 0;
      for (let k = 0; k < val.length; k++) n += val[k];
      const z = Math.sqrt(Math.max(1, n));
      return { idx: d.idx, val: val.map((v) => v / z) };
    });
    data.views.set(key, docs);
  }
  return docs;
}

export function encode(rows: CorpusRow[]): Dataset {
  const index = new Map<string, number>();
  const names: string[] = [];
  const docs = rows.map((r) => {
    const counts = new Map<number, number>();
    for (const f of features(r.text)) {
      let i = index.get(f);
      if (i === undefined) {
        i = names.length;
        index.set(f, i);
        names.push(f);
      }
      counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const sorted = [...counts].sort((a, b) => a[0] - b[0]);
    return { idx: Int32Array.from(sorted.map((x) => x[0])), val: Float32Array.from(sorted.map((x) => x[1])) };
  });
  return { rows, docs, names };
}

/** A training set: which docs of a dataset, their labels and sample weights. */
export interface TrainSet {
  data: Dataset;
  /** Indexes into data.docs. */
  members: number[];
  labels: (0 | 1)[];
  weights: number[];
  /** Features kept (document frequency ≥ minDf within the members); others get weight 0. */
  keep: Uint8Array;
}

/** Features occurring in at least `minDf` member documents. */
export function keepByDf(data: Dataset, members: number[], minDf: number): Uint8Array {
  const df = new Int32Array(data.names.length);
  for (const m of members) for (const i of data.docs[m].idx) df[i]++;
  const keep = new Uint8Array(data.names.length);
  for (let i = 0; i < df.length; i++) if (df[i] >= minDf) keep[i] = 1;
  return keep;
}

/** A fitted linear model over the dataset's vocabulary: score = bias + Σ count × weight. */
export interface LinearWeights {
  bias: number;
  weights: Float64Array;
}

export function scoreSparse(model: LinearWeights, doc: SparseDoc): number {
  let s = model.bias;
  const w = model.weights;
  for (let k = 0; k < doc.idx.length; k++) s += w[doc.idx[k]] * doc.val[k];
  return s;
}
