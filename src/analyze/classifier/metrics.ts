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
