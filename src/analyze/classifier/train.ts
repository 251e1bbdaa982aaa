import { createHash } from 'node:crypto';
import { features, FEATURE_VERSION } from './features.js';
import { foldOf, isOfficialOrigin, type CorpusRow } from './corpus.js';
import { naturalClassifiers, type NaturalClassifier } from './natural.js';
import { calibrate, MODEL_FORMAT, type Metrics, type ModelFile } from './model.js';
import { metrics, round4 } from './metrics.js';

/**
 * Training: natural's classifiers fitted on the corpus features, compiled to feature weights.
 *
 * Model selection runs a group k-fold cross-validation *inside the training split* (folds by
 * group, like the train/test split) for each candidate configuration and keeps the best
 * out-of-fold F1. The same out-of-fold scores give the Platt calibration and the threshold
 * (the calibrated probability that maximises out-of-fold F1). The held-out test split is never
 * looked at here.
 */

export type Algorithm = 'natural-bayes' | 'natural-logistic-regression';

export interface TrainConfig {
  algorithm: Algorithm;
  /** Features must occur in at least this many training documents. */
  minDf: number;
  /** Keep at most this many features (the most frequent); natural's regression is dense. */
  maxFeatures?: number;
  /** Keep only the k features with the highest chi-square association with the label. */
  chi2?: number;
  /** Leave the bigrams out of the vocabulary (unigrams and cues only). */
  unigrams?: boolean;
  /**
   * Each positive that is not a status-page update counts this many times (natural's
   * classifiers take no weights, so the document is added that many times). Status-page
   * updates are ~85% of the positives and written in their own register, while the posts the
   * classifier must judge in production are mostly social; this weighs the two kinds of
   * positive evenly.
   */
  socialPositiveWeight?: number;
}

export function configName(c: TrainConfig): string {
  return (
    `${c.algorithm} minDf=${c.minDf}` +
    (c.maxFeatures ? ` maxFeatures=${c.maxFeatures}` : '') +
    (c.chi2 ? ` chi2=${c.chi2}` : '') +
    (c.unigrams ? ' unigrams' : '') +
    (c.socialPositiveWeight ? ` socialPositiveWeight=${c.socialPositiveWeight}` : '')
  );
}

export interface Compiled {
  bias: number;
  weights: Map<string, number>;
}

function vocabulary(docs: string[][], labels: (0 | 1)[], config: TrainConfig): Set<string> {
  const df = new Map<string, number>();
  const dfPos = new Map<string, number>();
  docs.forEach((d, i) => {
    for (const f of d) {
      if (config.unigrams && f.includes('|')) continue;
      df.set(f, (df.get(f) ?? 0) + 1);
      if (labels[i] === 1) dfPos.set(f, (dfPos.get(f) ?? 0) + 1);
    }
  });
  let kept = [...df].filter(([, n]) => n >= config.minDf);
  const byName = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  if (config.chi2) {
    const n = docs.length;
    const pos = labels.filter((y) => y === 1).length;
    const chi2 = (f: string, a: number): number => {
      // 2x2 table: feature present/absent × positive/negative.
      const b = a - (dfPos.get(f) ?? 0);
      const p = dfPos.get(f) ?? 0;
      const cc = pos - p;
      const d = n - pos - b;
      const num = n * (p * d - b * cc) ** 2;
      const den = (p + b) * (cc + d) * (p + cc) * (b + d);
      return den ? num / den : 0;
    };
    const scored = kept.map(([f, a]) => [f, chi2(f, a)] as [string, number]);
    scored.sort((x, y) => y[1] - x[1] || byName(x[0], y[0]));
    kept = scored.slice(0, config.chi2).map(([f]) => [f, df.get(f) ?? 0]);
  }
  kept.sort((x, y) => y[1] - x[1] || byName(x[0], y[0]));
  if (config.maxFeatures) kept = kept.slice(0, config.maxFeatures);
  return new Set(kept.map(([f]) => f));
}

interface BayesInternals {
  classFeatures: Record<string, Record<string, number>>;
  classTotals: Record<string, number>;
  totalExamples: number;
  smoothing: number;
}
interface SylvesterVector {
  elements: number[];
}
interface LogisticInternals {
  theta: SylvesterVector[];
  classifications: string[];
}

/** Fits natural's classifier and compiles it to one weight per feature. */
/** A training document: its features, label and how many times it counts. */
export interface TrainDoc {
  features: string[];
  label: 0 | 1;
  official: boolean;
}

export function trainDocs(rows: CorpusRow[]): TrainDoc[] {
  return rows.map((r) => ({ features: features(r.text), label: r.label, official: isOfficialOrigin(r.origin) }));
}

export function fit(config: TrainConfig, input: TrainDoc[]): Compiled {
  const docs: string[][] = [];
  const labels: (0 | 1)[] = [];
  for (const d of input) {
    const times = d.label === 1 && !d.official ? (config.socialPositiveWeight ?? 1) : 1;
    for (let k = 0; k < times; k++) {
      docs.push(d.features);
      labels.push(d.label);
    }
  }
  const vocab = vocabulary(docs, labels, config);
  const { BayesClassifier, LogisticRegressionClassifier } = naturalClassifiers();
  const c: NaturalClassifier =
    config.algorithm === 'natural-bayes' ? new BayesClassifier() : new LogisticRegressionClassifier();
  docs.forEach((d, i) => {
    const kept = d.filter((f) => vocab.has(f));
    if (kept.length) c.addDocument(kept, labels[i] === 1 ? '1' : '0');
  });
  // natural's vector for a document is 1/0 per vocabulary feature, in the key order of
  // `features`; its textToFeatures finds them by enumerating that object and calling indexOf for
  // every document, which takes minutes on this corpus. The same vector, from an index:
  const order = Object.keys(c.features);
  const index = new Map(order.map((f, i) => [f, i]));
  c.textToFeatures = (doc: string[]) => {
    const v = new Array<number>(order.length).fill(0);
    for (const f of doc) {
      const i = index.get(f);
      if (i !== undefined) v[i] = 1;
    }
    return v;
  };
  c.train();
  const weights = new Map<string, number>();
  if (config.algorithm === 'natural-bayes') {
    const m = c.classifier as BayesInternals;
    const t1 = m.classTotals['1'];
    const t0 = m.classTotals['0'];
    const c1 = m.classFeatures['1'];
    const c0 = m.classFeatures['0'];
    order.forEach((f, i) => {
      const n1 = c1[i] || m.smoothing;
      const n0 = c0[i] || m.smoothing;
      weights.set(f, Math.log(n1 / t1) - Math.log(n0 / t0));
    });
    return { bias: Math.log(t1) - Math.log(t0), weights };
  }
  const m = c.classifier as LogisticInternals;
  const theta = m.theta[m.classifications.indexOf('1')].elements;
  order.forEach((f, i) => weights.set(f, theta[i]));
  // natural's regression drops its intercept when it predicts: the bias is 0 (calibration adds one).
  return { bias: 0, weights };
}

export function scoreDoc(model: Compiled, doc: string[]): number {
  let s = model.bias;
  for (const f of doc) s += model.weights.get(f) ?? 0;
  return s;
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
  let best = { threshold: 0.5, metrics: metrics(labels, probabilities.map((p) => p >= 0.5)) };
  for (let k = 5; k <= 95; k++) {
    const th = k / 100;
    const m = metrics(labels, probabilities.map((p) => p >= th));
    if (m.f1 > best.metrics.f1 || (m.f1 === best.metrics.f1 && Math.abs(th - 0.5) < Math.abs(best.threshold - 0.5))) {
      best = { threshold: th, metrics: m };
    }
  }
  return best;
}

export interface CvResult {
  config: TrainConfig;
  scores: number[];
  metrics: Metrics;
  seconds: number;
}

/** Group k-fold cross-validation on the given (training) rows. */
export function crossValidate(config: TrainConfig, rows: CorpusRow[], k = 5, log?: (s: string) => void): CvResult {
  const start = Date.now();
  const docs = trainDocs(rows);
  const labels = rows.map((r) => r.label);
  const folds = rows.map((r) => foldOf(r.group, k));
  const scores = new Array<number>(rows.length).fill(0);
  for (let f = 0; f < k; f++) {
    const model = fit(config, docs.filter((_, i) => folds[i] !== f));
    rows.forEach((_, i) => {
      if (folds[i] === f) scores[i] = scoreDoc(model, docs[i].features);
    });
    log?.(`  ${configName(config)}: fold ${f + 1}/${k} done`);
  }
  const { a, b } = plattScale(scores, labels);
  const { metrics: m } = bestThreshold(scores.map((s) => calibrate(s, a, b)), labels);
  return { config, scores, metrics: m, seconds: (Date.now() - start) / 1000 };
}

export function corpusHash(rows: CorpusRow[]): string {
  const h = createHash('sha256');
  for (const r of rows) h.update(`${r.id}\t${r.label}\t${r.text}\n`);
  return h.digest('hex');
}

/**
 * Selects a configuration by cross-validation on the training rows, fits it on all of them and
 * returns the model file.
 */
export function trainModel(
  trainRows: CorpusRow[],
  candidates: TrainConfig[],
  opts: { folds?: number; log?: (s: string) => void; corpusSha256: string },
): ModelFile {
  const log = opts.log ?? (() => {});
  if (trainRows.some((r) => r.split !== 'train')) throw new Error('trainModel: only training rows may be used');
  const results = candidates.map((c) => {
    const r = crossValidate(c, trainRows, opts.folds ?? 5, log);
    log(`${configName(c)}: out-of-fold P ${r.metrics.precision} R ${r.metrics.recall} F1 ${r.metrics.f1} (${r.seconds.toFixed(1)} s)`);
    return r;
  });
  const best = results.reduce((x, y) => (y.metrics.f1 > x.metrics.f1 ? y : x));
  const labels = trainRows.map((r) => r.label);
  const calibration = plattScale(best.scores, labels);
  const { threshold } = bestThreshold(best.scores.map((s) => calibrate(s, calibration.a, calibration.b)), labels);
  log(`chosen: ${configName(best.config)}, threshold ${threshold}`);

  const model = fit(best.config, trainDocs(trainRows));
  const weights: Record<string, number> = {};
  for (const [f, w] of [...model.weights].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    // 5 significant digits keep the file small; the score changes by far less than the threshold step.
    if (w !== 0) weights[f] = Number(w.toPrecision(5));
  }
  return {
    format: MODEL_FORMAT,
    feature_version: FEATURE_VERSION,
    algorithm: best.config.algorithm,
    options: Object.fromEntries(Object.entries(best.config).filter(([k]) => k !== 'algorithm')) as Record<string, number | boolean>,
    threshold,
    threshold_rule:
      'the calibrated probability (0.05-0.95, step 0.01) with the best out-of-fold F1 over the training split; ties nearest 0.5',
    calibration: { a: Number(calibration.a.toPrecision(6)), b: Number(calibration.b.toPrecision(6)) },
    bias: Number(model.bias.toPrecision(8)),
    weights,
    trained_on: {
      corpus_sha256: opts.corpusSha256,
      rows: trainRows.length,
      positives: labels.filter((y) => y === 1).length,
    },
    selection: results.map((r) => ({ config: configName(r.config), metrics: r.metrics, seconds: Math.round(r.seconds) })),
  };
}
