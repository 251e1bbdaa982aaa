/**
 * Experiment only (`self=1` in scripts/classifier-experiments.ts): which unlabelled texts one
 * round of self-training adds, with which pseudo-label. A teacher's calibrated probability p
 * makes a text a pseudo-outage when p ≥ hi and a pseudo-non-outage when p ≤ lo; texts between
 * are left out. The confident texts are then thinned so that pseudo-outages : pseudo-non-outages
 * is the labelled rows' ratio (the unlabelled posts are mostly not outages, and a prior shifted
 * either way would move the student's calibration away from what the labelled rows say).
 * Which texts are dropped when thinning follows an FNV hash of the row index: a deterministic
 * random subset, not the most confident (those are the easiest and teach the student least).
 */
import { fnv1a } from '../../src/analyze/classifier/corpus.js';

/** Rows a fit adds to its labelled members. */
export interface Pseudo {
  members: number[];
  labels: (0 | 1)[];
  /** Row weight of every pseudo-labelled row (a labelled row weighs 1). */
  weight: number;
}

export interface PseudoOptions {
  hi: number;
  lo: number;
  weight: number;
  /** Labelled positives / labelled negatives; ≤ 0: keep every confident text (no balancing). */
  ratio: number;
}

export function pickPseudo(pool: readonly number[], probs: readonly number[], o: PseudoOptions): Pseudo {
  const order = (m: number): number => fnv1a('pseudo:' + m);
  const pos = pool.filter((_, i) => probs[i] >= o.hi).sort((a, b) => order(a) - order(b));
  const neg = pool.filter((_, i) => probs[i] <= o.lo).sort((a, b) => order(a) - order(b));
  let [p, n] = [pos, neg];
  if (o.ratio > 0) {
    if (pos.length > o.ratio * neg.length) p = pos.slice(0, Math.floor(o.ratio * neg.length));
    else n = neg.slice(0, Math.ceil(pos.length / o.ratio));
  }
  return {
    members: [...p, ...n],
    labels: [...p.map(() => 1 as const), ...n.map(() => 0 as const)],
    weight: o.weight,
  };
}

/** Labelled positives / negatives of some rows. */
export function classRatio(labels: readonly (0 | 1)[]): number {
  const pos = labels.filter((l) => l === 1).length;
  return pos / Math.max(1, labels.length - pos);
}
