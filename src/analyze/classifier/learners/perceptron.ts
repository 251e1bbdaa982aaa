import type { LinearWeights, TrainSet } from '../dataset.js';
import { seededRandom, shuffled } from './random.js';

/**
 * The averaged perceptron: a mistake-driven linear classifier whose final weights are the
 * average of the weights after every step (Freund & Schapire), computed with the usual trick
 * (w − u / c, u accumulating c × each update). Sample weights scale each update. Deterministic.
 */
export function fitAveragedPerceptron(set: TrainSet, epochs: number, seed = 11): LinearWeights {
  const n = set.data.names.length;
  const w = new Float64Array(n);
  const u = new Float64Array(n);
  let b = 0;
  let ub = 0;
  let c = 1;
  const docs = set.members.map((m) => set.data.docs[m]);
  const random = seededRandom(seed);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = shuffled(docs.length, random);
    for (let o = 0; o < order.length; o++) {
      const k = order[o];
      const d = docs[k];
      const y = set.labels[k] === 1 ? 1 : -1;
      let z = b;
      for (let j = 0; j < d.idx.length; j++) {
        const i = d.idx[j];
        if (set.keep[i]) z += w[i] * d.val[j];
      }
      if (y * z <= 0) {
        const step = y * set.weights[k];
        for (let j = 0; j < d.idx.length; j++) {
          const i = d.idx[j];
          if (!set.keep[i]) continue;
          w[i] += step * d.val[j];
          u[i] += c * step * d.val[j];
        }
        b += step;
        ub += c * step;
      }
      c++;
    }
  }
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = w[i] - u[i] / c;
  return { bias: b - ub / c, weights };
}
