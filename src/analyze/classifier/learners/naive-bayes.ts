import type { LinearWeights, TrainSet } from '../dataset.js';

/**
 * Multinomial naive Bayes over feature counts, weighted by sample weight, with additive
 * smoothing `alpha`. Its decision function is linear: bias = log prior odds, weight of a feature
 * = log P(f | outage) − log P(f | not), so it compiles to the same bias + weights file.
 */
export function fitNaiveBayes(set: TrainSet, alpha: number): LinearWeights {
  const n = set.data.names.length;
  const c1 = new Float64Array(n);
  const c0 = new Float64Array(n);
  let w1 = 0;
  let w0 = 0;
  set.members.forEach((m, k) => {
    const doc = set.data.docs[m];
    const sw = set.weights[k];
    const counts = set.labels[k] === 1 ? c1 : c0;
    if (set.labels[k] === 1) w1 += sw;
    else w0 += sw;
    for (let j = 0; j < doc.idx.length; j++) {
      const i = doc.idx[j];
      if (set.keep[i]) counts[i] += sw * doc.val[j];
    }
  });
  let t1 = 0;
  let t0 = 0;
  let v = 0;
  for (let i = 0; i < n; i++) {
    if (!set.keep[i]) continue;
    t1 += c1[i];
    t0 += c0[i];
    v++;
  }
  const weights = new Float64Array(n);
  const d1 = Math.log(t1 + alpha * v);
  const d0 = Math.log(t0 + alpha * v);
  for (let i = 0; i < n; i++) {
    if (set.keep[i]) weights[i] = Math.log(c1[i] + alpha) - d1 - (Math.log(c0[i] + alpha) - d0);
  }
  return { bias: Math.log(Math.max(w1, 1e-9) / Math.max(w0, 1e-9)), weights };
}
