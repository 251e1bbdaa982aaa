import { REGISTERS, type Register } from './corpus.js';
import type { Dataset } from './dataset.js';
import { loooSplit } from './looo.js';
import { metrics } from './metrics.js';
import type { Metrics } from './model.js';
import { configName, probabilityOf, trainProcedure, type TrainConfig, type Trained } from './train.js';

/**
 * The model comparison: each candidate configuration is judged by
 * - `cv`: group 5-fold cross-validation inside the training split (overall and per register);
 * - `looo`: leave-one-origin-out runs: the whole training procedure (calibration and threshold
 *   included) on the training split without one social origin, scored on every row of that
 *   origin; the *selection* uses only the origin's training-split rows (`train_part`), the
 *   report quotes all of them;
 * - `test`: the model trained on the whole training split, scored per register on the held-out
 *   test split. Reported, never used to choose.
 * The choice (selectionScore) is the mean of the cross-validated F1 on social and on official
 * rows and the worst leave-one-origin-out F1 on training-split rows of a hand-labelled social
 * origin (`social/...`; the rule-labelled `tweets` origin is reported, not used to choose).
 */
export interface LoooFigure {
  origin: string;
  rows: number;
  positives: number;
  metrics: Metrics;
  /** F1 on the origin's training-split rows: what selection may use. */
  train_part_f1: number;
}

export interface CandidateResult {
  config: string;
  cv: Metrics;
  cv_by_register: Record<Register, Metrics>;
  looo: LoooFigure[];
  looo_worst_f1: number | null;
  looo_train_worst_f1: number | null;
  selection_score: number;
  test: Metrics | null;
  test_by_register: Record<Register, Metrics> | null;
  seconds: number;
}

/** Metrics of the rows `docs` (indexes into data.rows) from their probabilities. */
export function metricsOf(data: Dataset, docs: number[], probabilities: number[], threshold: number): Metrics {
  return metrics(
    docs.map((d) => data.rows[d].label),
    probabilities.map((p) => p >= threshold),
  );
}

export function byRegister(data: Dataset, docs: number[], probabilities: number[], threshold: number): Record<Register, Metrics> {
  const out = {} as Record<Register, Metrics>;
  for (const reg of REGISTERS) {
    const keep = docs.map((d, i) => [d, probabilities[i]] as const).filter(([d]) => data.rows[d].register === reg);
    out[reg] = metricsOf(
      data,
      keep.map(([d]) => d),
      keep.map(([, p]) => p),
      threshold,
    );
  }
  return out;
}

function worst(xs: number[]): number | null {
  return xs.length ? Math.min(...xs) : null;
}

/** Leave-one-origin-out figures of one configuration. */
export function looo(config: TrainConfig, data: Dataset, origins: string[], log?: (s: string) => void): LoooFigure[] {
  return origins.map((origin) => {
    const split = loooSplit(data.rows, origin);
    const t = trainProcedure(config, data, split.train);
    const probs = split.heldOut.map((d) => probabilityOf(t, data, d));
    const trainPart = new Set(split.heldOutTrain);
    const partDocs = split.heldOut.filter((d) => trainPart.has(d));
    const partProbs = split.heldOut
      .map((d, i) => [d, probs[i]] as const)
      .filter(([d]) => trainPart.has(d))
      .map(([, p]) => p);
    const m = metricsOf(data, split.heldOut, probs, t.threshold);
    log?.(`  ${configName(config)}: without ${origin}: F1 ${m.f1} on its ${split.heldOut.length} rows`);
    return {
      origin,
      rows: split.heldOut.length,
      positives: split.heldOut.filter((d) => data.rows[d].label === 1).length,
      metrics: m,
      train_part_f1: metricsOf(data, partDocs, partProbs, t.threshold).f1,
    };
  });
}

/**
 * The selection rule: the mean of the out-of-fold F1 of each register (social posts, official
 * text and headlines: each is a way outages are written, and the feed must hear all three) and
 * the worst leave-one-origin-out F1 among the hand-labelled social origins. All of it is measured
 * on the training split; the test split and the bench's template and scenario checks never choose.
 */
export function selectionScore(r: Pick<CandidateResult, 'cv' | 'cv_by_register' | 'looo_train_worst_f1'>): number {
  const parts = [r.cv_by_register.social.f1, r.cv_by_register.official.f1, r.cv_by_register.headline.f1, r.looo_train_worst_f1 ?? r.cv.f1];
  return Math.round((parts.reduce((a, b) => a + b, 0) / parts.length) * 10000) / 10000;
}

/** One row of the comparison table; also returns the configuration trained on the whole training split. */
export function evaluateCandidate(
  config: TrainConfig,
  data: Dataset,
  opts: { origins: string[]; test: boolean; log?: (s: string) => void },
): { result: CandidateResult; trained: Trained } {
  const start = Date.now();
  const train: number[] = [];
  const test: number[] = [];
  data.rows.forEach((r, i) => (r.split === 'train' ? train : test).push(i));
  const trained = trainProcedure(config, data, train);
  const cvByRegister = byRegister(data, train, trained.oof, trained.threshold);
  opts.log?.(`${configName(config)}: out-of-fold F1 ${trained.cv.f1} (social ${cvByRegister.social.f1}, official ${cvByRegister.official.f1})`);
  const figures = looo(config, data, opts.origins, opts.log);
  let testMetrics: Metrics | null = null;
  let testByRegister: Record<Register, Metrics> | null = null;
  if (opts.test) {
    const probs = test.map((d) => probabilityOf(trained, data, d));
    testMetrics = metricsOf(data, test, probs, trained.threshold);
    testByRegister = byRegister(data, test, probs, trained.threshold);
  }
  const partial = {
    cv: trained.cv,
    cv_by_register: cvByRegister,
    // The rule-labelled origins (tweets, crisis) are reported but do not choose: their labels
    // come from keyword rules, not from the guideline.
    looo_train_worst_f1: worst(figures.filter((f) => f.origin.startsWith('social/')).map((f) => f.train_part_f1)),
  };
  return {
    trained,
    result: {
      config: configName(config),
      ...partial,
      looo: figures,
      looo_worst_f1: worst(figures.map((f) => f.metrics.f1)),
      selection_score: selectionScore(partial),
      test: testMetrics,
      test_by_register: testByRegister,
      seconds: Math.round((Date.now() - start) / 100) / 10,
    },
  };
}

/** The candidate the selection rule prefers (ties: the earlier one). */
export function pickBest(results: CandidateResult[]): number {
  let best = 0;
  results.forEach((r, i) => {
    if (r.selection_score > results[best].selection_score) best = i;
  });
  return best;
}
