import type { LinearWeights, SparseDoc, TrainSet } from '../dataset.js';
import { seededRandom, shuffled } from './random.js';

/**
 * Stochastic gradient descent on an L2-regularised linear model (Bottou's schedule
 * eta_t = eta0 / (1 + eta0·lambda·t), the weight vector kept as scale × v so that the L2 shrink
 * costs O(1) per step on sparse documents):
 * - `log` loss: logistic regression;
 * - `hinge` loss: a linear SVM.
 * Sample weights scale each step's gradient. The bias is not regularised. Deterministic: the
 * order of each epoch comes from a seeded generator.
 */
export interface SgdOptions {
  loss: 'log' | 'hinge';
  lambda: number;
  epochs: number;
  seed?: number;
}

/** eta0 ~ 1 / the mean squared norm of a document: keeps the first steps from overshooting. */
export function initialStep(docs: readonly SparseDoc[]): number {
  let norm = 0;
  for (const d of docs) for (let j = 0; j < d.val.length; j++) norm += d.val[j] * d.val[j];
  return docs.length ? (0.5 * docs.length) / Math.max(norm, 1) : 0.1;
}

export function fitSgd(set: TrainSet, opts: SgdOptions): LinearWeights {
  const n = set.data.names.length;
  const v = new Float64Array(n);
  let scale = 1;
  let bias = 0;
  const docs = set.members.map((m) => set.data.docs[m]);
  const eta0 = initialStep(docs);
  const random = seededRandom(opts.seed ?? 7);
  let t = 0;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    const order = shuffled(docs.length, random);
    for (let o = 0; o < order.length; o++) {
      const k = order[o];
      const d = docs[k];
      const y = set.labels[k] === 1 ? 1 : -1;
      let z = 0;
      for (let j = 0; j < d.idx.length; j++) {
        const i = d.idx[j];
        if (set.keep[i]) z += v[i] * d.val[j];
      }
      z = z * scale + bias;
      const eta = eta0 / (1 + eta0 * opts.lambda * t);
      t++;
      let g: number;
      if (opts.loss === 'log') g = -y / (1 + Math.exp(y * z));
      else g = y * z < 1 ? -y : 0;
      g *= set.weights[k];
      scale *= 1 - eta * opts.lambda;
      if (scale < 1e-6) {
        for (let i = 0; i < n; i++) v[i] *= scale;
        scale = 1;
      }
      if (g !== 0) {
        const step = (eta * g) / scale;
        for (let j = 0; j < d.idx.length; j++) {
          const i = d.idx[j];
          if (set.keep[i]) v[i] -= step * d.val[j];
        }
        bias -= eta * g;
      }
    }
  }
  for (let i = 0; i < n; i++) v[i] *= scale;
  return { bias, weights: v };
}
