import type { TrainConfig } from './train.js';

/**
 * The configurations compared by `evaluate --full` (and `train --select`). CHOSEN is the one
 * `npm run train` trains: the best candidate by the selection rule (./compare.ts: cross-validation
 * and leave-one-origin-out on the training split, never the test split) among those whose model
 * also passes the behaviour checks of the test suite (the clear cases of
 * test/analyze/classifier.test.ts and the scenario replays of test/replay/scenarios.test.ts);
 * `evaluate --full` says so when the rule alone prefers another. On the corpus of 2026-12-06
 * with features v10 (the power-cut context), the rule ranked four candidates above this one:
 * "both" (0.619), "÷ √features" (0.606), "origins weigh equally" (0.603) and "origins weigh
 * 1/√rows" (0.602); each was trained and run through those checks, and each let the jokes of the
 * false-alarm scenario rise to a corroborated incident ("both" and "equally" also saw the S3
 * outage before its first real report). Plain logistic regression (0.601) passes every check and
 * is chosen, as it was after the label audit with features v9 (0.595; naive Bayes failed the
 * clear cases and the linear SVM both scenario checks then, and both rank below it now).
 */
export const CANDIDATES: TrainConfig[] = [
  { algorithm: 'naive-bayes', minDf: 2, socialPositiveWeight: 'balanced', alpha: 0.5 },
  { algorithm: 'logistic-regression', minDf: 2, socialPositiveWeight: 'balanced', lambda: 1e-5, epochs: 8 },
  { algorithm: 'logistic-regression', minDf: 2, socialPositiveWeight: 'balanced', lambda: 1e-5, epochs: 8, originWeight: 'equal' },
  { algorithm: 'logistic-regression', minDf: 2, socialPositiveWeight: 'balanced', lambda: 1e-5, epochs: 8, originWeight: 'sqrt' },
  { algorithm: 'logistic-regression', minDf: 2, socialPositiveWeight: 'balanced', lambda: 1e-5, epochs: 8, normalize: 'sqrt-count' },
  {
    algorithm: 'logistic-regression',
    minDf: 2,
    socialPositiveWeight: 'balanced',
    lambda: 1e-5,
    epochs: 8,
    originWeight: 'equal',
    normalize: 'sqrt-count',
  },
  { algorithm: 'linear-svm', minDf: 2, socialPositiveWeight: 'balanced', lambda: 1e-5, epochs: 8, originWeight: 'equal', normalize: 'sqrt-count' },
];

export const CHOSEN = 1;
