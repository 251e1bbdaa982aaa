import { readCorpus, type CorpusRow, type Split } from './corpus.js';
import { createClassifier, readModel } from './index.js';
import { metrics } from './metrics.js';
import type { Metrics, ModelFile } from './model.js';

export interface EvaluationError {
  id: string;
  origin: string;
  label: 0 | 1;
  probability: number;
  text: string;
}

export interface Evaluation {
  split: Split;
  model: { algorithm: ModelFile['algorithm']; threshold: number; features: number; trained_rows: number };
  rows: number;
  positives: number;
  metrics: Metrics;
  /** Posts judged outages that are not. */
  false_positives: EvaluationError[];
  /** Outage posts the model missed. */
  false_negatives: EvaluationError[];
}

/**
 * Scores the model on one split of the corpus (the held-out `test` split by default) and lists
 * its errors, most confident first.
 */
export async function evaluateModel(opts: { corpusPath?: string; modelPath?: string; split?: Split } = {}): Promise<Evaluation> {
  const split = opts.split ?? 'test';
  const file = await readModel(opts.modelPath);
  const classifier = createClassifier(file);
  const rows: CorpusRow[] = readCorpus(opts.corpusPath).filter((r) => r.split === split);
  const results = rows.map((r) => classifier.classify(r.text));
  const m = metrics(
    rows.map((r) => r.label),
    results.map((r) => r.outage),
  );
  const errors = (label: 0 | 1): EvaluationError[] =>
    rows
      .map((r, i) => ({ r, p: results[i] }))
      .filter(({ r, p }) => r.label === label && p.outage !== (label === 1))
      .sort((a, b) => (label === 0 ? b.p.probability - a.p.probability : a.p.probability - b.p.probability))
      .map(({ r, p }) => ({ id: r.id, origin: r.origin, label: r.label, probability: p.probability, text: r.text }));
  return {
    split,
    model: {
      algorithm: file.algorithm,
      threshold: file.threshold,
      features: Object.keys(file.weights).length,
      trained_rows: file.trained_on.rows,
    },
    rows: rows.length,
    positives: rows.filter((r) => r.label === 1).length,
    metrics: m,
    false_positives: errors(0),
    false_negatives: errors(1),
  };
}
