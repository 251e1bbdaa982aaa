import type { TrainConfig } from './train.js';

/**
 * The configurations compared by `evaluate --full` (and `train --select`). CHOSEN is the one
 * `npm run train` trains: the candidate that the selection rule (./compare.ts: cross-validation
 * and leave-one-origin-out on the training split, never the test split) preferred when the
 * comparison last ran; `evaluate --full` says so when the rule now prefers another.
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
