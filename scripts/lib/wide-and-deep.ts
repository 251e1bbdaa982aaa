/**
 * Experiment only (`algo=wd` in scripts/classifier-experiments.ts): "wide & deep", the linear
 * model plus one hidden ReLU layer over the same sparse features (L2-normalised), trained
 * together by SGD on the log loss. It asks whether interactions a linear model cannot express
 * (a power cut × "outage") are worth a model that is no longer one weight per feature: on the
 * corpus of 2026-12-06 it gained +0.014 social F1 in cross-validation and +0.009 mean
 * leave-one-origin-out F1 over plain logistic regression on the same features, for a model file
 * about 16 times larger whose explanations would no longer add up; it was not adopted.
 */
import type { LinearWeights, SparseDoc, TrainSet } from '../../src/analyze/classifier/dataset.js';
import { seededRandom, shuffled } from '../../src/analyze/classifier/learners/random.js';
import { initialStep } from '../../src/analyze/classifier/learners/sgd.js';

/** The hidden layer: W1 is features × H, row-major; features outside `keep` have no row in use. */
export interface Deep {
  H: number;
  W1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: number;
  keep: Uint8Array;
}
export type WideDeep = LinearWeights & { deep?: Deep };

/** Fills `a` with the hidden activations of a document; returns its 1/L2 norm. */
function hidden(deep: Deep, d: SparseDoc, a: Float32Array): number {
  const { H, W1, b1, keep } = deep;
  a.set(b1);
  let nn = 0;
  for (let j = 0; j < d.idx.length; j++) if (keep[d.idx[j]]) nn += d.val[j] * d.val[j];
  const inv = 1 / Math.sqrt(Math.max(nn, 1));
  for (let j = 0; j < d.idx.length; j++) {
    const i = d.idx[j];
    if (!keep[i]) continue;
    const x = d.val[j] * inv;
    const o = i * H;
    for (let h = 0; h < H; h++) a[h] += W1[o + h] * x;
  }
  for (let h = 0; h < H; h++) if (a[h] < 0) a[h] = 0;
  return inv;
}

export function scoreWD(m: WideDeep, d: SparseDoc): number {
  let s = m.bias;
  for (let k = 0; k < d.idx.length; k++) s += m.weights[d.idx[k]] * d.val[k];
  if (!m.deep) return s;
  const a = new Float32Array(m.deep.H);
  hidden(m.deep, d, a);
  s += m.deep.b2;
  for (let h = 0; h < m.deep.H; h++) s += a[h] * m.deep.w2[h];
  return s;
}

export function fitWideDeep(set: TrainSet, o: { lambda: number; epochs: number; H: number; eta2: number; wd: number }): WideDeep {
  const n = set.data.names.length;
  const H = o.H;
  const random = seededRandom(11);
  const W1 = new Float32Array(n * H);
  for (let i = 0; i < W1.length; i++) W1[i] = (random() - 0.5) * 0.2;
  const deep: Deep = { H, W1, b1: new Float32Array(H), w2: new Float32Array(H).map(() => (random() - 0.5) * 0.2), b2: 0, keep: set.keep };
  const v = new Float64Array(n);
  let bias = 0;
  const docs = set.members.map((m) => set.data.docs[m]);
  const eta0 = initialStep(docs);
  const a = new Float32Array(H);
  const dh = new Float32Array(H);
  let t = 0;
  const total = o.epochs * docs.length;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const order = shuffled(docs.length, random);
    for (let q = 0; q < order.length; q++) {
      const k = order[q];
      const d = docs[k];
      const y = set.labels[k] === 1 ? 1 : -1;
      let z = bias;
      for (let j = 0; j < d.idx.length; j++) if (set.keep[d.idx[j]]) z += v[d.idx[j]] * d.val[j];
      const inv = hidden(deep, d, a);
      z += deep.b2;
      for (let h = 0; h < H; h++) z += a[h] * deep.w2[h];
      const eta = eta0 / (1 + eta0 * o.lambda * t);
      const eta2 = o.eta2 * (1 - t / total);
      t++;
      const g = (-y / (1 + Math.exp(y * z))) * set.weights[k];
      for (let j = 0; j < d.idx.length; j++) {
        const i = d.idx[j];
        if (set.keep[i]) v[i] -= eta * (g * d.val[j] + o.lambda * v[i]);
      }
      bias -= eta * g;
      for (let h = 0; h < H; h++) {
        dh[h] = a[h] > 0 ? g * deep.w2[h] : 0;
        deep.w2[h] -= eta2 * (g * a[h] + o.wd * deep.w2[h]);
        deep.b1[h] -= eta2 * dh[h];
      }
      deep.b2 -= eta2 * g;
      for (let j = 0; j < d.idx.length; j++) {
        const i = d.idx[j];
        if (!set.keep[i]) continue;
        const x = d.val[j] * inv;
        const off = i * H;
        for (let h = 0; h < H; h++) W1[off + h] -= eta2 * (dh[h] * x + o.wd * W1[off + h]);
      }
    }
  }
  return { bias, weights: v, deep };
}
