import { z } from 'zod';
import { FEATURE_VERSION } from './features.js';
import { foldOf, originKey } from './corpus.js';
import { docsOf, keepByDf, scoreSparse, type Dataset, type LinearWeights, type TrainSet } from './dataset.js';
import { fitNaiveBayes } from './learners/naive-bayes.js';
import { fitSgd } from './learners/sgd.js';
import { fitAveragedPerceptron } from './learners/perceptron.js';
import { calibrate, MODEL_FORMAT, modelSchema, type Metrics, type ModelFile } from './model.js';
import { metrics } from './metrics.js';

/**
 * Training: one learner fitted on the corpus features and compiled to bias + feature weights.
 *
 * The procedure for a configuration and a set of training rows (trainProcedure): a group k-fold
 * cross-validation inside those rows gives out-of-fold scores; a Platt calibration is fitted to
 * them, and the threshold is the calibrated probability with the best out-of-fold F1; then the
 * learner is fitted on all the rows. Nothing outside the given rows is looked at, so the same
 * procedure serves the model, each cross-validation and each leave-one-origin-out run.
 */

export type Algorithm = 'naive-bayes' | 'logistic-regression' | 'linear-svm' | 'averaged-perceptron';

export interface TrainConfig {
  algorithm: Algorithm;
  /** Features must occur in at least this many training documents. */
  minDf: number;
  /**
   * Sample weight of each positive that is not a status-page text (`register` headline or
   * social). Status-page updates are written in their own register and were most of the
   * positives, while the posts the classifier judges in production are mostly people's; a
   * weight evens out the two kinds. `balanced`: the ratio of official to other positives in the
   * training rows (at least 1).
   */
  socialPositiveWeight: number | 'balanced';
  /** Naive Bayes smoothing. */
  alpha?: number;
  /** L2 strength of the SGD learners. */
  lambda?: number;
  /** Passes over the data (SGD, perceptron). */
  epochs?: number;
  /**
   * `equal`: every origin (see originKey: `statuspage`, `social/uk-telecom`, ...) weighs the same
   * in training, whatever its number of rows, so that the largest collections do not set the
   * base rate and the style the model learns (the weights are scaled to a mean of 1). `sqrt`:
   * between the two, each row weighs 1/sqrt(rows of its origin), so a large collection still
   * counts for more than a small one, but not in proportion.
   */
  originWeight?: 'equal' | 'sqrt';
  /**
   * `sqrt-count`: each post's feature vector is divided by the square root of its number of
   * listed features, so that a long post does not add up many small weights (the model file
   * records it and the scorer does the same).
   */
  normalize?: 'sqrt-count';
  /**
   * The value of each character n-gram listing, where a word, bigram or cue counts 1 (default 1).
   * Below 1, a word's spelling still helps ("wiifii", "outagee") but the many n-grams of neutral
   * words no longer outweigh, in the normalisation, the one word that reports a failure.
   */
  gramWeight?: number;
}

/**
 * A TrainConfig as a model file records it (`algorithm`, and every other field in `options`, as
 * toModelFile writes them), with the defaults training uses for fields an older file lacks.
 */
const recordedConfig = z.object({
  algorithm: modelSchema.shape.algorithm,
  minDf: z.number().int().min(1).default(1),
  socialPositiveWeight: z.union([z.number().positive(), z.literal('balanced')]).default(1),
  alpha: z.number().positive().optional(),
  lambda: z.number().min(0).optional(),
  epochs: z.number().int().min(1).optional(),
  originWeight: z.enum(['equal', 'sqrt']).optional(),
  normalize: z.literal('sqrt-count').optional(),
  gramWeight: z.number().min(0).optional(),
});

/**
 * The configuration a model file was trained with, so that `evaluate --full` can train it
 * again (leave-one-origin-out) and name it as the comparison does. An option that does not fit
 * is an error naming the key, not a silent default.
 */
export function configOfModel(file: Pick<ModelFile, 'algorithm' | 'options'>): TrainConfig {
  const parsed = recordedConfig.safeParse({ ...file.options, algorithm: file.algorithm });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; ');
    throw new Error(`model file options are not a training configuration: ${issues}`);
  }
  // Absent optional keys stay absent, so configName names it as the comparison names it.
  return parsed.data;
}

export function configName(c: TrainConfig): string {
  const parts: string[] = [c.algorithm, `minDf=${c.minDf}`, `socialPositiveWeight=${c.socialPositiveWeight}`];
  if (c.alpha !== undefined) parts.push(`alpha=${c.alpha}`);
  if (c.lambda !== undefined) parts.push(`lambda=${c.lambda}`);
  if (c.epochs !== undefined) parts.push(`epochs=${c.epochs}`);
  if (c.originWeight !== undefined) parts.push(`originWeight=${c.originWeight}`);
  if (c.normalize !== undefined) parts.push(`normalize=${c.normalize}`);
  if (c.gramWeight !== undefined) parts.push(`gramWeight=${c.gramWeight}`);
  return parts.join(' ');
}

/** Sample weights of the member rows under a configuration. */
export function sampleWeights(data: Dataset, members: number[], config: TrainConfig): number[] {
  let w = config.socialPositiveWeight;
  if (w === 'balanced') {
    let official = 0;
    let other = 0;
    for (const m of members) {
      const r = data.rows[m];
      if (r.label !== 1) continue;
      if (r.register === 'official') official++;
      else other++;
    }
    w = other ? Math.max(1, official / other) : 1;
  }
  const weights = members.map((m) => (data.rows[m].label === 1 && data.rows[m].register !== 'official' ? (w as number) : 1));
  if (config.originWeight === undefined || !members.length) return weights;
  const scale = config.originWeight === 'sqrt' ? Math.sqrt : (n: number): number => n;
  const count = new Map<string, number>();
  const keys = members.map((m) => originKey(data.rows[m].origin));
  for (const k of keys) count.set(k, (count.get(k) ?? 0) + 1);
  const raw = weights.map((x, i) => x / scale(count.get(keys[i]) ?? 1));
  const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
  return raw.map((x) => x / mean);
}

/** Fits the configuration's learner on the member rows of the dataset. */
export function fitConfig(config: TrainConfig, data: Dataset, members: number[]): LinearWeights {
  const set: TrainSet = {
    data: { ...data, docs: docsOf(data, config.normalize, config.gramWeight) },
    members,
    labels: members.map((m) => data.rows[m].label),
    weights: sampleWeights(data, members, config),
    keep: keepByDf(data, members, config.minDf),
  };
  switch (config.algorithm) {
    case 'naive-bayes':
      return fitNaiveBayes(set, config.alpha ?? 0.5);
    case 'logistic-regression':
      return fitSgd(set, { loss: 'log', lambda: config.lambda ?? 1e-5, epochs: config.epochs ?? 8 });
    case 'linear-svm':
      return fitSgd(set, { loss: 'hinge', lambda: config.lambda ?? 1e-5, epochs: config.epochs ?? 8 });
    case 'averaged-perceptron':
      return fitAveragedPerceptron(set, config.epochs ?? 8);
  }
}

/** Platt scaling: a, b minimising the log loss of sigmoid(a * score + b), by Newton's method. */
export function plattScale(scores: number[], labels: (0 | 1)[]): { a: number; b: number } {
  const pos = labels.filter((y) => y === 1).length;
  const neg = labels.length - pos;
  // Platt's smoothed targets keep a and b finite when the classes are separable.
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  const t = labels.map((y) => (y === 1 ? hi : lo));
  // Start from a scale that keeps the sigmoid out of saturation.
  const spread = Math.max(1e-6, Math.sqrt(scores.reduce((s, x) => s + x * x, 0) / Math.max(1, scores.length)));
  let a = 1 / spread;
  let b = 0;
  for (let it = 0; it < 100; it++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    scores.forEach((s, i) => {
      const p = 1 / (1 + Math.exp(-(a * s + b)));
      const d = p - t[i];
      const w = p * (1 - p);
      ga += d * s;
      gb += d;
      haa += w * s * s;
      hab += w * s;
      hbb += w;
    });
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}

/** The probability threshold (0.05 … 0.95) with the best F1; ties go to the one nearest 0.5. */
export function bestThreshold(probabilities: number[], labels: (0 | 1)[]): { threshold: number; metrics: Metrics } {
  let best = {
    threshold: 0.5,
    metrics: metrics(
      labels,
      probabilities.map((p) => p >= 0.5),
    ),
  };
  for (let k = 5; k <= 95; k++) {
    const th = k / 100;
    const m = metrics(
      labels,
      probabilities.map((p) => p >= th),
    );
    if (m.f1 > best.metrics.f1 || (m.f1 === best.metrics.f1 && Math.abs(th - 0.5) < Math.abs(best.threshold - 0.5))) {
      best = { threshold: th, metrics: m };
    }
  }
  return best;
}

/** A configuration trained on some rows: the fitted weights and what the procedure chose. */
export interface Trained {
  config: TrainConfig;
  model: LinearWeights;
  calibration: { a: number; b: number };
  threshold: number;
  /** Out-of-fold calibrated probabilities of the member rows, in member order. */
  oof: number[];
  /** Out-of-fold metrics at the chosen threshold. */
  cv: Metrics;
  seconds: number;
}

/** The procedure (see the top of this file) on the member rows of the dataset. */
export function trainProcedure(config: TrainConfig, data: Dataset, members: number[], k = 5): Trained {
  const start = Date.now();
  const folds = members.map((m) => foldOf(data.rows[m].group, k));
  const scores = new Array<number>(members.length).fill(0);
  for (let f = 0; f < k; f++) {
    const model = fitConfig(
      config,
      data,
      members.filter((_, i) => folds[i] !== f),
    );
    members.forEach((m, i) => {
      if (folds[i] === f) scores[i] = scoreSparse(model, docsOf(data, config.normalize, config.gramWeight)[m]);
    });
  }
  const labels = members.map((m) => data.rows[m].label);
  const calibration = plattScale(scores, labels);
  const oof = scores.map((s) => calibrate(s, calibration.a, calibration.b));
  const { threshold, metrics: cv } = bestThreshold(oof, labels);
  const model = fitConfig(config, data, members);
  return { config, model, calibration, threshold, oof, cv, seconds: (Date.now() - start) / 1000 };
}

/** Calibrated probability of one dataset document under a trained model. */
export function probabilityOf(t: Trained, data: Dataset, doc: number): number {
  return calibrate(scoreSparse(t.model, docsOf(data, t.config.normalize, t.config.gramWeight)[doc]), t.calibration.a, t.calibration.b);
}

/** The model file of a trained configuration. Weights below 1e-6 in size are left out. */
export function toModelFile(
  t: Trained,
  data: Dataset,
  meta: { corpusSha256: string; rows: number; positives: number; selection: ModelFile['selection'] },
): ModelFile {
  const entries: [string, number][] = [];
  t.model.weights.forEach((w, i) => {
    // 5 significant digits keep the file small; the score changes by far less than the threshold step.
    if (Math.abs(w) >= 1e-6) entries.push([data.names[i], Number(w.toPrecision(5))]);
  });
  entries.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const options: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(t.config)) if (k !== 'algorithm' && v !== undefined) options[k] = v as number | string;
  return {
    format: MODEL_FORMAT,
    feature_version: FEATURE_VERSION,
    ...(t.config.normalize ? { normalize: t.config.normalize } : {}),
    ...(t.config.gramWeight !== undefined && t.config.gramWeight !== 1 ? { gram_weight: t.config.gramWeight } : {}),
    algorithm: t.config.algorithm,
    options,
    threshold: t.threshold,
    threshold_rule: 'the calibrated probability (0.05-0.95, step 0.01) with the best out-of-fold F1 over the training split; ties nearest 0.5',
    calibration: { a: Number(t.calibration.a.toPrecision(6)), b: Number(t.calibration.b.toPrecision(6)) },
    bias: Number(t.model.bias.toPrecision(8)),
    weights: Object.fromEntries(entries),
    trained_on: { corpus_sha256: meta.corpusSha256, rows: meta.rows, positives: meta.positives },
    selection: meta.selection,
  };
}
