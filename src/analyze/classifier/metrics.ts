import type { Metrics } from './model.js';

/** Precision, recall, F1 and the confusion matrix of binary predictions (positive = outage). */
export function metrics(labels: readonly (0 | 1)[], predicted: readonly boolean[]): Metrics {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  labels.forEach((y, i) => {
    const p = predicted[i];
    if (p && y === 1) tp++;
    else if (p) fp++;
    else if (y === 1) fn++;
    else tn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, tn, fn, precision: round4(precision), recall: round4(recall), f1: round4(f1) };
}

export function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** Brier score: the mean squared difference between probability and outcome (lower is better). */
export function brier(labels: readonly (0 | 1)[], probabilities: readonly number[]): number {
  if (!labels.length) return 0;
  let s = 0;
  labels.forEach((y, i) => (s += (probabilities[i] - y) ** 2));
  return round4(s / labels.length);
}

/**
 * Expected calibration error over `bins` equal-width probability bins: the mean, weighted by the
 * share of posts in each bin, of |mean probability − share of outages| (lower is better). A
 * probability of exactly 1 falls in the last bin.
 */
export function expectedCalibrationError(labels: readonly (0 | 1)[], probabilities: readonly number[], bins = 10): number {
  if (!labels.length) return 0;
  const n = new Array<number>(bins).fill(0);
  const sumP = new Array<number>(bins).fill(0);
  const sumY = new Array<number>(bins).fill(0);
  labels.forEach((y, i) => {
    const p = probabilities[i];
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    n[b]++;
    sumP[b] += p;
    sumY[b] += y;
  });
  let ece = 0;
  for (let b = 0; b < bins; b++) if (n[b]) ece += (n[b] / labels.length) * Math.abs(sumP[b] / n[b] - sumY[b] / n[b]);
  return round4(ece);
}
