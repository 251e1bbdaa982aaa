import { z } from 'zod';
import { featureParts, gramsOf } from './features.js';

/**
 * The saved outage model (models/outage-classifier.json.gz).
 *
 * Training (./train.ts) fits one linear learner (naive Bayes, logistic regression, a linear SVM
 * or an averaged perceptron, compared in ./compare.ts) and *compiles* it: every one of them
 * scores a post as bias + Σ weight × count over its features, so the model is stored as one
 * weight per feature plus a bias, and scoring is a hash look-up per feature. A Platt
 * calibration (a, b) maps the score to a probability; `threshold` is the probability at or above
 * which a post is an outage.
 */
export const MODEL_FORMAT = 'outage-radar/outage-classifier@1';

export const metricsSchema = z.object({
  tp: z.number(),
  fp: z.number(),
  tn: z.number(),
  fn: z.number(),
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
});
export type Metrics = z.infer<typeof metricsSchema>;

export const modelSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  feature_version: z.number().int(),
  /**
   * `sqrt-count`: the sum of the weights is divided by the square root of the number of listed
   * features of the post (each listing counted, as in training) before the bias is added.
   */
  normalize: z.literal('sqrt-count').optional(),
  /**
   * The value of each listed character n-gram, in the sum of the weights and in the count of the
   * normalisation (a word, bigram or cue counts 1); absent: 1.
   */
  gram_weight: z.number().positive().max(1).optional(),
  /** Which learner the weights come from. */
  algorithm: z.enum(['naive-bayes', 'logistic-regression', 'linear-svm', 'averaged-perceptron']),
  /** Options of the chosen configuration (minimum document frequency, smoothing, ...). */
  options: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  /** Probability at or above which a post is an outage, and how it was chosen. */
  threshold: z.number().min(0).max(1),
  threshold_rule: z.string(),
  calibration: z.object({ a: z.number(), b: z.number() }),
  bias: z.number(),
  weights: z.record(z.string(), z.number()),
  trained_on: z.object({
    /** sha256 of the bytes of corpus/outage-corpus.jsonl: the build checks it still matches. */
    corpus_sha256: z.string(),
    rows: z.number().int(),
    positives: z.number().int(),
  }),
  /** Out-of-fold results on the training split of the configuration trained (and of others compared). */
  selection: z.array(z.object({ config: z.string(), metrics: metricsSchema, seconds: z.number() })),
});
export type ModelFile = z.infer<typeof modelSchema>;

/** A loaded model: scores texts. */
/** One feature's pull on a post's score: positive towards "outage". */
export interface FeatureWeight {
  feature: string;
  /** `word`: a (stemmed) word, bigram, cue or placeholder; `spelling`: a word's character n-grams together. */
  kind: 'word' | 'spelling';
  weight: number;
}

export class LinearModel {
  readonly threshold: number;
  private readonly weights: Map<string, number>;
  private readonly bias: number;
  private readonly a: number;
  private readonly b: number;
  private readonly normalize: boolean;
  private readonly gramWeight: number;
  /** Word → the summed weight of its character n-grams: the same for every post it appears in. */
  private readonly gramSums = new Map<string, number>();

  constructor(readonly file: ModelFile) {
    this.threshold = file.threshold;
    this.weights = new Map(Object.entries(file.weights));
    this.bias = file.bias;
    this.a = file.calibration.a;
    this.b = file.calibration.b;
    this.normalize = file.normalize === 'sqrt-count';
    this.gramWeight = file.gram_weight ?? 1;
  }

  /** The uncalibrated score: bias + the weight of each listed feature (a feature listed twice counts twice). */
  score(text: string): number {
    let s = 0;
    const { words, gramWords } = featureParts(text);
    let listed = words.length;
    for (const f of words) {
      const w = this.weights.get(f);
      if (w !== undefined) s += w;
    }
    for (const word of gramWords) {
      let g = this.gramSums.get(word);
      if (g === undefined) {
        g = 0;
        for (const f of gramsOf(word)) g += this.weights.get(f) ?? 0;
        if (this.gramSums.size >= 200_000) this.gramSums.clear();
        this.gramSums.set(word, g);
      }
      s += this.gramWeight * g;
      if (this.normalize) listed += this.gramWeight * gramsOf(word).length;
    }
    return this.normalize ? this.bias + s / Math.sqrt(Math.max(1, listed)) : this.bias + s;
  }

  probability(text: string): number {
    return calibrate(this.score(text), this.a, this.b);
  }

  /**
   * Why the text scored as it did: the features that moved its score most, strongest first.
   * A word's character n-grams are summed into one entry for that word (`spelling`), so staff
   * read "down" rather than twelve fragments of it.
   */
  explain(text: string, k = 5): FeatureWeight[] {
    const sums = new Map<string, FeatureWeight>();
    const add = (feature: string, kind: FeatureWeight['kind'], w: number) => {
      const key = `${kind}:${feature}`;
      const prev = sums.get(key);
      sums.set(key, { feature, kind, weight: (prev?.weight ?? 0) + w });
    };
    const { words, gramWords } = featureParts(text);
    for (const f of words) {
      const w = this.weights.get(f);
      if (w) add(f, 'word', w);
    }
    for (const word of gramWords) {
      let g = 0;
      for (const f of gramsOf(word)) g += this.weights.get(f) ?? 0;
      if (g) add(word, 'spelling', this.gramWeight * g);
    }
    return [...sums.values()]
      .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || a.feature.localeCompare(b.feature))
      .slice(0, k)
      .map((f) => ({ ...f, weight: Math.round(f.weight * 1000) / 1000 }));
  }
}

export function calibrate(score: number, a: number, b: number): number {
  const z = a * score + b;
  const p = 1 / (1 + Math.exp(-z));
  // Round to 4 decimals: stable output, and never NaN.
  return Number.isFinite(p) ? Math.round(p * 10000) / 10000 : z > 0 ? 1 : 0;
}
